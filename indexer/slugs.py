"""Slugs: ASCII, short, unique, and provably inside their folder."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Container
from functools import lru_cache
from pathlib import Path

MAX_SLUG = 64
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$")


def slugify(text: str, *, fallback: str = "article") -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG - 4:  # room for a "-NN" suffix
            break
        slug = candidate
    if not slug and words:
        slug = words[0][: MAX_SLUG - 4]
    return slug or fallback


def unique_slug(base: str, taken: Container[str]) -> str:
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def is_valid_slug(slug: str) -> bool:
    return bool(SLUG_RE.match(slug))


def path_in(folder: Path, slug: str, suffix: str) -> Path:
    """The file for *slug* in *folder*; refuses anything that could leave it (a valid slug
    cannot; a symbolic link in its place could)."""
    if not is_valid_slug(slug):
        raise ValueError(f"invalid slug {slug!r}: use lowercase ASCII letters, digits and '-'")
    real = _resolved(folder)
    path = real / f"{slug}{suffix}"
    if path.is_symlink() and path.resolve().parent != real:
        raise ValueError(f"slug {slug!r} escapes {folder}")
    return path


@lru_cache(maxsize=64)
def _resolved(folder: Path) -> Path:
    """The folder's real path, once per process (resolving costs a system call per component,
    and reading a corpus asks for thousands of files in the same few folders)."""
    return folder.resolve()
