"""The analyst's commands: review, unit accept/reject/edit/add, stakeholder merge/rename,
export, import, eval."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ..model.vocab import KINDS, STANCES
from . import app
from .common import JsonOption, KbOption, console, fail, open_kb, print_json

unit_app = typer.Typer(help="Accept, reject, edit or add argument units.", no_args_is_help=True)
stakeholder_app = typer.Typer(help="List, merge and rename stakeholders.", no_args_is_help=True)
app.add_typer(unit_app, name="unit")
app.add_typer(stakeholder_app, name="stakeholder")
DONE = {"a": "accepted", "r": "rejected", "e": "edited"}
ByOption = Annotated[str | None, typer.Option("--by", help="Reviewer name (default: git user.name).")]


@unit_app.command("accept")
def unit_accept(ids: list[str], kb: KbOption = None, by: ByOption = None) -> None:
    """Mark units as accepted."""
    from ..curation import set_status

    for u in set_status(open_kb(kb), ids, "accepted", by):
        console(stderr=True).print(f"accepted {u.id}", markup=False)


@unit_app.command("reject")
def unit_reject(ids: list[str], kb: KbOption = None, by: ByOption = None) -> None:
    """Mark units as rejected (hidden from search and site, kept as gold)."""
    from ..curation import set_status

    for u in set_status(open_kb(kb), ids, "rejected", by):
        console(stderr=True).print(f"rejected {u.id}", markup=False)


@unit_app.command("edit")
def unit_edit(
    unit_id: str,
    kb: KbOption = None,
    stance: Annotated[str | None, typer.Option(help=f"{', '.join(STANCES)}.")] = None,
    kind: Annotated[str | None, typer.Option(help=f"{', '.join(KINDS)}.")] = None,
    speaker: Annotated[str | None, typer.Option(help="Speaker name.")] = None,
    speaker_title: Annotated[str | None, typer.Option("--title", help="Speaker's title/affiliation.")] = None,
    text: Annotated[str | None, typer.Option(help="Corrected text.")] = None,
    stakeholder: Annotated[list[str] | None, typer.Option(help="id[:role], repeatable; replaces the list.")] = None,
    note: Annotated[str | None, typer.Option(help="A note for readers.")] = None,
    by: ByOption = None,
) -> None:
    """Correct a unit; it becomes `edited` and survives re-extraction."""
    from ..curation import edit_unit

    unit = edit_unit(open_kb(kb), unit_id, by=by, stance=stance, kind=kind, speaker=speaker,
                     speaker_title=speaker_title, text=text, stakeholders=stakeholder, note=note)
    console(stderr=True).print(f"edited {unit.id}", markup=False)


@unit_app.command("add")
def unit_add(
    slug: str,
    start: Annotated[int, typer.Option(help="Start character in the article body.")],
    end: Annotated[int, typer.Option(help="End character (exclusive).")],
    kind: Annotated[str, typer.Option(help=f"{', '.join(KINDS)}.")] = "claim",
    speaker: Annotated[str, typer.Option(help="Speaker name (quotes).")] = "",
    stance: Annotated[str, typer.Option(help=f"{', '.join(STANCES)}.")] = "neutral",
    stakeholder: Annotated[list[str] | None, typer.Option(help="id[:role], repeatable.")] = None,
    kb: KbOption = None,
    by: ByOption = None,
) -> None:
    """Add a unit the machine missed, by its character span."""
    from ..curation import add_unit

    if kind not in KINDS or stance not in STANCES:
        fail(f"--kind must be one of {', '.join(KINDS)} and --stance one of {', '.join(STANCES)}", 2)
    unit = add_unit(open_kb(kb), slug, start, end, kind, speaker=speaker, stance=stance,
                    stakeholders=stakeholder, by=by)
    console(stderr=True).print(f"added {unit.id}: {unit.text}", markup=False)


@stakeholder_app.command("list")
def stakeholder_list(
    kb: KbOption = None,
    kind: Annotated[str | None, typer.Option(help="person, organisation or group.")] = None,
    n: Annotated[int, typer.Option("-n", help="How many, most mentioned first (0 = all).")] = 50,
    json_: JsonOption = False,
) -> None:
    """The stakeholders across the knowledge base: one entry per person, organisation or group."""
    from ..model.entities import build_entities
    from ..model.stakeholders import load_registry
    from ..model.units import usable_units

    knowledge_base = open_kb(kb)
    entities = build_entities(usable_units(knowledge_base), load_registry(knowledge_base))
    rows = sorted((e for e in entities.entries.values() if not kind or e.kind == kind),
                  key=lambda e: (-e.mentions, -e.quotes, e.id))[: n or None]
    if json_:
        print_json([{"id": e.id, "name": e.name, "kind": e.kind, "aliases": sorted(e.aliases),
                     "mentions": e.mentions, "quotes": e.quotes} for e in rows])
        return
    from .tables import stakeholder_table

    out = console()
    out.print(stakeholder_table(rows, f"{len(rows)} of {len(entities.entries)} stakeholders", out.width), markup=False)


@stakeholder_app.command("merge")
def stakeholder_merge(keep: str, drop: str, kb: KbOption = None) -> None:
    """Merge stakeholder DROP into KEEP (aliases move, units are rewritten)."""
    from ..curation import merge_stakeholders

    n = merge_stakeholders(open_kb(kb), keep, drop)
    console(stderr=True).print(f"merged {drop} into {keep}; {n} units updated", markup=False)


@stakeholder_app.command("rename")
def stakeholder_rename(stakeholder_id: str, name: str, kb: KbOption = None) -> None:
    """Give a stakeholder a new display name (its id stays)."""
    from ..curation import rename_stakeholder

    entry = rename_stakeholder(open_kb(kb), stakeholder_id, name)
    console(stderr=True).print(f"{entry.id} is now {entry.name!r}", markup=False)


@app.command()
def review(slug: Annotated[str | None, typer.Argument(help="Article (default: all).")] = None,
           kb: KbOption = None, by: ByOption = None) -> None:
    """Walk the machine's units one by one: accept, reject, edit, skip or quit."""
    from ..curation import edit_unit, set_status
    from ..model.articles import Corpus
    from ..model.units import load_units, unit_slugs

    knowledge_base = open_kb(kb)
    corpus = Corpus(knowledge_base)
    slugs = [slug] if slug else unit_slugs(knowledge_base)
    todo = [(s, u) for s in slugs for u in load_units(knowledge_base, s) if u.status == "auto"]
    out = console()
    for i, (s, unit) in enumerate(todo, start=1):
        _show(out, corpus.get(s).body, unit, i, len(todo))
        key = typer.prompt("[a]ccept [r]eject [e]dit [s]kip [q]uit", default="s").strip().lower()[:1]
        if key == "q":
            break
        if key == "a":
            set_status(knowledge_base, [unit.id], "accepted", by)
        elif key == "r":
            set_status(knowledge_base, [unit.id], "rejected", by)
        elif key == "e":
            stance = typer.prompt("stance (for/against/neutral)", default=unit.stance)
            speaker = typer.prompt("speaker", default=unit.speaker or "-")
            edit_unit(knowledge_base, unit.id, by=by, stance=stance, speaker="" if speaker == "-" else speaker)
        out.print(f"saved: {DONE.get(key, 'skipped')}", markup=False)
    out.print("review done", markup=False)


