"""`agora publish`: corpus -> pages under docs/ (see pages/) -> `mkdocs build --strict`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import atomic_write_text, write_if_changed
from ..errors import AgoraError
from ..index import freshness
from ..model.kb import KnowledgeBase
from .context import SiteContext
from .page import Page, PageBases, page_rel
from .pages import articles, issues, stakeholders
from .paths import GENERATED_DIRS, docs_path
from .render import MARKER

ASSETS = ("agora.css", "agora-search.js")


@dataclass
class PublishSummary:
    written: int = 0
    assets: int = 0
    unchanged: int = 0
    removed: int = 0
    removed_pages: list[str] = field(default_factory=list)
    written_pages: list[str] = field(default_factory=list)  # site locations ("articles/x/")
    up_to_date: bool = False  # nothing the site is made from changed since the last publish

    def __str__(self) -> str:
        if self.up_to_date:
            return f"nothing changed since the last publish ({self.unchanged} pages)"
        return f"{self.written} pages written, {self.unchanged} unchanged, {self.removed} removed"


def build_pages(ctx: SiteContext) -> Iterator[Page]:
    """Every generated page, one at a time (a page's text is made only when it is written)."""
    from .pages import PAGES

    for module in PAGES:
        yield from module.pages(ctx)


def write_pages(kb: KnowledgeBase, pages: Iterable[Page], *, full: bool = False) -> PublishSummary:
    """Write what changed, remove generated pages no longer wanted, refresh the assets. A page
    whose basis is as at its last writing, and whose file is as written then, is not made
    again (full=True makes every page)."""
    summary, wanted = PublishSummary(), set()
    bases = PageBases.load(kb, forget=full)
    for page in pages:
        path = docs_path(kb, page.rel)  # the slug is checked to stay inside docs/
        wanted.add(path)
        if bases.holds(page, path):
            summary.unchanged += 1
            continue
        if write_if_changed(path, page.render()):
            summary.written += 1
            summary.written_pages.append(location(kb, path))
        else:
            summary.unchanged += 1
        bases.record(page, path)
    summary.removed_pages = _remove_stale(kb, wanted)
    summary.removed = len(summary.removed_pages)
    bases.save({page_rel(kb, path) for path in wanted})
    (kb.docs_dir / "assets").mkdir(parents=True, exist_ok=True)
    for asset in ASSETS:  # a new stylesheet or script needs a build as much as a new page does
        summary.assets += write_if_changed(kb.docs_dir / "assets" / asset, Path(__file__).with_name(asset).read_text())
    return summary


def location(kb: KnowledgeBase, page: Path) -> str:
    """Where mkdocs puts a page: docs/articles/x.md -> "articles/x/", docs/index.md -> ""."""
    parts = list(page.relative_to(kb.docs_dir).with_suffix("").parts)
    if parts and parts[-1] == "index":
        parts.pop()
    return "".join(f"{p}/" for p in parts)


def _remove_stale(kb: KnowledgeBase, pages: set[Path]) -> list[str]:
    removed = []
    for folder in GENERATED_DIRS:
        for page in (kb.docs_dir / folder).glob("*.*"):
            if page not in pages and page.read_text(encoding="utf-8", errors="replace").find(MARKER) >= 0:
                page.unlink()
                removed.append(f"{folder}/{page.stem}/")
    return removed


def _drop_orphan_builds(kb: KnowledgeBase, site: Path) -> list[str]:
    """Built page folders whose source page is gone (a dirty build leaves them): delete them
    and return their locations for the search index."""
    gone = []
    for folder in GENERATED_DIRS:
        for built in (site / folder).glob("*/index.html"):
            slug = built.parent.name
            if not (kb.docs_dir / folder / f"{slug}.md").exists():
                shutil.rmtree(built.parent, ignore_errors=True)
                gone.append(f"{folder}/{slug}/")
    return gone


def publish(kb: KnowledgeBase, *, build: bool = True, full: bool = False) -> PublishSummary:
    """Write the pages, then build the site: in full the first time, after a build that did not
    finish, or with full=True; otherwise only the changed pages (search index merged, see
    search_index.py). The site is built beside site/ and swapped in, so a killed publish leaves
    the previous site whole, and the next run builds again."""
    from ..memory import collector_paused
    from .config import ensure_mkdocs_config
    from .search_index import saved_index_exists

    ensure_mkdocs_config(kb)
    with kb.write_lock(), collector_paused():
        sources, docs = _sources(kb), freshness.of_files([kb.docs_dir])
        built, pending = built_marker(kb), pending_marker(kb)
        site_files = [built, kb.site_dir / "index.html"]
        last = freshness.recorded(kb, freshness.PUBLISHED)
        if build and not full and not pending.exists():
            pages = freshness.unchanged(kb, freshness.PUBLISHED, f"{sources}:{docs}", site_files)
            if pages is not None:
                return PublishSummary(unchanged=pages, up_to_date=True)
        freshness.forget(kb, freshness.PUBLISHED)  # a run killed from here on leaves no "up to date"
        ctx = SiteContext.load(kb)
        summary = write_pages(kb, build_pages(ctx), full=full)
        unchanged = summary.written == 0 and summary.removed == 0 and summary.assets == 0
        if not build:  # the next publish builds what these pages changed
            if not unchanged:
                atomic_write_text(pending, "pages were written without a site build\n")
            return summary
        site_whole = all(f.exists() for f in site_files) and not pending.exists()
        hand_edited = not last.endswith(f":{docs}")  # docs/ changed since the last build: an analyst's page
        if full or not unchanged or hand_edited or not site_whole:
            dirty = not full and built.exists() and saved_index_exists(kb)
            built.unlink(missing_ok=True)
            build_site(kb, dirty=dirty, rewritten=summary.written_pages, entries={
                "articles": articles.search_entries(ctx), "stakeholders": stakeholders.search_entries(ctx),
                "issues": issues.search_entries(ctx)})
            atomic_write_text(built, "the last site build finished\n")
            pending.unlink(missing_ok=True)
        freshness.remember(kb, freshness.PUBLISHED, f"{sources}:{freshness.of_files([kb.docs_dir])}",
                           summary.written + summary.unchanged)
    return summary


def _sources(kb: KnowledgeBase) -> str:
    """The digest of what the pages are made from: the corpus, settings and code, the index's results."""
    from ..index.results import FILE
    from ..model.issues import PROPOSALS

    return freshness.digest(kb, also=[kb.state_dir / FILE, kb.state_dir / PROPOSALS, kb.root / "mkdocs.yml"])


def built_marker(kb: KnowledgeBase) -> Path:
    return kb.state_dir / "site.built"


def pending_marker(kb: KnowledgeBase) -> Path:
    """Left by `agora publish --no-build` until a publish builds the pages it wrote."""
    return kb.state_dir / "site.pending"


def build_site(kb: KnowledgeBase, *, dirty: bool, rewritten: list[str] = (),
               entries: dict[str, list[dict]] | None = None) -> None:
    """mkdocs builds the site beside site/; `entries` are our own search entries of the pages of
    a folder, which mkdocs' search plugin leaves out."""
    from .search_index import merge_after_dirty_build, remember_full_index, with_entries

    fresh = kb.site_dir.with_name(kb.site_dir.name + ".new")
    shutil.rmtree(fresh, ignore_errors=True)
    if dirty:
        copy_site(kb, kb.site_dir, fresh)
    run_mkdocs(kb, fresh, dirty=dirty)
    if dirty:
        merge_after_dirty_build(kb, fresh, [*_drop_orphan_builds(kb, fresh), *rewritten])
    with_entries(fresh, entries or {})
    remember_full_index(kb, fresh)
    old = kb.site_dir.with_name(kb.site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if kb.site_dir.exists():
        kb.site_dir.rename(old)
    fresh.rename(kb.site_dir)
    shutil.rmtree(old, ignore_errors=True)


LINKED = ("articles", "archive", "stakeholders")  # the bulk of a site: one built page per source page


def copy_site(kb: KnowledgeBase, site: Path, fresh: Path) -> None:
    """A copy of the site for a dirty build to update. mkdocs rewrites files in place, so the
    pages it will build again (their source newer than the page, its own test) are left out and
    the other pages of LINKED are hard links: a 10,000-article site is not copied whole."""
    folders = {site / folder for folder in LINKED}
    shutil.copytree(site, fresh, symlinks=True,
                    ignore=lambda here, names: [n for n in names if (Path(here) / n).is_dir()] if Path(here) in folders
                    else [])
    for folder in LINKED:  # os.path on strings: pathlib costs more than the links at 10,000 pages
        built_in, source_in, fresh_in = (os.path.join(str(root), folder) for root in (site, kb.docs_dir, fresh))
        sources = {e.name[:-3]: e.stat().st_mtime for e in _scandir(source_in) if e.name.endswith(".md")}
        for entry in _scandir(built_in):
            built = os.path.join(entry.path, "index.html")
            if not entry.is_dir() or not os.path.exists(built):
                continue
            if entry.name in sources and sources[entry.name] > os.stat(built).st_mtime:
                continue  # mkdocs builds it again, into a file of its own
            os.mkdir(os.path.join(fresh_in, entry.name))
            os.link(built, os.path.join(fresh_in, entry.name, "index.html"))


def _scandir(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except FileNotFoundError:
        return []


def run_mkdocs(kb: KnowledgeBase, site: Path, *, dirty: bool = False) -> None:
    from ..processes import die_with_parent

    args = [sys.executable, "-m", "indexer.publish.mkdocs_build", str(kb.root / "mkdocs.yml"), str(site)]
    result = subprocess.run([*args, "--dirty"] if dirty else args, cwd=kb.root, capture_output=True, text=True,
                            preexec_fn=die_with_parent)
    if result.returncode != 0:
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        raise AgoraError(f"mkdocs build failed: {lines[0] if lines else 'unknown error'}")


def check_site(kb: KnowledgeBase) -> list[str]:
    """What `agora doctor` finds wrong with the built site: an unfinished build, or articles
    without their page. `agora publish` fixes both."""
    from ..model.articles import Corpus

    if not kb.site_dir.exists() and not built_marker(kb).exists():
        return []  # never published: nothing to check
    problems = [] if built_marker(kb).exists() else ["the last site build did not finish (run `agora publish`)"]
    missing = [s for s in Corpus(kb).slugs() if not (kb.site_dir / "articles" / s / "index.html").exists()]
    if missing:
        problems.append(f"{len(missing)} articles have no page in site/ (e.g. {missing[0]}; run `agora publish`)")
    return problems


def site_notes(kb: KnowledgeBase) -> list[str]:
    """What `agora doctor` tells about the site that is no fault: pages waiting for a build."""
    if pending_marker(kb).exists():
        return ["site: pages written by `agora publish --no-build` are not built yet (`agora publish` builds them)"]
    return []
