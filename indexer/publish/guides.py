"""Discussion guides for educators: selected from the knowledge base, edited as YAML, rendered
as a site page and a standalone printable HTML file.

`guide new` writes corpus/guides/<slug>.yml once; the educator owns it from then on.
Rendering only reads it, so re-rendering never loses an edit; a unit that no longer
exists is reported by id, never silently dropped.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources

from ..atomic import write_if_changed
from ..errors import AgoraError
from ..model.articles import Article, Corpus
from ..model.guides import Guide, load_guide, save_guide
from ..model.issues import load_issues
from ..model.kb import KnowledgeBase
from ..model.stakeholders import load_registry
from ..model.units import Unit, strip_quotes, usable_units
from ..model.vocab import ARGUED_KINDS, AUDIENCES
from ..slugs import path_in, slugify, unique_slug
from .render import env

SIDE_SIZE = 4
SAC_STEPS = [("Introduce the question and the sources", 0.10), ("Pairs prepare one side from the cards", 0.20),
             ("Each pair presents its side", 0.15), ("Pairs switch sides and present again", 0.20),
             ("Drop the roles: seek a consensus", 0.20), ("Whole-class debrief", 0.15)]


# -- selection ----------------------------------------------------------------------

def new_guide(kb: KnowledgeBase, title: str, *, issue: str | None = None, query: str | None = None,
              audience: str = "secondary", minutes: int = 45) -> Guide:
    if audience not in AUDIENCES:
        raise AgoraError(f"--audience must be one of {', '.join(AUDIENCES)}")
    if not 15 <= minutes <= 240:
        raise AgoraError("--minutes must be between 15 and 240")
    question, units = _candidate_units(kb, issue, query)
    if not units:
        raise AgoraError("no units found for this guide: check the issue or the query")
    guide = Guide(
        slug=unique_slug(slugify(title, fallback="guide"), {p.stem for p in kb.guides_dir.glob("*.yml")}),
        title=title, question=question or title, audience=audience, minutes=minutes, issue=issue or "",
        query=query or "", learning_goals=_goals(question or title, audience), sections=_sections(units),
        questions={}, activity=_activity(units, minutes))
    guide.questions = _questions(guide, {u.id: u for u in units}, _articles(kb))
    save_guide(kb, guide)
    return guide


def _candidate_units(kb: KnowledgeBase, issue: str | None, query: str | None) -> tuple[str, list[Unit]]:
    usable = usable_units(kb)
    if issue:
        found = {i.slug: i for i in load_issues(kb)}.get(issue)
        if found is None:
            raise AgoraError(f"no issue {issue!r} in corpus/issues/ (see `agora issues`)")
        from ..index.crossref import load as load_crossref

        return found.question, load_crossref(kb).issue_units(found, usable)
    if query:
        from ..index.index import Index

        with Index.open(kb) as index:
            ids = {h.id for h in index.search(query, n=60)}
        return query, [u for u in usable if u.id in ids]
    raise AgoraError("give --issue ISSUE or --query \"...\"")


def _rank(units: list[Unit]) -> list[Unit]:
    """Sourced quotes first, then confident units; one per speaker before seconds."""
    ordered = sorted(units, key=lambda u: (u.kind != "quote", not u.speaker, -u.confidence, u.id))
    seen, first, rest = set(), [], []
    for u in ordered:
        (rest if u.speaker and u.speaker in seen else first).append(u)
        seen.add(u.speaker)
    return first + rest


def _sections(units: list[Unit]) -> dict[str, list[str]]:
    pro = _rank([u for u in units if u.stance == "for" and u.kind in ARGUED_KINDS])
    con = _rank([u for u in units if u.stance == "against" and u.kind in ARGUED_KINDS])
    size = min(SIDE_SIZE, max(len(pro), len(con)))
    background = [u for u in units if u.kind == "claim" and u.stance == "neutral"]
    return {
        "background": [u.id for u in sorted(background, key=lambda u: -u.confidence)[:4]],
        "for": [u.id for u in pro[:size]],
        "against": [u.id for u in con[:size]],
        "risks": [u.id for u in _rank([u for u in units if u.kind == "risk"])[:4]],
        "opportunities": [u.id for u in _rank([u for u in units if u.kind == "opportunity"])[:4]],
    }


def _goals(question: str, audience: str) -> list[str]:
    depth = {"secondary": "explain in their own words", "university": "analyse",
             "professional": "assess for their own organisation"}[audience]
    return [f"Identify who is affected by the question: {question}",
            f"{depth.capitalize()} the strongest sourced argument on each side",
            "Distinguish a reported claim from the evidence offered for it",
            "Form and defend a reasoned position, and state what would change their mind"]


def _questions(guide: Guide, units: dict[str, Unit], articles: dict[str, Article]) -> dict[str, list[str]]:
    def get(section: str) -> list[Unit]:
        return [units[i] for i in guide.sections.get(section, []) if i in units]

    recall, analysis, evaluation = [], [], []
    for u in get("for") + get("against"):
        source = articles[u.article].title if u.article in articles else u.article
        if u.speaker:
            recall.append(f"According to '{source}', what does {u.speaker} argue?")
    for u in get("risks"):
        who = ", ".join(s.id.replace("-", " ") for s in u.stakeholders if s.role == "affected") or "someone"
        analysis.append(f"The source warns: \"{_short(u.text)}\" Why would this affect {who}, and how likely is it?")
    for u in get("opportunities"):
        who = ", ".join(s.id.replace("-", " ") for s in u.stakeholders if s.role == "beneficiary") or "someone"
        analysis.append(f"Who gains if \"{_short(u.text)}\" comes true, and who pays for it? ({who} is named.)")
    for pro, con in zip(get("for"), get("against"), strict=False):
        evaluation.append(f"{pro.speaker or 'One source'} argues \"{_short(pro.text)}\" while "
                          f"{con.speaker or 'another source'} argues \"{_short(con.text)}\". "
                          "Which is better supported by evidence, and what evidence would settle it?")
    evaluation.append(f"After weighing both sides: {guide.question} What is your answer, and what would change it?")
    return {level: list(dict.fromkeys(qs)) for level, qs in
            (("recall", recall[:5]), ("analysis", analysis[:5]), ("evaluation", evaluation[:4]))}


def _short(text: str, words: int = 22) -> str:
    cleaned = " ".join(strip_quotes(text).split())
    parts = cleaned.split()
    return cleaned if len(parts) <= words else " ".join(parts[:words]) + "…"


def _activity(units: list[Unit], minutes: int) -> dict:
    steps, used = [], 0
    for i, (name, share) in enumerate(SAC_STEPS):
        step = minutes - used if i == len(SAC_STEPS) - 1 else round(minutes * share)
        steps.append({"step": name, "minutes": step})
        used += step
    roles = Counter(s.id for u in units for s in u.stakeholders if s.role in ("speaker", "affected", "beneficiary"))
    return {"type": "structured academic controversy", "steps": steps,
            "role_cards": [sid for sid, _ in roles.most_common(6)]}


def _articles(kb: KnowledgeBase) -> dict[str, Article]:
    return Corpus(kb).by_slug()


# -- rendering ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def glossary() -> dict[str, dict]:
    import yaml

    return yaml.safe_load(resources.files("indexer.publish.data").joinpath("glossary.yml").read_text("utf-8"))


def context(kb: KnowledgeBase, guide: Guide) -> dict:
    """Everything a rendering needs; unit ids that no longer exist go to guide.missing."""
    from ..model.entities import build_entities
    from ..model.units import all_units

    known = [u for u in all_units(kb, errors=[])]
    base = load_registry(kb)
    entities = build_entities([u for u in known if u.status != "rejected"], base)
    units = {u.id: u for u in entities.apply(known)}  # stakeholders as one entity each, named as written
    registry = entities.registry(base)
    articles = _articles(kb)
    sections: dict[str, list[Unit]] = {}
    guide.missing = []
    for name, ids in guide.sections.items():
        sections[name] = []
        for uid in ids or []:
            if uid in units and units[uid].status != "rejected":
                sections[name].append(units[uid])
            else:
                guide.missing.append(str(uid))
    chosen = [u for us in sections.values() for u in us]
    return {"guide": guide, "sections": sections, "articles": articles, "name": registry.name_of,
            "map": _stakeholder_map(chosen, registry), "terms": _terms(chosen),
            "sources": sorted({articles[u.article].slug: articles[u.article] for u in chosen
                               if u.article in articles}.values(), key=lambda a: str(a.published or "")),
            "balance": _balance(sections, chosen), "short": _short}


def _stakeholder_map(units: list[Unit], registry) -> list[dict]:
    rows: dict[str, dict] = defaultdict(lambda: {"for": 0, "against": 0, "roles": set(), "voices": set()})
    for u in units:
        for s in u.stakeholders:
            row = rows[s.id]
            row["roles"].add(s.role)
            if u.stance in ("for", "against"):
                row[u.stance] += 1
            if s.role in ("affected", "beneficiary") and u.speaker:
                row["voices"].add(u.speaker)
    return [{"id": sid, "name": registry.name_of(sid), "roles": sorted(r["roles"]), "for": r["for"],
             "against": r["against"], "voices": sorted(r["voices"])}
            for sid, r in sorted(rows.items(), key=lambda kv: -(kv[1]["for"] + kv[1]["against"]))][:12]


def _terms(units: list[Unit]) -> list[tuple[str, str]]:
    text = " ".join(u.text.lower() for u in units)
    return [(term, entry["definition"]) for term, entry in glossary().items()
            if any(m in text for m in entry["match"])]


def _balance(sections: dict[str, list[Unit]], units: list[Unit]) -> list[str]:
    notes = []
    for side in ("for", "against"):
        if not sections.get(side):
            notes.append(f"No sourced argument {side} was found in the knowledge base; none has been invented. "
                         "Ask students what such an argument would need to show.")
    spoken = {s.id for u in units for s in u.stakeholders if s.role == "speaker"}
    for sid in sorted({s.id for u in units for s in u.stakeholders if s.role == "affected"} - spoken)[:4]:
        notes.append(f"{sid.replace('-', ' ').capitalize()} are affected but no source quotes them directly.")
    return notes


def render_texts(kb: KnowledgeBase, slug: str) -> tuple[Guide, str, str]:
    """The site page and the standalone printable HTML of a guide (nothing written)."""
    guide = load_guide(kb, slug)
    ctx = context(kb, guide)
    page = env().get_template("guide.md.j2").render(header=_header(guide), **ctx, printable=f"{slug}.print.html")
    return guide, page, env().get_template("guide.print.html.j2").render(**ctx)


def render(kb: KnowledgeBase, slug: str) -> tuple[Guide, list[str]]:
    """Write docs/guides/<slug>.md (site) and docs/guides/<slug>.print.html (standalone)."""
    guide, page, printable = render_texts(kb, slug)
    folder = kb.docs_dir / "guides"
    folder.mkdir(parents=True, exist_ok=True)
    write_if_changed(path_in(folder, slug, ".md"), page)
    write_if_changed(path_in(folder, slug, ".print.html"), printable)
    return guide, guide.missing


def _header(guide: Guide):
    import yaml
    from markupsafe import Markup

    front = yaml.safe_dump({"title": html.escape(guide.title), "tags": ["guide"]}, allow_unicode=True)
    return Markup(f"---\n{front}---\n<!-- generated by agora from corpus/guides/{guide.slug}.yml -->\n")