def _show(out, body: str, unit, i: int, n: int) -> None:
    from rich.text import Text

    left = max(0, unit.start - 160)
    line = Text(f"[{i}/{n}] {unit.kind} · {unit.stance} · {unit.speaker or '-'} · "
                f"{', '.join(f'{s.id} ({s.role})' for s in unit.stakeholders) or 'no stakeholders'}\n", style="bold")
    line.append("…" + body[left:unit.start])
    line.append(body[unit.start:unit.end], style="reverse")
    line.append(body[unit.end:unit.end + 160] + "…\n")
    out.print(line)


@app.command("export")
def export_(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv, aif, argdown or sqlite.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File (default: stdout).")] = None,
    kind: Annotated[str | None, typer.Option(help="Filter by kind.")] = None,
    stance: Annotated[str | None, typer.Option(help="Filter by stance.")] = None,
    stakeholder: Annotated[str | None, typer.Option(help="Filter by stakeholder id.")] = None,
    article: Annotated[str | None, typer.Option(help="Filter by article slug.")] = None,
    kb: KbOption = None,
) -> None:
    """Export units (one row per unit with article metadata), an argument map, or the whole
    knowledge base as a SQLite database for Datasette (--format sqlite -o kb.db)."""
    if fmt == "sqlite":
        if any((kind, stance, stakeholder, article)):
            fail("--format sqlite exports the whole knowledge base: filter in Datasette instead", 2)
        if output is None or output.is_dir():
            fail("--format sqlite needs --output FILE.db", 2)
        _export_database(open_kb(kb), output)
        return
    from ..exchange import export

    text = export(open_kb(kb), fmt, kind=kind, stance=stance, stakeholder=stakeholder, article=article)
    if output:
        from ..atomic import atomic_write_text

        if output.is_dir():
            fail(f"{output} is a folder: give a file name for the export", 2)
        atomic_write_text(output, text)
    else:
        sys.stdout.write(text)


def _export_database(knowledge_base, output: Path) -> None:
    from ..publish.context import SiteContext
    from ..publish.database import metadata_path, write_database

    counts = write_database(SiteContext.load(knowledge_base), output)
    console(stderr=True).print(f"wrote {output} ({counts['units']} units, {counts['articles']} articles, "
                               f"{counts['issues']} issues) and {metadata_path(output).name}", markup=False)


@app.command("import")
def import_(path: Annotated[Path, typer.Argument(help="A jsonl file from `agora export`.")],
            kb: KbOption = None) -> None:
    """Import units from another knowledge base's jsonl export (matched to articles by id)."""
    from ..exchange import import_jsonl

    if not path.is_file():
        fail(f"{path}: no such file", 2)
    count, problems = import_jsonl(open_kb(kb), path.read_text(encoding="utf-8").splitlines())
    for p in problems:
        console(stderr=True).print(f"skipped: {p}", markup=False)
    console(stderr=True).print(f"imported {count} units, skipped {len(problems)}", markup=False)


@app.command("eval")
def eval_(kb: KbOption = None, json_: JsonOption = False) -> None:
    """Score the current extractor against the analyst's reviewed units."""
    from ..extract.evaluation import evaluate

    report = evaluate(open_kb(kb)).as_dict()
    if json_:
        print_json(report)
        return
    from rich.table import Table

    table = Table(title="extractor vs analyst decisions")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in report.items():
        table.add_row(key, str(value))
    console().print(table)
