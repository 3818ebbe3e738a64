"""Keep the browser search index whole across `mkdocs build --dirty`.

A dirty build re-renders only changed pages, and its search plugin then writes an index
of those pages alone. We keep the last complete index in .agora/ and merge: entries of
re-rendered pages are replaced, entries of removed pages dropped, the rest kept.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..atomic import atomic_write_text
from ..model.kb import KnowledgeBase


def _site_index(site: Path) -> Path:
    return site / "search" / "search_index.json"


def _saved(kb: KnowledgeBase):
    return kb.state_dir / "search_index.full.json"


def saved_index_exists(kb: KnowledgeBase) -> bool:
    return _saved(kb).exists() and _site_index(kb.site_dir).exists()


def remember_full_index(kb: KnowledgeBase, site: Path) -> None:
    if _site_index(site).exists():
        kb.state_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(_saved(kb), _site_index(site).read_text(encoding="utf-8"))


def _page(location: str) -> str:
    return location.split("#", 1)[0]


def merge_after_dirty_build(kb: KnowledgeBase, site: Path, replaced_pages: list[str]) -> None:
    """`replaced_pages`: pages removed or rewritten, whose old entries go even when the new
    page has none (a page now left out of the search)."""
    partial = json.loads(_site_index(site).read_text(encoding="utf-8"))
    full = json.loads(_saved(kb).read_text(encoding="utf-8"))
    rebuilt = {_page(d["location"]) for d in partial["docs"]}
    gone = rebuilt | set(replaced_pages)
    docs = [d for d in full["docs"] if _page(d["location"]) not in gone] + partial["docs"]
    _write(site, {**partial, "docs": docs})


def with_entries(site: Path, entries: dict[str, list[dict]]) -> None:
    """Put our own entries for the pages of each folder (not its index) in place of any others."""
    if not entries or not _site_index(site).exists():
        return  # the search plugin is not in mkdocs.yml
    index = json.loads(_site_index(site).read_text(encoding="utf-8"))
    ours = {f"{folder}/" for folder in entries}
    kept = [d for d in index["docs"] if _page(d["location"]) in ours
            or not _page(d["location"]).startswith(tuple(ours))]
    docs = kept + [entry for found in entries.values() for entry in found]
    _write(site, {**index, "docs": docs})


def _write(site: Path, index: dict) -> None:
    """Compact, as the search plugin writes it: the browser downloads it whole."""
    atomic_write_text(_site_index(site), json.dumps(index, ensure_ascii=False, separators=(",", ":")))
