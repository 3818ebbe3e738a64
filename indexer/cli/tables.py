"""Tables for a terminal of 80 columns or more: ids never wrap (a short unit id that `related`,
`unit accept` and `show` take), text wraps at words and is cut before it gets long."""

from __future__ import annotations

from ..model.vocab import count

MAX_TEXT = 280
SIDE_BY_SIDE = 150  # columns from which --sides puts for and against next to each other


def cut(text: str, limit: int = MAX_TEXT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rsplit(" ", 1)[0] + "…"


def _table(title: str | None, columns: list[tuple[str, dict]]):
    from rich import box
    from rich.table import Table

    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, expand=True, title_justify="left")
    for name, options in columns:
        table.add_column(name, **options)
    return table


FIXED = {"no_wrap": True}
WRAPPED = {"ratio": 1, "overflow": "fold"}


def hit_table(hits, title: str | None, *, compact: bool = False):
    """Search results: short id, match (0-100), kind and stance, then the text with its speaker
    and, dimmed under it, the article it comes from."""
    from rich.text import Text

    from ..model.units import short_id

    columns = [("id", FIXED), ("match", {**FIXED, "justify": "right"})]
    if not compact:
        columns += [("kind", FIXED), ("stance", FIXED)]
    table = _table(title, [*columns, ("argument", WRAPPED)])
    for h in hits:
        cell = Text(cut(h.text))
        if h.speaker:
            cell.append(f" — {h.speaker}", style="italic")
        cell.append(f"\n{cut(h.title, 120)} ({h.published or 'n.d.'})", style="dim")
        match = "-" if h.match is None else str(h.match)
        table.add_row(short_id(h.id), match, *(() if compact else (h.kind, h.stance)), cell)
    return table


def sides_view(sides: dict, width: int):
    """For and against next to each other on a wide terminal, one under the other otherwise."""
    from rich.console import Group
    from rich.table import Table

    tables = [hit_table(hits, f"{side}: {count(len(hits), 'result')}", compact=width >= SIDE_BY_SIDE)
              for side, hits in sides.items()]
    if width < SIDE_BY_SIDE:
        return Group(*tables)
    grid = Table.grid(expand=True, padding=(0, 2))
    for _ in tables:
        grid.add_column(ratio=1)
    grid.add_row(*tables)
    return grid


def article_table(articles, counts: dict[str, int]):
    """Articles, newest first: the article id's first characters (which `show`, `extract` and
    `remove` take, as they take the slug), the title, outlet, date, language and units."""
    from ..model.units import SHORT_ARTICLE_ID

    table = _table(count(len(articles), "article"), [
        ("id", FIXED), ("title", WRAPPED), ("outlet", {"overflow": "ellipsis", "max_width": 18, "no_wrap": True}),
        ("published", FIXED), ("lang", FIXED), ("units", {**FIXED, "justify": "right"})])
    for a in sorted(articles, key=lambda a: (str(a.published or ""), a.slug), reverse=True):
        units = str(counts.get(a.slug, 0)) if a.language == "en" else "-"  # stored, not extracted
        table.add_row(a.id[:SHORT_ARTICLE_ID], cut(a.title, 160), a.source, str(a.published or ""), a.language, units)
    return table


def issue_table(rows):
    """Issues: the slug (never wrapped) with its question under it, status, articles and units
    per side."""
    from rich.text import Text

    proposed = sum(r.status == "proposed" for r in rows)
    numbers = {**FIXED, "justify": "right"}
    widest = max((len(r.slug) for r in rows), default=10)
    table = _table(f"{count(len(rows), 'issue')} ({proposed} proposed)", [
        ("issue", {"ratio": 1, "min_width": widest}), ("status", FIXED), ("arts", numbers), ("for", numbers),
        ("agst", numbers), ("neut", numbers)])
    for r in rows:
        cell = Text(r.slug, style="bold")
        cell.append(f"\n{cut(r.question, 160)}", style="dim")
        table.add_row(cell, r.status, str(r.articles), *(str(r.counts[s]) for s in ("for", "against", "neutral")))
    return table


def unit_table(units, title: str):
    """An article's units: short id, kind, stance, speaker and text."""
    from rich.text import Text

    from ..model.units import short_id

    table = _table(title, [("id", FIXED), ("kind", FIXED), ("stance", FIXED), ("unit", WRAPPED)])
    for u in units:
        cell = Text(cut(u.plain_text))
        if u.speaker:
            cell.append(f" — {u.speaker}", style="italic")
        table.add_row(short_id(u.id), u.kind, u.stance, cell)
    return table


KIND_SHORT = {"person": "person", "organisation": "org", "group": "group"}


def stakeholder_table(entities, title: str, width: int = 80):
    """Stakeholders: the id `unit edit --stakeholder` takes (never cut), name, kind, mentions and
    quotes; the aliases from 100 columns on."""
    columns = [("id", FIXED), ("name", {"no_wrap": True, "overflow": "ellipsis", "ratio": 1}), ("kind", FIXED),
               ("mentions", {**FIXED, "justify": "right"}), ("quotes", {**FIXED, "justify": "right"})]
    aliases = width >= 100
    if aliases:
        columns.append(("aliases", {"no_wrap": True, "overflow": "ellipsis", "ratio": 1}))
    table = _table(title, columns)
    for e in entities:
        row = [e.id, e.name, KIND_SHORT.get(e.kind, e.kind), str(e.mentions), str(e.quotes)]
        table.add_row(*row, *([", ".join(sorted(e.aliases))] if aliases else []))
    return table


def guide_table(guides):
    """Guides: the slug `guide render` takes (never wrapped), title, audience and minutes."""
    table = _table(count(len(guides), "guide"), [("slug", FIXED), ("title", WRAPPED), ("audience", FIXED),
                                                 ("minutes", {**FIXED, "justify": "right"})])
    for g in guides:
        table.add_row(g.slug, g.title, g.audience, str(g.minutes))
    return table
