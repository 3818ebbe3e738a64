"""`agora guide new|render|list`: discussion guides for educators."""

from __future__ import annotations

from typing import Annotated

import typer

from ..model.vocab import AUDIENCES
from . import app
from .common import KbOption, console, open_kb

guide_app = typer.Typer(help="Discussion guides for educators.", no_args_is_help=True)
app.add_typer(guide_app, name="guide")


@guide_app.command("new")
def guide_new(
    title: str,
    issue: Annotated[str | None, typer.Option(help="An issue slug from corpus/issues/.")] = None,
    query: Annotated[str | None, typer.Option(help="Or a search query (needs `agora index`).")] = None,
    audience: Annotated[str, typer.Option(help=f"{', '.join(AUDIENCES)}.")] = "secondary",
    minutes: Annotated[int, typer.Option(help="Class length (15-240).")] = 45,
    kb: KbOption = None,
) -> None:
    """Select units into corpus/guides/<slug>.yml and render it."""
    from ..publish.guides import new_guide, render

    knowledge_base = open_kb(kb)
    guide = new_guide(knowledge_base, title, issue=issue, query=query, audience=audience, minutes=minutes)
    render(knowledge_base, guide.slug)
    console(stderr=True).print(f"wrote corpus/guides/{guide.slug}.yml and docs/guides/{guide.slug}.md "
                               f"(+ printable docs/guides/{guide.slug}.print.html)", markup=False)


@guide_app.command("render")
def guide_render(
    slug: str,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also print both versions to PDF (headless Chromium).")] = False,
    kb: KbOption = None,
) -> None:
    """Render an (edited) guide: the site page, the teacher's printable guide (answers, timing
    notes) and the student handout; never changes the YAML."""
    from ..publish.guides import render

    _, missing = render(open_kb(kb), slug, pdf=pdf)
    for uid in missing:
        console(stderr=True).print(f"warning: unit {uid} in the guide no longer exists", markup=False)
    made = f"docs/guides/{slug}.md, {slug}.print.html (teacher) and {slug}.student.html (handout)"
    console(stderr=True).print(f"rendered {made}{' and both as PDF' if pdf else ''}", markup=False)


@guide_app.command("list")
def guide_list(kb: KbOption = None) -> None:
    """List the guides."""
    from ..model.guides import list_guides
    from .tables import guide_table

    console().print(guide_table(list_guides(open_kb(kb))), markup=False)
