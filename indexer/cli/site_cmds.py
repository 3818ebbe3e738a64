"""Commands of the published site: publish, serve."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import KbOption, console, open_kb


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
def issues_(kb: KbOption = None, json_: Annotated[bool, typer.Option("--json", help="JSON output.")] = False) -> None:
    """List the curated issues (debates) with their articles and for/against counts."""
    from collections import Counter

    from ..crossref import load
    from ..publish.issues import load_issues
    from ..units import all_units
    from .common import print_json

    knowledge_base = open_kb(kb)
    units = [u for u in all_units(knowledge_base, errors=[]) if u.status != "rejected"]
    assigned = load(knowledge_base).get("issues", {})
    rows = []
    for issue in load_issues(knowledge_base):
        articles = set(assigned.get(issue.slug, issue.articles))
        stances = Counter(u.stance for u in units if u.article in articles)
        rows.append({"slug": issue.slug, "title": issue.title, "question": issue.question,
                     "articles": len(articles), "pinned": len(issue.articles), "for": stances["for"],
                     "against": stances["against"], "neutral": stances["neutral"]})
    if json_:
        print_json(rows)
        return
    from rich.table import Table

    table = Table(title=f"{len(rows)} issues")
    for column in ("slug", "question", "articles", "for", "against", "neutral"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["slug"], r["question"], str(r["articles"]), str(r["for"]), str(r["against"]), str(r["neutral"]))
    console().print(table, markup=False)
