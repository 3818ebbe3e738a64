"""Sources named on the command line -> inputs with their bytes, each read with a size cap."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

KINDS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
         ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


@dataclass
class Input:
    label: str
    kind: str  # text | markdown | html | pdf | docx | sniff
    read: Callable[[], bytes]
    url: str = ""


def expand(source: str, *, max_bytes: int, timeout: float) -> Iterator[Input]:
    """One source -> its inputs (a folder gives many). Raises InputError for a bad source."""
    if source == "-":
        yield Input("<stdin>", "sniff", lambda: _read_capped(sys.stdin.buffer, "<stdin>", max_bytes))
    elif source.startswith(("http://", "https://")):
        from .fetch import fetch_url

        yield Input(source, "html", lambda: fetch_url(source, max_bytes=max_bytes, timeout=timeout), url=source)
    else:
        yield from _expand_path(Path(source), max_bytes)


def _expand_path(path: Path, max_bytes: int) -> Iterator[Input]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in KINDS
                       and not any(part.startswith(".") for part in p.relative_to(path).parts))
        if not files:
            raise InputError(str(path), f"folder holds no {'/'.join(sorted(KINDS))} files")
        for file in files:
            yield _file_input(file, max_bytes)
    elif path.exists():
        yield _file_input(path, max_bytes)
    else:
        raise InputError(str(path), "no such file or folder")


def _file_input(path: Path, max_bytes: int) -> Input:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r} "
                                    f"(supported: {', '.join(sorted(KINDS))})")
    return Input(str(path), kind, lambda: _read_file(path, max_bytes))


def _read_file(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(str(path), f"too large ({size:,} bytes; the limit is {max_bytes:,}, "
                                        "see AGORA_MAX_INPUT_BYTES)")
        with path.open("rb") as fh:
            return _read_capped(fh, str(path), max_bytes)
    except OSError as exc:
        raise InputError(str(path), f"cannot read ({exc.strerror or exc})") from None


def _read_capped(stream, label: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(label, f"too large (over {max_bytes:,} bytes, see AGORA_MAX_INPUT_BYTES)")
    return data
