"""The knowledge base as one SQLite database for Datasette: articles, units, stakeholders,
issues and key points, with foreign keys, full-text search and a view of every argument
placed in its issue, so the long tail the static site leaves out can be faceted and queried.

Written with sqlite-utils into a temporary file that replaces the old one only when complete;
the database is derived and can always be rebuilt from corpus/ and the index.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

from ..model.vocab import SIDES
from .context import SiteContext

BATCH = 2000
ARGUMENTS_VIEW = """
select units.text, units.speaker, issue_units.side, units.kind, units.speaker_group, issue_units.issue,
       articles.title as article_title, articles.outlet, articles.published, units.quote_type, units.modality,
       units.speaker_id, units.article, issue_units.unit, units.rowid as unit_rowid
from issue_units
join units on units.id = issue_units.unit
join articles on articles.slug = units.article
"""
SIDES_BY_GROUP = """
select issues.title as issue, units.speaker_group, issue_units.side, count(*) as units
from issue_units join units on units.id = issue_units.unit join issues on issues.slug = issue_units.issue
where units.speaker_group is not null and (:issue = '' or issue_units.issue = :issue)
group by issue_units.issue, units.speaker_group, issue_units.side
order by issue_units.issue, units desc
"""


def write_database(ctx: SiteContext, path: Path) -> dict[str, int]:
    """Write the database and its Datasette metadata (`<name>.metadata.json`) beside it;
    returns the rows per table."""
    import sqlite_utils

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    db = sqlite_utils.Database(partial)
    counts = _fill(db, ctx)
    db.conn.commit()
    db.close()
    os.replace(partial, path)
    metadata_path(path).write_text(json.dumps(metadata(ctx, path.stem), indent=2, ensure_ascii=False) + "\n",
                                   encoding="utf-8")
    return counts


def metadata_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}.metadata.json")


def _fill(db, ctx: SiteContext) -> dict[str, int]:
    tables = {
        "articles": (_articles(ctx), "slug", []),
        "stakeholders": (_stakeholders(ctx), "id", []),
        "issues": (_issues(ctx), "slug", []),
        "units": (_units(ctx), "id", [("article", "articles", "slug"), ("speaker_id", "stakeholders", "id"),
                                       ("speaker_group", "stakeholders", "id")]),
        "unit_stakeholders": (_unit_stakeholders(ctx), ("unit", "stakeholder", "role"),
                              [("unit", "units", "id"), ("stakeholder", "stakeholders", "id")]),
        "issue_units": (_issue_units(ctx), ("issue", "unit"),
                        [("issue", "issues", "slug"), ("unit", "units", "id")]),
        "key_points": (_key_points(ctx), "id", [("issue", "issues", "slug"), ("unit", "units", "id")]),
        "key_point_units": (_key_point_units(ctx), ("key_point", "unit"),
                            [("key_point", "key_points", "id"), ("unit", "units", "id")]),
    }
    counts = {}
    for name, (rows, pk, foreign_keys) in tables.items():
        table = db[name]
        table.create(COLUMNS[name], pk=pk, foreign_keys=foreign_keys, not_null=set(_pks(pk)))
        table.insert_all(rows, batch_size=BATCH)
        counts[name] = table.count
    for name, columns in FACETED.items():
        for column in columns:
            db[name].create_index([column], if_not_exists=True)
    for name, columns in SEARCHED.items():
        db[name].enable_fts(columns, tokenize="porter", create_triggers=False)
    db.create_view("arguments", ARGUMENTS_VIEW.strip())
    return counts


def _pks(pk) -> tuple:
    return (pk,) if isinstance(pk, str) else pk


COLUMNS = {
    "articles": {"slug": str, "id": str, "title": str, "outlet": str, "url": str, "published": str,
                 "authors": str, "topics": str, "language": str, "words": int, "units": int},
    "stakeholders": {"id": str, "name": str, "kind": str, "aliases": str, "said": int, "about": int},
    "issues": {"slug": str, "title": str, "question": str, "status": str, "description": str,
               "articles": int, "for_units": int, "against_units": int, "neutral_units": int},
    "units": {"id": str, "article": str, "kind": str, "quote_type": str, "text": str, "speaker": str,
              "speaker_id": str, "speaker_title": str, "speaker_group": str, "stance": str, "modality": str,
              "confidence": float, "status": str, "cue": str, "start": int, "end": int, "outlet": str,
              "published": str},
    "unit_stakeholders": {"unit": str, "stakeholder": str, "role": str},
    "issue_units": {"issue": str, "unit": str, "side": str},
    "key_points": {"id": str, "issue": str, "side": str, "text": str, "unit": str, "size": int, "articles": int,
                   "stakeholders": int, "first_seen": str, "last_seen": str},
    "key_point_units": {"key_point": str, "unit": str},
}
FACETED = {"units": ["kind", "stance", "speaker_id", "speaker_group", "outlet", "published", "article"],
           "issue_units": ["side"], "key_points": ["issue", "side"], "unit_stakeholders": ["stakeholder", "role"]}
SEARCHED = {"units": ["text", "speaker", "speaker_title"], "articles": ["title", "authors"],
            "issues": ["title", "question", "description"], "key_points": ["text"],
            "stakeholders": ["name", "aliases"]}


def _articles(ctx: SiteContext) -> Iterator[dict]:
    for slug, a in ctx.articles.items():
        yield {"slug": slug, "id": a.id, "title": a.title, "outlet": a.source or None, "url": a.url,
               "published": _date(a), "authors": ", ".join(a.authors),
               "topics": ", ".join(a.topics), "language": a.language, "words": len(a.body.split()),
               "units": len(ctx.by_article.get(slug, []))}


def _date(article) -> str | None:
    return article.published.isoformat() if article.published else None


def _stakeholders(ctx: SiteContext) -> Iterator[dict]:
    said, about = ctx.by_stakeholder
    for sid in sorted(set(said) | set(about) | set(filter(None, ctx.speaker_groups.values()))):
        entry = ctx.registry.entries.get(sid)
        yield {"id": sid, "name": ctx.registry.name_of(sid), "kind": ctx.registry.kind_of(sid) or "organisation",
               "aliases": ", ".join(entry.aliases) if entry else "", "said": len(said.get(sid, [])),
               "about": len(about.get(sid, []))}


def _issues(ctx: SiteContext) -> Iterator[dict]:
    for issue in ctx.issues:
        units = ctx.issue_units(issue)
        counts = {side: sum(u.stance == side for u in units) for side in (*SIDES, "neutral")}
        yield {"slug": issue.slug, "title": issue.title or issue.question, "question": issue.question,
               "status": issue.status, "description": issue.description,
               "articles": len(ctx.issue_articles(issue)), "for_units": counts["for"],
               "against_units": counts["against"], "neutral_units": counts["neutral"]}


def _units(ctx: SiteContext) -> Iterator[dict]:
    for u in ctx.units:
        article = ctx.articles[u.article]
        yield {"id": u.id, "article": u.article, "kind": u.kind, "quote_type": u.quote_type, "text": u.plain_text,
               "speaker": u.speaker, "speaker_id": u.speaker_id or None, "speaker_title": u.speaker_title,
               "speaker_group": ctx.speaker_groups.get(u.id), "stance": u.stance, "modality": u.modality,
               "confidence": u.confidence, "status": u.status, "cue": u.cue, "start": u.start, "end": u.end,
               "outlet": article.source or None, "published": _date(article)}


def _unit_stakeholders(ctx: SiteContext) -> Iterator[dict]:
    for u in ctx.units:
        for s in u.stakeholders:
            yield {"unit": u.id, "stakeholder": s.id, "role": s.role}


def _issue_units(ctx: SiteContext) -> Iterator[dict]:
    for issue in ctx.issues:
        for u in ctx.issue_units(issue):
            yield {"issue": issue.slug, "unit": u.id, "side": u.stance}


def _key_points(ctx: SiteContext) -> Iterator[dict]:
    for slug, issue_id, side, point in _each_point(ctx):
        yield {"id": issue_id, "issue": slug, "side": side, "text": ctx.by_id[point.representative].plain_text,
               "unit": point.representative, "size": len(point.units), "articles": point.articles,
               "stakeholders": point.stakeholders, "first_seen": point.first_seen, "last_seen": point.last_seen}


def _key_point_units(ctx: SiteContext) -> Iterator[dict]:
    for _, point_id, _, point in _each_point(ctx):
        for uid in dict.fromkeys(point.units):
            if uid in ctx.by_id:
                yield {"key_point": point_id, "unit": uid}


def _each_point(ctx: SiteContext):
    live = {i.slug for i in ctx.issues}
    for slug, result in ctx.crossref.issues.items():
        if slug not in live:
            continue
        for side, points in result.keypoints.items():
            for n, point in enumerate(points, start=1):
                if point.representative in ctx.by_id:
                    yield slug, f"{slug}/{side}/{n}", side, point


def metadata(ctx: SiteContext, name: str) -> dict:
    """Datasette's metadata: what each table holds, its facets and its label column."""
    return {
        "title": "Agora knowledge base",
        "description": "Arguments in tech-ethics news: who argues what, for whom, on which side. "
                       "Start with the arguments view: every unit placed in its issue, faceted by side.",
        "databases": {name: {
            "tables": TABLES_METADATA,
            "queries": {"sides_by_group": {
                "title": "Sides by stakeholder group",
                "description": "How many arguments each speaker group makes for and against each issue "
                               "(leave issue empty for all issues).",
                "sql": SIDES_BY_GROUP.strip()}},
        }},
    }


