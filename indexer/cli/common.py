"""What every command shares: the --kb option, consoles, error mapping, JSON output."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

KbOption = Annotated[
    Path | None,
    typer.Option("--kb", envvar="AGORA_KB", help="Knowledge base folder (default: current folder).",
                 show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or chatter.")]
WorkersOption = Annotated[int | None, typer.Option(
    "--workers", min=1, max=64, help="Extraction processes (default: the setting `workers`, one per core).")]


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def open_kb(path: Path | None):
    from ..model.kb import KnowledgeBase

    return KnowledgeBase.open(path)


def printable(text: str) -> str:
    """A name as one line of output: control characters escaped, so a file name holding a
    newline cannot forge a line such as `added: ...`."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in str(text))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(message: str, code: int = 1) -> None:
    """Print a one-line error and exit; never a traceback."""
    sys.stderr.write(f"error: {printable(message)}\n")
    raise SystemExit(code)


def debug_enabled() -> bool:
    return os.environ.get("AGORA_DEBUG", "") not in ("", "0")
