"""Parsed corpus files by content: `.agora/units-cache.sqlite` keeps each units file's validated
units, and each article's validated front matter, as JSON under the sha1 of the bytes parsed,
so reading the corpus parses YAML only for the files that changed since (YAML and its
validation cost about 1 ms a unit and 0.3 ms an article's front matter; the JSON a few dozen
µs). Derived and disposable: any trouble with it means reading the YAML as before."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from ..errors import CorpusFileError
from .kb import KnowledgeBase

T = TypeVar("T")

FILE = "units-cache.sqlite"


def digest(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


class UnitCache:
    """`get(slug, digest)` -> the units' JSON, or None; `put` stores it. Writes are committed by
    `close()`; an unusable cache (read-only folder, a damaged file) quietly does nothing."""

    table = "units"

    def __init__(self, kb: KnowledgeBase) -> None:
        self.db: sqlite3.Connection | None = None
        self.seen: set[str] = set()
        self.dirty = False
        try:
            kb.state_dir.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(kb.state_dir / FILE, timeout=5)
            self.db.execute("pragma journal_mode=wal")
            self.db.execute(f"create table if not exists {self.table} (slug text primary key, digest text, json text)")
        except (sqlite3.Error, OSError):
            self.db = None

    def get(self, slug: str, key: str) -> str | None:
        self.seen.add(slug)
        if self.db is None:
            return None
        try:
            row = self.db.execute(f"select digest, json from {self.table} where slug = ?", (slug,)).fetchone()
            return row[1] if row and row[0] == key else None
        except sqlite3.Error:
            return None

    def put(self, slug: str, key: str, text: str) -> None:
        if self.db is None:
            return
        try:
            self.db.execute(f"insert or replace into {self.table} values (?, ?, ?)", (slug, key, text))
            self.dirty = True
        except sqlite3.Error:
            pass

    def close(self, *, complete: bool = False) -> None:
        """Commit; after a pass over every file (`complete`), forget the files that are gone."""
        if self.db is None:
            return
        try:
            if complete:
                gone = [s for (s,) in self.db.execute(f"select slug from {self.table}") if s not in self.seen]
                self.db.executemany(f"delete from {self.table} where slug = ?", [(s,) for s in gone])
                self.dirty = self.dirty or bool(gone)
            if self.dirty:
                self.db.commit()
            self.db.close()
        except sqlite3.Error:
            pass
        self.db = None


def read_through(cache: UnitCache, slugs: Iterable[str], read: Callable[[str, UnitCache], T],
                 errors: list[CorpusFileError] | None) -> Iterator[T]:
    """read(slug, cache) for each slug; an unreadable file goes to *errors* (or raises). After a
    complete pass the cache forgets the files that are gone."""
    complete = False
    try:
        for slug in slugs:
            try:
                yield read(slug, cache)
            except CorpusFileError as exc:
                if errors is None:
                    raise
                errors.append(exc)
        complete = True
    finally:
        cache.close(complete=complete)


class FrontMatterCache(UnitCache):
    """The same, for each article's front matter."""

    table = "articles"