TABLES_METADATA = {
    "arguments": {
        "description": "Every unit placed in an issue, with its side toward the issue's question.",
        "facets": ["issue", "side", "kind", "speaker_group", "speaker", "outlet"],
        "fts_table": "units_fts", "fts_pk": "unit_rowid", "sort_desc": "published",
        "columns": {"side": "for, against or neutral toward the issue's question",
                    "speaker_group": "the group the speaker speaks as (unions, employees, regulators...)"},
    },
    "units": {
        "description": "Argument units: claims, risks, opportunities and quotes, one row each.",
        "facets": ["kind", "stance", "speaker_group", "outlet", "published"],
        "label_column": "text", "sort_desc": "published",
        "columns": {"stance": "toward the practice the article reports, as extracted",
                    "start": "character offset of the span in the article's body",
                    "speaker_group": "the group the speaker speaks as",
                    "status": "auto, accepted, edited or rejected by an analyst"},
    },
    "articles": {"description": "The articles of corpus/articles.", "facets": ["outlet", "published"],
                 "label_column": "title", "sort_desc": "published"},
    "stakeholders": {"description": "One entity per person, organisation or group, duplicates merged.",
                     "facets": ["kind"], "label_column": "name", "sort_desc": "said",
                     "columns": {"said": "units they are the speaker of", "about": "units about them"}},
    "issues": {"description": "The questions debated: the analyst's (curated) and the machine's (proposed).",
               "facets": ["status"], "label_column": "title"},
    "issue_units": {"description": "Which units belong to which issue, and their side toward its question.",
                    "facets": ["issue", "side"]},
    "key_points": {"description": "What many articles say: groups of units per side of an issue.",
                   "facets": ["issue", "side"], "label_column": "text", "sort_desc": "size"},
    "key_point_units": {"description": "The units each key point groups.", "facets": ["key_point"]},
    "unit_stakeholders": {"description": "The stakeholders each unit speaks for or about, with their role.",
                          "facets": ["role", "stakeholder"]},
}


def refresh_database(kb, path: Path) -> bool:
    """Export the database unless it is newer than every corpus file and the index's results;
    returns whether it was written."""
    sources = [p for p in kb.corpus_dir.rglob("*") if p.is_file()]
    from ..index.results import FILE
    from ..model.issues import PROPOSALS

    sources += [p for p in (kb.state_dir / FILE, kb.state_dir / PROPOSALS) if p.exists()]
    newest = max((p.stat().st_mtime for p in sources), default=0.0)
    if path.exists() and metadata_path(path).exists() and path.stat().st_mtime > newest:
        return False
    write_database(SiteContext.load(kb), path)
    return True
