"""Export units for pandas, spreadsheets and argument-mapping tools; import them back.

Formats: jsonl and csv (one row per unit with article metadata), aif (Argument
Interchange Format JSON: I-nodes for units and issues, RA/CA nodes for support/attack)
and argdown (text for the Argdown tools).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from .errors import AgoraError
from .model.articles import Article, Corpus
from .model.kb import KnowledgeBase
from .model.units import Unit, all_units, load_units, save_units

FORMATS = ("jsonl", "csv", "aif", "argdown")
ARTICLE_FIELDS = ("id", "title", "source", "url", "published", "authors", "topics")


def rows(kb: KnowledgeBase, *, kind: str | None = None, stance: str | None = None,
         stakeholder: str | None = None, article: str | None = None,
         include_rejected: bool = False) -> list[tuple[Unit, Article]]:
    articles = Corpus(kb).by_slug()
    out = []
    for u in all_units(kb, errors=[]):
        if u.article not in articles or (u.status == "rejected" and not include_rejected):
            continue
        if (kind and u.kind != kind) or (stance and u.stance != stance) or (article and u.article != article):
            continue
        if stakeholder and stakeholder not in u.stakeholder_ids():
            continue
        out.append((u, articles[u.article]))
    return out


def flat(unit: Unit, article: Article) -> dict:
    row = unit.model_dump()
    row["stakeholders"] = ";".join(f"{s['id']}:{s['role']}" for s in row["stakeholders"])
    for name in ARTICLE_FIELDS:
        value = getattr(article, name)
        row[f"article_{name}"] = ";".join(value) if isinstance(value, list) else str(value or "")
    return row


def export(kb: KnowledgeBase, fmt: str, **filters) -> str:
    if fmt not in FORMATS:
        raise AgoraError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    selected = rows(kb, **filters)
    return {"jsonl": _jsonl, "csv": _csv, "aif": _aif, "argdown": _argdown}[fmt](selected)


def _jsonl(selected) -> str:
    return "".join(json.dumps({**u.model_dump(), "article_meta": _meta(a)}, ensure_ascii=False) + "\n"
                   for u, a in selected)


def _meta(article: Article) -> dict:
    meta = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    meta["published"] = article.published.isoformat() if article.published else ""
    return meta


def _csv(selected) -> str:
    buffer = io.StringIO()
    flats = [flat(u, a) for u, a in selected]
    if flats:
        writer = csv.DictWriter(buffer, fieldnames=list(flats[0]))
        writer.writeheader()
        writer.writerows(flats)
    return buffer.getvalue()


def _aif(selected) -> str:
    nodes, edges = [], []
    issues: dict[str, str] = {}
    for u, a in selected:
        if a.slug not in issues:
            issues[a.slug] = f"issue-{a.id}"
            nodes.append({"nodeID": issues[a.slug], "type": "I", "text": f"The practice reported in: {a.title}"})
        nodes.append({"nodeID": u.id, "type": "I", "text": u.text, "speaker": u.speaker, "kind": u.kind})
        if u.stance in ("for", "against"):
            scheme = f"{'RA' if u.stance == 'for' else 'CA'}-{u.id}"
            nodes.append({"nodeID": scheme, "type": "RA" if u.stance == "for" else "CA",
                          "text": "Default Inference" if u.stance == "for" else "Default Conflict"})
            edges += [{"edgeID": f"e1-{u.id}", "fromID": u.id, "toID": scheme},
                      {"edgeID": f"e2-{u.id}", "fromID": scheme, "toID": issues[a.slug]}]
    return json.dumps({"nodes": nodes, "edges": edges, "locutions": []}, ensure_ascii=False, indent=1) + "\n"


def _argdown(selected) -> str:
    lines, seen = [], set()
    for u, a in selected:
        if a.slug not in seen:
            seen.add(a.slug)
            lines += ["", f"# {_ad(a.title)}", "", f"[{a.slug}]: The practice reported in this article is right."]
        relation = {"for": "  +", "against": "  -"}.get(u.stance, "  _")
        who = f" (#{_ad(u.speaker)})" if u.speaker else ""
        lines.append(f"{relation} <{u.id}>: {_ad(u.text)}{who} #{u.kind}")
    return "\n".join(lines).lstrip() + "\n"


def _ad(text: str) -> str:
    return " ".join(text.replace("[", "(").replace("]", ")").replace("<", "‹").replace(">", "›").split())


def import_jsonl(kb: KnowledgeBase, lines: Iterable[str]) -> tuple[int, list[str]]:
    """Units from another knowledge base's jsonl export, matched to articles by id.
    Returns (units imported, problems); imported analyst decisions win over auto units."""
    from pydantic import ValidationError

    by_id = {a.id: a for a in Corpus(kb).articles(errors=[])}
    incoming: dict[str, list[Unit]] = {}
    problems = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            data.pop("article_meta", None)
            article = by_id.get(str(data.get("id", "")).split("-", 1)[0])
            if article is None:
                problems.append(f"line {n}: no article here matches unit {data.get('id')!r}")
                continue
            unit = Unit.model_validate({**data, "article": article.slug})
        except (json.JSONDecodeError, ValidationError) as exc:
            problems.append(f"line {n}: {exc.__class__.__name__}")
            continue
        if article.body[unit.start:unit.end] != unit.text and unit.status != "edited":
            problems.append(f"line {n}: span {unit.start}:{unit.end} does not match the article text")
            continue
        incoming.setdefault(article.slug, []).append(unit)
    count = 0
    with kb.write_lock():
        for slug, units in incoming.items():
            merged = {u.id: u for u in load_units(kb, slug)}
            for unit in units:
                if not (merged.get(unit.id) and merged[unit.id].reviewed and not unit.reviewed):
                    merged[unit.id] = unit  # an analyst's decision here is never undone by an auto unit
            save_units(kb, slug, merged.values())
            count += len(units)
    return count, problems
