"""A generated page before it is made, and the bases of the pages last written.

A page's basis is a digest of everything its text is made from. `agora publish` keeps the
basis each page was last written from (.agora/page-bases.json); a page whose basis and file
are unchanged is not rendered again, so after ten new articles a site of 10,000 renders a few
dozen pages, not all of them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..atomic import atomic_write_text
from ..model.kb import KnowledgeBase


@dataclass(frozen=True)
class Page:
    rel: str  # path under docs/: "articles/<slug>.md"
    render: Callable[[], str]
    basis: str = ""  # "": rendered on every publish


def page_rel(kb: KnowledgeBase, path: Path) -> str:
    return path.relative_to(kb.docs_dir).as_posix()


@lru_cache(maxsize=1)
def code_basis() -> str:
    """The templates and the code that fill them: a new version of either makes every page again."""
    here = Path(__file__).parent
    files = sorted([*here.glob("templates/*"), *here.glob("pages/*.py"), here / "render.py", here / "page.py"])
    digest = hashlib.sha1()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def basis(*parts: object) -> str:
    """A digest of the parts (strings, numbers, dates, and lists, tuples and dicts of them: their
    repr, which is exact for these), with the code's own basis."""
    digest = hashlib.sha1(code_basis().encode())
    for part in parts:
        digest.update(b"\x1e" + (part if isinstance(part, str) else repr(part)).encode())
    return digest.hexdigest()


class PageBases:
    """{page: [basis, size, mtime in ns]} of the pages last written: a page edited by hand is
    made again (its header says edits are overwritten)."""

    def __init__(self, kb: KnowledgeBase, known: dict[str, list]):
        self.kb, self.known = kb, known

    @staticmethod
    def path(kb: KnowledgeBase) -> Path:
        return kb.state_dir / "page-bases.json"

    @classmethod
    def load(cls, kb: KnowledgeBase, *, forget: bool = False) -> PageBases:
        try:
            known = {} if forget else json.loads(cls.path(kb).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}  # no record, or a broken one: every page is made again
        return cls(kb, known if isinstance(known, dict) else {})

    def holds(self, page: Page, path: Path) -> bool:
        """The page was last written from this basis and its file is as written then."""
        if not page.basis or self.known.get(page.rel, [None])[0] != page.basis:
            return False
        try:
            return _file(path) == self.known[page.rel][1:]
        except OSError:
            return False

    def record(self, page: Page, path: Path) -> None:
        if page.basis:
            self.known[page.rel] = [page.basis, *_file(path)]
        else:
            self.known.pop(page.rel, None)

    def save(self, wanted: set[str]) -> None:
        self.kb.state_dir.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path(self.kb), json.dumps({k: v for k, v in self.known.items() if k in wanted}))


def _file(path: Path) -> list[int]:
    stat = path.stat()
    return [stat.st_size, stat.st_mtime_ns]
