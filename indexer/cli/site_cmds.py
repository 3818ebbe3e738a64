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
