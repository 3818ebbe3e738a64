"""The lexical side of hybrid search, and the index manifest: SQLite FTS5 with bm25().

Local Chroma has no sparse index, so BM25 lives here, in .agora/lexical.sqlite, updated
with the same units as the vector index. The `units` table is also the manifest of what
is indexed (id -> content hash), which `agora doctor` compares with corpus and Chroma.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
  id TEXT PRIMARY KEY, hash TEXT NOT NULL, article TEXT, kind TEXT, stance TEXT,
  speaker TEXT, stakeholders TEXT, published INTEGER, status TEXT, issues TEXT,
  text TEXT, title TEXT, speaker_title TEXT, url TEXT, confidence REAL);
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(
  id UNINDEXED, text, speaker, title, tokenize='porter unicode61');
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""
COLUMNS = ("id", "hash", "article", "kind", "stance", "speaker", "stakeholders", "published", "status", "issues",
           "text", "title", "speaker_title", "url", "confidence")


MAX_TERMS = 64
STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "for", "from", "had", "has",
    "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "its", "may", "more", "most",
    "not", "of", "on", "or", "our", "she", "so", "than", "that", "the", "their", "them", "there",
    "these", "they", "this", "those", "to", "was", "we", "were", "what", "when", "which", "who",
    "will", "with", "would", "you", "your",
))


class Lexical:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        # check_same_thread=False: `agora serve` answers from worker threads; SQLite
        # serialises access itself (the default threading mode is serialized).
        if readonly:  # a reader never creates the file: during a rebuild it may be missing for a moment
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
            self.db.execute("SELECT 1 FROM units LIMIT 1")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    def hashes(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, hash FROM units"))

    def rows(self) -> dict[str, dict]:
        cursor = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM units")
        return {r[0]: dict(zip(COLUMNS, r, strict=True)) for r in cursor}

    def upsert(self, rows: list[dict]) -> None:
        """The FTS row shares the units row's rowid, so deletes are by key, not by scan."""
        with self.db:
            self._delete([r["id"] for r in rows])
            for r in rows:
                rowid = self.db.execute(f"INSERT INTO units ({', '.join(COLUMNS)}) VALUES "
                                        f"({', '.join('?' * len(COLUMNS))})", tuple(r[c] for c in COLUMNS)).lastrowid
                self.db.execute("INSERT INTO units_fts (rowid, id, text, speaker, title) VALUES (?, ?, ?, ?, ?)",
                                (rowid, r["id"], r["text"], r["speaker"], r["title"]))

    def get(self, ids: list[str]) -> dict[str, dict]:
        out = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            cursor = self.db.execute(f"SELECT {', '.join(COLUMNS)} FROM units WHERE id IN "
                                     f"({', '.join('?' * len(chunk))})", chunk)
            out.update({r[0]: dict(zip(COLUMNS, r, strict=True)) for r in cursor})
        return out

    def filtered_ids(self, where: str, params: list) -> set[str]:
        return {r[0] for r in self.db.execute(f"SELECT id FROM units WHERE {where}", params)}

    def delete(self, ids: list[str]) -> None:
        with self.db:
            self._delete(ids)

    def _delete(self, ids: list[str]) -> None:
        self.db.executemany("DELETE FROM units_fts WHERE rowid = (SELECT rowid FROM units WHERE id = ?)",
                            [(i,) for i in ids])
        self.db.executemany("DELETE FROM units WHERE id = ?", [(i,) for i in ids])

    def clear(self) -> None:
        with self.db:
            self.db.execute("DELETE FROM units")
            self.db.execute("DELETE FROM units_fts")

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def search(self, query: str, limit: int) -> list[tuple[str, float]]:
        """(id, bm25 score, higher is better) for the query's words, any of them."""
        words = list(dict.fromkeys(w for w in re.findall(r"\w+", query.lower()) if w not in STOPWORDS))[:MAX_TERMS]
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        cursor = self.db.execute(
            "SELECT id, -bm25(units_fts, 1.0, 0.5, 0.3) AS score FROM units_fts WHERE units_fts MATCH ? "
            "ORDER BY score DESC LIMIT ?", (match, limit))
        return list(cursor)

    def close(self) -> None:
        self.db.close()
