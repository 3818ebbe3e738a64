"""Commands of the search index: index, search, doctor."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from . import app
from .common import JsonOption, KbOption, QuietOption, console, fail, open_kb, print_json


@app.command()
def index(
    kb: KbOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start the index from scratch.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Sync the search index with corpus/units: only new or changed units are embedded."""
    from ..index.sync import sync_index
    from .progress import progress_updates

    knowledge_base = open_kb(kb)
    with progress_updates("indexing units", quiet=quiet) as update:
        summary = sync_index(knowledge_base, rebuild=rebuild, on_progress=update)
    if not quiet:
        console(stderr=True).print(f"index: {summary}")


@app.command()
def search(
    query: str,
    kb: KbOption = None,
    kind: Annotated[str | None, typer.Option(help="claim, risk, opportunity or quote.")] = None,
    stakeholder: Annotated[str | None, typer.Option(help="Stakeholder id, e.g. employees.")] = None,
    stance: Annotated[str | None, typer.Option(help="for, against or neutral.")] = None,
    issue: Annotated[str | None, typer.Option(help="Issue or topic.")] = None,
    article: Annotated[str | None, typer.Option(help="Article slug.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    n: Annotated[int, typer.Option("-n", help="Number of results (1-100).")] = 10,
    mode: Annotated[str, typer.Option(help="dense, lexical or hybrid.")] = "hybrid",
    sides: Annotated[bool, typer.Option("--sides", help="Show for and against side by side.")] = False,
    json_: JsonOption = False,
) -> None:
    """Search argument units by meaning, with filters."""
    from ..index.search import Filters, Searcher
    from ..units import KINDS, STANCES

    _check_choice("kind", kind, KINDS)
    _check_choice("stance", stance, STANCES)
    _check_choice("mode", mode, ("dense", "lexical", "hybrid"))
    if not 1 <= n <= 100:
        fail("-n must be between 1 and 100", 2)
    if not query.strip() or len(query) > 1000:
        fail("the query must have 1 to 1000 characters", 2)
    filters = Filters(kind=kind, stakeholder=stakeholder, stance=stance, issue=issue, article=article,
                      since=_date("since", since), until=_date("until", until))
    searcher = Searcher(open_kb(kb))
    if sides:
        _print_sides(searcher, query, filters, n, mode, json_)
        return
    hits = searcher.search(query, filters=filters, n=n, mode=mode)
    if json_:
        print_json([h.__dict__ for h in hits])
    else:
        _print_hits(hits, query)


def _check_choice(name: str, value: str | None, choices) -> None:
    if value is not None and value not in choices:
        fail(f"--{name} must be one of {', '.join(choices)}, not {value!r}", 2)


def _date(name: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--{name} {value!r} is not a date (YYYY-MM-DD)", 2)


def _hit_table(hits, title: str):
    from rich.table import Table

    table = Table(title=title, show_lines=True)
    for column, width in (("score", 6), ("kind", 11), ("stance", 7), ("who", 18), ("text", 60), ("article", 24)):
        table.add_column(column, max_width=width, overflow="fold")
    for h in hits:
        who = h.speaker or ", ".join(h.stakeholders[:2])
        table.add_row(f"{h.score:.3f}", h.kind, h.stance, who, h.text, f"{h.title} ({h.published or 'n.d.'})")
    return table


def _print_hits(hits, query: str) -> None:
    console().print(_hit_table(hits, f"{len(hits)} results for {query!r}"), markup=False)


def _print_sides(searcher, query, filters, n, mode, json_: bool) -> None:
    from dataclasses import replace

    sides = {s: searcher.search(query, filters=replace(filters, stance=s), n=n, mode=mode) for s in ("for", "against")}
    if json_:
        print_json({s: [h.__dict__ for h in hits] for s, hits in sides.items()})
        return
    from rich.columns import Columns

    console().print(Columns([_hit_table(sides["for"], "for"), _hit_table(sides["against"], "against")]))


@app.command()
def doctor(
    kb: KbOption = None,
    repair: Annotated[bool, typer.Option("--repair", help="Fix what is found (rebuild-verify-swap).")] = False,
    json_: JsonOption = False,
) -> None:
    """Check corpus files and the search index against each other; --repair fixes them."""
    from ..index import doctor as doc

    knowledge_base = open_kb(kb)
    report = doc.diagnose(knowledge_base)
    if repair and not report.healthy:
        for line in doc.repair(knowledge_base):
            console(stderr=True).print(f"repair: {line}", markup=False)
        report = doc.diagnose(knowledge_base)
    if json_:
        print_json({"healthy": report.healthy, "problems": report.problems, "notes": report.notes})
    else:
        for line in report.notes:
            console().print(line, markup=False)
        for line in report.problems:
            console().print(f"problem: {line}", markup=False)
        console().print("healthy" if report.healthy else "run `agora doctor --repair` to fix", markup=False)
    if not report.healthy:
        raise typer.Exit(1)


@app.command()
def related(unit_id: str, kb: KbOption = None, json_: JsonOption = False) -> None:
    """Arguments from other articles: the same side ('also argued by') and the other side (counterpoints)."""
    from ..crossref import load
    from ..errors import UnitNotFound
    from ..units import all_units

    knowledge_base = open_kb(kb)
    units = {u.id: u for u in all_units(knowledge_base, errors=[])}  # one pass, not one per id
    unit = units.get(unit_id)
    if unit is None:
        raise UnitNotFound(f"no unit {unit_id!r} (ids look like <article-id>-<start>-<end>; see `agora search`)")
    links = load(knowledge_base).get("related", {}).get(unit.id)
    if links is None:
        fail(f"no related arguments for {unit_id} (only for/against units have them; run `agora index`)")
    found = {rel: [units[i] for i in ids if i in units] for rel, ids in links.items()}
    if json_:
        print_json({rel: [u.model_dump() for u in units] for rel, units in found.items()})
        return
    out = console()
    out.print(f"{unit.stance}: {unit.text}", markup=False)
    for rel, label in (("also", "also argued"), ("counter", "counterpoint")):
        for u in found[rel]:
            out.print(f"  {label} ({u.stance}, {u.speaker or u.article}): {u.text}", markup=False)
