"""The `agora` command line: thin wrappers over the library, one module per area."""

from __future__ import annotations

import sys

import typer

from .common import debug_enabled, fail

app = typer.Typer(
    name="agora",
    help="Agora: a knowledge base of the arguments in tech-ethics news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,
)

from . import corpus_cmds, curation_cmds, extract_cmds, guide_cmds, issue_cmds, search_cmds, site_cmds  # noqa: E402,F401,I001


def main() -> None:
    from ..errors import AgoraError

    try:
        app(prog_name="agora")
    except AgoraError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except OSError as exc:  # a path the user named that the system refuses (too long, not allowed...)
        where = f"{str(exc.filename)[:120]}: " if exc.filename else ""
        fail(f"{where}{exc.strerror or exc.__class__.__name__}", 1)
    except Exception as exc:  # a bug: still one line unless debugging
        if debug_enabled():
            raise
        fail(f"internal error: {exc.__class__.__name__}: {exc} (AGORA_DEBUG=1 shows the traceback)", 70)
    sys.exit(0)
