"""A knowledge base is a folder: corpus/ (truth), docs/ + mkdocs.yml (site), .agora/ (derived)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import AgoraError, LockTimeout, NotAKnowledgeBase

CORPUS_README = """# The corpus

This folder is the source of truth of the knowledge base; everything else (the vector
index in `.agora/`, the generated pages in `docs/`) is derived from it and can be rebuilt
with `agora index --rebuild` and `agora publish`.

- `articles/<slug>.md`: one article per file. YAML front matter, then the cleaned body
  (plain text, paragraphs separated by blank lines). Fields:
  `id` (stable, never changes), `title`, `url`, `source` (outlet), `authors` (list),
  `published` (YYYY-MM-DD or empty), `added` (ISO timestamp), `language`,
  `sha256` (of the normalised body), `topics` (list), `input` (where it came from).
  Slugs are lowercase ASCII letters, digits and `-`, at most 80 characters.
- `units/<slug>.yml`: the argument units extracted from that article (claims, risks,
  opportunities, quotes), sorted and diff-friendly. Units whose `status` is `accepted`,
  `rejected` or `edited` are an analyst's decisions: re-extraction keeps them.
- `stakeholders.yml`: curated stakeholders (canonical id, name, kind, aliases); extraction
  honours renames, merges and aliases made here.
- `issues/<slug>.yml`: curated debates (question, aliases, description, pinned/removed articles).
- `guides/<slug>.yml`: discussion guides that educators edit.
- `kb-id`: this knowledge base's id (names its collection on a shared Chroma server); keep it.

Edit these files by hand or with `agora` commands; run `agora doctor` after manual edits.
"""

GITIGNORE = ".agora/\nsite/\n.venv/\n__pycache__/\n"


@dataclass(frozen=True)
class KnowledgeBase:
    root: Path

    @classmethod
    def open(cls, path: Path | str | None = None) -> KnowledgeBase:
        root = Path(path or os.environ.get("AGORA_KB") or ".").resolve()
        if not (root / "corpus").is_dir():
            raise NotAKnowledgeBase(
                f"{root} is not an Agora knowledge base (no corpus/ folder): run `agora init {root}`"
            )
        return cls(root)

    @classmethod
    def init(cls, path: Path | str) -> KnowledgeBase:
        kb = cls(Path(path).resolve())
        try:
            for folder in (kb.articles_dir, kb.units_dir, kb.issues_dir, kb.guides_dir, kb.docs_dir):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise AgoraError(f"cannot create a knowledge base in {kb.root}: {exc.strerror or exc}") from None
        from ..atomic import atomic_write_text

        defaults = {
            kb.corpus_dir / "README.md": CORPUS_README,
            kb.stakeholders_file: "# Curated stakeholders: see corpus/README.md\nstakeholders: []\n",
            kb.root / ".gitignore": GITIGNORE,
        }
        for file, text in defaults.items():
            if not file.exists():
                atomic_write_text(file, text)
        kb.id  # noqa: B018 (written now, so it is committed with the corpus)
        return kb

    @cached_property
    def id(self) -> str:
        """A stable id, kept in corpus/kb-id (so every clone of the corpus shares it): names this
        knowledge base's collection on a shared Chroma server."""
        path = self.corpus_dir / "kb-id"
        if path.exists():
            found = path.read_text(encoding="utf-8").strip()
            if found.isalnum() and 8 <= len(found) <= 32:
                return found.lower()
        import secrets

        from ..atomic import atomic_write_text

        new = secrets.token_hex(8)
        atomic_write_text(path, new + "\n")
        return new

    @cached_property
    def settings(self):
        """This knowledge base's Settings (agora.yml and AGORA_* variables)."""
        from .settings import Settings  # pydantic: kept off the CLI's start-up path

        return Settings.load(self.root)

    corpus_dir = property(lambda self: self.root / "corpus")
    articles_dir = property(lambda self: self.root / "corpus" / "articles")
    units_dir = property(lambda self: self.root / "corpus" / "units")
    issues_dir = property(lambda self: self.root / "corpus" / "issues")
    guides_dir = property(lambda self: self.root / "corpus" / "guides")
    stakeholders_file = property(lambda self: self.root / "corpus" / "stakeholders.yml")
    docs_dir = property(lambda self: self.root / "docs")
    site_dir = property(lambda self: self.root / "site")
    state_dir = property(lambda self: self.root / ".agora")

    @contextmanager
    def write_lock(self, *, timeout: float | None = None, quiet: bool = False) -> Iterator[None]:
        """One writer at a time per knowledge base. The OS drops the lock if we die."""
        from filelock import FileLock, Timeout

        self.state_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(self.state_dir / "write.lock")
        wait = self.settings.lock_timeout if timeout is None else timeout
        try:
            lock.acquire(timeout=0)
        except Timeout:
            if not quiet:
                print(f"waiting for the lock on {self.root} (another agora command is writing)...",
                      file=sys.stderr, flush=True)
            try:
                lock.acquire(timeout=wait)
            except Timeout:
                raise LockTimeout(
                    f"another agora command has held the lock on {self.root} for {wait:.0f}s; "
                    "try again when it finishes (AGORA_LOCK_TIMEOUT to wait longer)"
                ) from None
        marker = self.state_dir / "writing"
        try:
            if marker.exists():
                self._sweep_after_killed_writer()
            marker.touch()
            yield
        finally:
            marker.unlink(missing_ok=True)
            lock.release()

    def _sweep_after_killed_writer(self) -> None:
        """The last lock holder died while writing (it leaves `.agora/writing` behind): its
        temporary files are garbage, and no one else can be writing while we hold the lock."""
        from ..atomic import remove_stale_temps

        for folder in (self.corpus_dir, self.docs_dir):
            remove_stale_temps(folder)
