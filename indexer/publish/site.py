"""`agora publish`: corpus -> pages under docs/ (see pages/) -> `mkdocs build --strict`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_if_changed
from ..errors import AgoraError
from ..model.kb import KnowledgeBase
from .context import SiteContext
from .paths import GENERATED_DIRS, docs_path
from .render import MARKER

ASSETS = ("agora.css", "agora-search.js")


@dataclass
class PublishSummary:
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    removed_pages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.written} pages written, {self.unchanged} unchanged, {self.removed} removed"


def build_pages(kb: KnowledgeBase) -> dict[Path, str]:
    """Every generated page, by its path under docs/ (each slug checked to stay inside docs/)."""
    from .pages import PAGES

    ctx = SiteContext.load(kb)
    pages = {}
    for module in PAGES:
        for rel, text in module.pages(ctx).items():
            pages[docs_path(kb, rel)] = text
    return pages


def write_pages(kb: KnowledgeBase, pages: dict[Path, str]) -> PublishSummary:
    """Write what changed, remove generated pages no longer wanted, refresh the assets."""
    summary = PublishSummary()
    for path, text in pages.items():
        if write_if_changed(path, text):
            summary.written += 1
        else:
            summary.unchanged += 1
    summary.removed_pages = _remove_stale(kb, pages)
    summary.removed = len(summary.removed_pages)
    (kb.docs_dir / "assets").mkdir(parents=True, exist_ok=True)
    for asset in ASSETS:
        write_if_changed(kb.docs_dir / "assets" / asset, Path(__file__).with_name(asset).read_text())
    return summary


def _remove_stale(kb: KnowledgeBase, pages: dict[Path, str]) -> list[str]:
    removed = []
    for folder in GENERATED_DIRS:
        for page in (kb.docs_dir / folder).glob("*.*"):
            if page not in pages and page.read_text(encoding="utf-8", errors="replace").find(MARKER) >= 0:
                page.unlink()
                removed.append(f"{folder}/{page.stem}/")
    return removed


def _drop_orphan_builds(kb: KnowledgeBase) -> list[str]:
    """Built page folders whose source page is gone (a dirty build leaves them): delete them
    and return their locations for the search index."""
    gone = []
    for folder in GENERATED_DIRS:
        for built in (kb.site_dir / folder).glob("*/index.html"):
            slug = built.parent.name
            if not (kb.docs_dir / folder / f"{slug}.md").exists():
                shutil.rmtree(built.parent, ignore_errors=True)
                gone.append(f"{folder}/{slug}/")
    return gone


def publish(kb: KnowledgeBase, *, build: bool = True, full: bool = False) -> PublishSummary:
    """Write the pages, then build the site: in full the first time (or with full=True),
    otherwise only the changed pages, with the search index merged (see search_index.py)."""
    from .config import ensure_mkdocs_config
    from .search_index import merge_after_dirty_build, remember_full_index, saved_index_exists

    ensure_mkdocs_config(kb)
    with kb.write_lock():
        summary = write_pages(kb, build_pages(kb))
        if not build or (summary.written == 0 and summary.removed == 0 and not full
                         and (kb.site_dir / "index.html").exists()):
            return summary
        dirty = not full and saved_index_exists(kb) and (kb.site_dir / "index.html").exists()
        run_mkdocs(kb, dirty=dirty)
        if dirty:
            merge_after_dirty_build(kb, _drop_orphan_builds(kb))
        remember_full_index(kb)
    return summary


def run_mkdocs(kb: KnowledgeBase, dirty: bool = False) -> None:
    args = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(kb.root / "mkdocs.yml")]
    result = subprocess.run([*args, "--dirty"] if dirty else args, cwd=kb.root, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        raise AgoraError(f"mkdocs build failed: {lines[-1] if lines else 'unknown error'}")
