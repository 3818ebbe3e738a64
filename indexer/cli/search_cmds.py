"""Commands of the search index: index, search, doctor."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from ..model.vocab import KINDS, MAX_QUERY_CHARS, MAX_RESULTS, MODES, SIDES, STANCES, count
from . import app
from .common import JsonOption, KbOption, QuietOption, console, fail, open_kb, print_json
from .tables import hit_table, sides_view


@app.command()
def index(
    kb: KbOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Start the index from scratch.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Sync the search index with corpus/units: only new or changed units are embedded."""
    from ..index.index import sync_index
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
    kind: Annotated[str | None, typer.Option(help=f"{', '.join(KINDS)}.")] = None,
    stakeholder: Annotated[str | None, typer.Option(help="Stakeholder id, e.g. employees.")] = None,
    stance: Annotated[str | None, typer.Option(help=f"{', '.join(STANCES)}.")] = None,
    issue: Annotated[str | None, typer.Option(help="Issue or topic.")] = None,
    article: Annotated[str | None, typer.Option(help="Article slug.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    n: Annotated[int, typer.Option("-n", help=f"Number of results (1-{MAX_RESULTS}).")] = 10,
    mode: Annotated[str, typer.Option(help=f"{', '.join(MODES)}.")] = "hybrid",
    sides: Annotated[bool, typer.Option("--sides", help="Show for and against side by side.")] = False,
    json_: JsonOption = False,
) -> None:
    """Search argument units by meaning, with filters."""
    from ..index.index import Index
    from ..index.search import Filters

    _check_choice("kind", kind, KINDS)
    _check_choice("stance", stance, STANCES)
    _check_choice("mode", mode, MODES)
    if not 1 <= n <= MAX_RESULTS:
        fail(f"-n must be between 1 and {MAX_RESULTS}", 2)
    if not query.strip() or len(query) > MAX_QUERY_CHARS:
        fail(f"the query must have 1 to {MAX_QUERY_CHARS} characters", 2)
    filters = Filters(kind=kind, stakeholder=stakeholder, stance=stance, issue=issue, article=article,
                      since=_date("since", since), until=_date("until", until))
    knowledge_base = open_kb(kb)
    index = Index.open(knowledge_base)
    if index.behind_corpus():
        console(stderr=True).print("warning: units changed since the last `agora index`; run it to search them",
                                   markup=False)
    if sides:
        _print_sides(index, query, filters, n, mode, json_)
        return
    hits = index.search(query, filters=filters, n=n, mode=mode)
    if json_:
        print_json([h.as_dict() for h in hits])
        return
    out = console()
    out.print(hit_table(hits, f"{count(len(hits), 'result')} for {query!r}"), markup=False)
    _say_if_no_good_match(out, hits, query, mode, knowledge_base.settings.good_match)


def _say_if_no_good_match(out, hits, query: str, mode: str, threshold: float) -> None:
    from ..index.search import good_match

    if mode != "lexical" and not good_match(hits, threshold):
        best = max((h.match for h in hits if h.match is not None), default=0)
        out.print(f"no good match for {query!r}: the closest units are only loosely related "
                  f"(best match {best}; {round(100 * threshold)} or more is a good match)", markup=False)


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


def _print_sides(index, query, filters, n, mode, json_: bool) -> None:
    from dataclasses import replace

    sides = {s: index.search(query, filters=replace(filters, stance=s), n=n, mode=mode) for s in SIDES}
    if json_:
        print_json({s: [h.as_dict() for h in hits] for s, hits in sides.items()})
        return
    out = console()
    out.print(sides_view(sides, out.width), markup=False)
    _say_if_no_good_match(out, [h for hits in sides.values() for h in hits], query, mode,
                          index.kb.settings.good_match)


@app.command()
def doctor(
    kb: KbOption = None,
    repair: Annotated[bool, typer.Option("--repair", help="Fix what is found (rebuild-verify-swap).")] = False,
    json_: JsonOption = False,
) -> None:
    """Check corpus files and the search index against each other; --repair fixes them."""
    from .. import Agora

    agora = Agora(open_kb(kb))
    report = agora.diagnose()
    if repair and not report.healthy:
        for line in agora.repair():
            console(stderr=True).print(f"repair: {line}", markup=False)
        report = agora.diagnose()
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
    from ..index.crossref import related_units

    found = related_units(open_kb(kb), unit_id)
    if found is None:
        fail(f"no related arguments for {unit_id} (only for/against units have them; run `agora index`)")
    if json_:
        print_json({"sides": found.sides, **{rel: [u.model_dump() for u in getattr(found, rel)]
                                             for rel in ("also", "counter")}})
        return
    out = console()
    # within an issue, "also" and "counter" follow the unit's side toward the issue's question,
    # not its stance toward its own headline: say which
    sides = ", ".join(f"{side} in {slug}" for slug, side in found.sides.items()) or found.unit.stance
    out.print(f"{sides}: {found.unit.plain_text}", markup=False)
    for rel, label in (("also", "also argued"), ("counter", "counterpoint")):
        for u in getattr(found, rel):
            out.print(f"  {label} ({u.speaker or u.article}): {u.text}", markup=False)
