"""Commands of the published site and the database beside it: publish, serve, datasette."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from . import app
from .common import JsonOption, KbOption, console, open_kb, print_json


@app.command()
def publish(
    kb: KbOption = None,
    no_build: Annotated[bool, typer.Option("--no-build", help="Write pages only; skip mkdocs build.")] = False,
    full: Annotated[bool, typer.Option("--full", help="Make and build every page, changed or not.")] = False,
    json_: JsonOption = False,
) -> None:
    """Write the generated pages under docs/ and build the site with mkdocs --strict."""
    from dataclasses import asdict

    from ..publish.site import publish as run

    knowledge_base = open_kb(kb)
    summary = run(knowledge_base, build=not no_build, full=full)
    if json_:
        print_json({**asdict(summary), "site": str(knowledge_base.site_dir), "built": not no_build})
        return
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


@app.command()
def datasette(
    kb: KbOption = None,
    port: Annotated[int, typer.Option(help="Port.")] = 8001,
    db: Annotated[Path | None, typer.Option("--db", help="Database file (default: .agora/agora.db).")] = None,
) -> None:
    """Browse every unit in Datasette: facets by issue, side, kind, speaker group, outlet and date.
    The database is exported first whenever the corpus or the index changed since."""
    import subprocess
    import sys

    from ..processes import die_with_parent
    from ..publish.database import metadata_path, refresh_database

    knowledge_base = open_kb(kb)
    path = db or knowledge_base.state_dir / "agora.db"
    if refresh_database(knowledge_base, path):
        console(stderr=True).print(f"exported {path}", markup=False)
    command = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(metadata_path(path)),
               "--host", "127.0.0.1", "--port", str(port), "--setting", "default_page_size", "50"]
    console(stderr=True).print(f"Datasette on http://127.0.0.1:{port}/{path.stem}/arguments", markup=False)
    try:
        raise typer.Exit(subprocess.call(command, preexec_fn=die_with_parent))  # stopping agora stops Datasette
    except KeyboardInterrupt:
        raise typer.Exit(0) from None
