"""Commands that manage the corpus: init, add, list, show, remove."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ..model.vocab import count
from . import app
from .common import JsonOption, KbOption, QuietOption, WorkersOption, console, fail, open_kb, print_json, printable
from .progress import progress_updates
from .tables import article_table, unit_table


@app.command()
def init(path: Annotated[Path, typer.Argument(help="Folder for the new knowledge base.")] = Path(".")) -> None:
    """Create a knowledge base (corpus/, docs/, mkdocs.yml) in PATH."""
    from .. import Agora

    kb = Agora.init(path).kb
    console().print(f"knowledge base ready in {kb.root}")


@app.command()
def add(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, http(s) URLs, or - for stdin.")],
    kb: KbOption = None,
    topic: Annotated[list[str], typer.Option("--topic", help="Topic to tag (repeatable).")] = [],  # noqa: B006
    source: Annotated[str, typer.Option(help="Outlet name, overriding the page's.")] = "",
    date_: Annotated[str, typer.Option("--date", help="Publication date YYYY-MM-DD.")] = "",
    url: Annotated[str, typer.Option(help="Original URL of the article.")] = "",
    title: Annotated[str, typer.Option(help="Title, overriding the detected one.")] = "",
    metadata: Annotated[Path | None, typer.Option(
        "--metadata", help="CSV or JSON sidecar: file name -> title, date, outlet, authors, url.")] = None,
    no_extract: Annotated[bool, typer.Option("--no-extract", help="Skip argument extraction.")] = False,
    no_index: Annotated[bool, typer.Option("--no-index", help="Leave the search index for `agora index`.")] = False,
    workers: WorkersOption = None,
    quiet: QuietOption = False,
    json_: JsonOption = False,
) -> None:
    """Add articles to the corpus, extract their argument units and index them."""
    from .. import Agora
    from ..ingest.add import Overrides
    from ..ingest.sidecar import load_metadata

    overrides = Overrides(topics=topic, source=source, published=_parse_date(date_), url=url, title=title,
                          per_file=load_metadata(metadata) if metadata else {})
    knowledge_base = open_kb(kb)
    err, silent, state = console(stderr=True), quiet or json_, {"done": 0, "total": 0}
    with progress_updates("adding", quiet=silent) as update:
        def report(result) -> None:  # printed only once the article is safely on disk
            state["done"] += 1
            if result.status == "failed":
                err.print(f"error: {printable(result.source)}: {printable(result.message)}", markup=False)
            elif not silent:
                note = f" (language {result.language}: stored, not extracted)" if result.language != "en" else ""
                err.print(f"{result.status}: {printable(result.source)} -> {result.slug}{note}", markup=False)
            update(state["done"], state["total"])

        agora = Agora(knowledge_base)
        pending = agora.pending()
        # lean: the process that indexes next holds no model of ingest or extraction (250 MB at 10,000 articles)
        results = agora.add(sources, overrides=overrides, extract=not no_extract, workers=workers, lean=True,
                            on_result=report, on_input=lambda n: state.update(total=n))
    if not (no_extract or no_index) and (pending or any(r.status == "added" for r in results)):
        with progress_updates("indexing units", quiet=silent) as update:
            agora.index(on_progress=update)
    if json_:
        print_json([r.__dict__ for r in results])
    counts = {s: sum(r.status == s for r in results) for s in ("added", "unchanged", "failed")}
    console(stderr=True).print(
        f"{counts['added']} added, {counts['unchanged']} unchanged, {counts['failed']} failed"
    )
    if counts["failed"]:
        raise typer.Exit(1)


def _parse_date(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"invalid date {value!r}: use YYYY-MM-DD", 2)


@app.command("list")
def list_(kb: KbOption = None, json_: JsonOption = False) -> None:
    """List the articles in the corpus."""
    from ..model.articles import Corpus
    from ..model.units import load_units_counts

    knowledge_base = open_kb(kb)
    errors: list = []
    articles = list(Corpus(knowledge_base).articles(errors=errors))
    counts = load_units_counts(knowledge_base)
    if json_:
        print_json([{**a.metadata(), "units": counts.get(a.slug, 0)} for a in articles])
    else:
        _print_articles(articles, counts)
    for err in errors:
        console(stderr=True).print(f"warning: {err}", markup=False)


def _print_articles(articles, counts: dict[str, int]) -> None:
    console().print(article_table(articles, counts), markup=False)


@app.command()
def show(ref: Annotated[str, typer.Argument(metavar="SLUG", help="A slug, a unique start of one, or an article id.")],
         kb: KbOption = None, json_: JsonOption = False) -> None:
    """Show one article: metadata, text and the units found in it."""
    from ..model.articles import Corpus
    from ..model.units import load_units, sort_units

    knowledge_base = open_kb(kb)
    article = Corpus(knowledge_base).find(ref)
    units = sort_units(u for u in load_units(knowledge_base, article.slug) if u.status != "rejected")
    if json_:
        print_json({**article.metadata(), "body": article.body, "units": [u.model_dump() for u in units]})
        return
    out = console()
    out.print(article.title, style="bold", markup=False)
    for key, value in article.metadata().items():
        if key != "title" and value:
            out.print(f"{key}: {value}", markup=False)
    out.print()
    out.print(article.body, markup=False)
    out.print()
    out.print(unit_table(units, f"{count(len(units), 'unit')} in this article"))


@app.command()
def remove(slugs: Annotated[list[str], typer.Argument(metavar="SLUG...", help="Slugs, or article ids as listed.")],
           kb: KbOption = None) -> None:
    """Remove articles and everything derived from them (units, index entries, pages)."""
    from .. import Agora
    from ..model.articles import Corpus

    knowledge_base = open_kb(kb)
    corpus = Corpus(knowledge_base)
    known = set(corpus.slugs())
    # a destructive command takes whole slugs, or the article id `agora list` shows; no slug prefixes
    named = [s if s in known or not re.fullmatch(r"[0-9a-f]{6,12}", s) else corpus.find(s).slug for s in slugs]
    for slug in Agora(knowledge_base).remove(named):
        console(stderr=True).print(f"removed {slug}", markup=False)
