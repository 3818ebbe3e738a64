"""`agora extract`: re-run extraction after a model, lexicon or rule change."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import KbOption, QuietOption, WorkersOption, console, fail, open_kb
from .progress import progress_bar


@app.command()
def extract(
    slugs: Annotated[list[str] | None, typer.Argument(help="Articles to re-extract.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Re-extract every article.")] = False,
    kb: KbOption = None,
    workers: WorkersOption = None,
    quiet: QuietOption = False,
) -> None:
    """Re-extract argument units; an analyst's accepted, rejected or edited units are kept."""
    from ..extract import extract_slugs
    from ..model.articles import Corpus

    if not slugs and not all_:
        fail("name the articles to re-extract, or pass --all", 2)
    knowledge_base = open_kb(kb)
    slugs = [Corpus(knowledge_base).find(s).slug for s in slugs or []]
    total = len(slugs) if slugs else len(Corpus(knowledge_base).slugs())
    errors: list = []
    with progress_bar("extracting", total, quiet=quiet) as advance:
        count = extract_slugs(knowledge_base, slugs or None, on_article=lambda a, u: advance(), errors=errors,
                              workers=workers)
    for err in errors:
        console(stderr=True).print(f"error: {err}", markup=False)
    console(stderr=True).print(f"{count} units from {total - len(errors)} articles, {len(errors)} unreadable")
    if errors:
        raise typer.Exit(1)
