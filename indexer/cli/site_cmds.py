"""Commands of the published site: publish, serve."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import JsonOption, KbOption, console, open_kb, print_json


@app.command()
def publish(
    kb: KbOption = None,
    no_build: Annotated[bool, typer.Option("--no-build", help="Write pages only; skip mkdocs build.")] = False,
) -> None:
    """Write the generated pages under docs/ and build the site with mkdocs --strict."""
    from ..publish.site import publish as run

    knowledge_base = open_kb(kb)
    summary = run(knowledge_base, build=not no_build)
    console(stderr=True).print(f"publish: {summary}; site in {knowledge_base.site_dir}", markup=False)


@app.command()
def serve(
    kb: KbOption = None,
    host: Annotated[str, typer.Option(help="Address to bind (127.0.0.1 keeps it private).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
) -> None:
    """Serve the built site and its semantic search endpoint (/api/search)."""
    from ..publish.serve import serve as make_server

    knowledge_base = open_kb(kb)
    server = make_server(knowledge_base, host, port)
    console(stderr=True).print(f"serving {knowledge_base.site_dir} on http://{host}:{server.server_port}/",
                               markup=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.server_close()


@app.command("issues")
def issues_(kb: KbOption = None, json_: JsonOption = False) -> None:
    """List the curated issues (debates) with their articles and for/against counts."""
    from ..index.crossref import issue_summaries

    rows = issue_summaries(open_kb(kb))
    if json_:
        print_json([{**r.model_dump(exclude={"counts"}), **r.counts} for r in rows])
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} issues")
    for column in ("slug", "question", "articles", "for", "against", "neutral"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r.slug, r.question, str(r.articles), *(str(r.counts[s]) for s in ("for", "against", "neutral")))
    console().print(table, markup=False)
