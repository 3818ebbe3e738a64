"""The search index of one knowledge base, as one object (in the spirit of llm's `Collection`
and sqlite-utils' `Database`): it owns the files in .agora/, the embedder, the vector store,
the full-text index and the embedding cache, and offers sync, search, delete and the checks
`agora doctor` runs. Writers hold the knowledge base's lock; readers do not need it.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import AgoraError
from ..model.kb import KnowledgeBase
from ..model.snapshot import Snapshot, read_corpus
from ..model.vocab import SIDES
from .cache import EmbeddingCache
from .lexical import Lexical
from .links import Neighbours
from .rows import index_rows, vector_meta, wanted_rows
from .search import Filters, Hit, run_search
from .store import VectorStore, open_store, swap_in

BATCH = 1024  # units embedded, stored and recorded at a time (each batch of about one length)
LEXICAL = "lexical.sqlite"
CACHE = "embeddings.sqlite"
VECTORS = "chroma"
GENERATION = "index.generation"  # changes whenever the index does: long-running readers reopen
REBUILDING = "index.rebuilding"  # present while a rebuild runs: new readers wait for it
SELF_QUERIES = 5


@dataclass
class SyncSummary:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"{self.added} added, {self.updated} updated, {self.removed} removed, {self.unchanged} unchanged"


@dataclass
class Diagnosis:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def extend(self, other: Diagnosis) -> None:
        self.problems += other.problems
        self.notes += other.notes


class Index:
    def __init__(self, kb: KnowledgeBase, embedder=None, *, path: Path | None = None, lexical: Path | None = None,
                 check: bool = True, readonly: bool = False) -> None:
        from ..encoders import kb_embedder

        self.kb, self.readonly = kb, readonly
        self.embedder = embedder or kb_embedder(kb)
        kb.state_dir.mkdir(parents=True, exist_ok=True)
        self.lexical = Lexical(lexical or self.lexical_path(kb), readonly=readonly)
        self._path = path
        self._store: VectorStore | None = open_store(kb, self.embedder.name, self.embedder.dim, path=path, check=check)
        self.neighbours: Neighbours | None = None  # asked by the last sync, for the debates' links

    @property
    def store(self) -> VectorStore:
        """The vector store, opened again on first use after `release_store`."""
        if self._store is None:
            self._store = open_store(self.kb, self.embedder.name, self.embedder.dim, path=self._path, check=False)
        return self._store

    def release_store(self) -> None:
        """Let the store's client go: an embedded Chroma holds its whole graph in memory (about
        280 MB at 130,000 units), which the debates need only to ask for many units' neighbours."""
        import gc

        from ..memory import give_back
        from .store import forget_clients

        if self._store is None:
            return
        self._store = None
        forget_clients()
        gc.collect()  # the client's objects hold cycles, and the command pauses the collector
        give_back()

    def vectors(self, ids: list[str]) -> dict:
        """The stored vectors of these units, by id."""
        return self.store.vectors(ids)

    def nearest(self, vectors: list, n: int) -> list[list[tuple[str, float]]]:
        """The n nearest stored units of each vector (id, cosine), from the store's graph."""
        return self.store.query_many(vectors, n)

    @classmethod
    def open(cls, kb: KnowledgeBase, embedder=None) -> Index:
        """The index for reading: refuses, with the command to run, when there is none yet; waits
        for a rebuild in progress to finish rather than read a half-built index."""
        if (kb.state_dir / REBUILDING).exists():
            _wait_for_writer(kb)
        if not cls.exists(kb):
            raise AgoraError(f"{kb.root} has no search index yet: run `agora index`")
        if kb.settings.chroma_url:
            return cls(kb, embedder)
        try:
            return cls(kb, embedder, readonly=True)
        except sqlite3.Error:  # swapped out under us: the rebuild holds the lock until it is back
            _wait_for_writer(kb)
            return cls(kb, embedder, readonly=True)

    @staticmethod
    def generation(kb: KnowledgeBase) -> str:
        path = kb.state_dir / GENERATION
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def reopen(self) -> None:
        """Open the store and the full-text index again (after another process swapped them)."""
        from .store import forget_clients

        self.close()
        forget_clients()
        self._path, self._store = None, open_store(self.kb, self.embedder.name, self.embedder.dim)
        self.lexical = Lexical(self.lexical_path(self.kb), readonly=self.readonly)

    @staticmethod
    def exists(kb: KnowledgeBase) -> bool:
        return Index.lexical_path(kb).exists() or bool(kb.settings.chroma_url)

    @staticmethod
    def lexical_path(kb: KnowledgeBase) -> Path:
        return kb.state_dir / LEXICAL

    @staticmethod
    def vectors_path(kb: KnowledgeBase) -> Path:
        return kb.state_dir / VECTORS

    def behind_corpus(self) -> bool:
        """True when a units file changed after the index was last written (cheap: file times)."""
        newest = max((p.stat().st_mtime for p in self.kb.units_dir.glob("*.yml")), default=0.0)
        return newest > float(self.lexical.get_meta("synced_at") or 0)

    def close(self) -> None:
        self.lexical.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writing (the caller holds kb.write_lock()) ------------------------------------

    def sync(self, *, rebuild: bool = False, on_progress: Callable[[int, int], None] | None = None,
             snapshot: Snapshot | None = None) -> SyncSummary:
        """Bring vectors and full text in line with corpus/units (as read, or as in `snapshot`):
        only new or changed units are embedded."""
        started = time.time()  # units written after this are not in the index
        if rebuild:
            self.clear()
        indexed = self.lexical.hashes()
        wanted, changed = _changed_rows(index_rows(self.kb, snapshot=snapshot), indexed)
        ahead = self._embed_ahead(changed, len(wanted), on_progress)
        if indexed and self.store.count() == 0:  # the vectors are gone (a server that came back empty)
            self.lexical.clear()
            indexed = {}
            wanted, changed = _changed_rows(index_rows(self.kb, snapshot=snapshot), indexed)
        # shortest first: each batch then holds texts of about one length, as the encoder's own
        # length-sorted batches would over all of them (in id order, 36% more padding and time)
        stale = sorted(changed, key=lambda i: (len(changed[i]["text"]), i))
        removed = [i for i in indexed if i not in wanted]
        self.delete(removed)
        with self.cache() as cache:
            for start in range(0, len(stale), BATCH):
                rows = [changed[i] for i in stale[start:start + BATCH]]
                vectors = cache.embed([r["text"] for r in rows], self.embedder.encode)
                self.store.upsert([r["id"] for r in rows], vectors, [vector_meta(r) for r in rows])
                self.lexical.upsert(rows)  # the manifest is written last: a crash before it only re-does work
                if on_progress and not ahead:
                    on_progress(min(start + BATCH, len(stale)), len(stale))
        self.lexical.set_meta("embedding_model", self.embedder.name)
        self.lexical.set_meta("synced_at", repr(started))
        self.neighbours = self._neighbours([changed[i] for i in stale if changed[i]["stance"] in SIDES], wanted)
        updated = sum(1 for i in stale if i in indexed)
        return SyncSummary(len(stale) - updated, updated, len(removed), len(wanted) - len(stale))

    def _neighbours(self, argued: list[dict], wanted: set[str]) -> Neighbours | None:
        """On a knowledge base of RELEASE_MIN units or more, when the debates would place the new
        argued units through the index (links.through_index; the first index does), their
        neighbours are asked now, while the sync holds the store's graph: the debates then read
        neither the graph nor every vector for them."""
        from ..memory import RELEASE_MIN
        from .links import KNN, QUERY_BATCH, through_index

        if len(wanted) < RELEASE_MIN or not through_index(len(argued), len(wanted)):
            return None
        known = Neighbours(list(wanted))
        with self.cache() as cache:
            for start in range(0, len(argued), QUERY_BATCH):
                rows = argued[start:start + QUERY_BATCH]
                vectors = cache.embed([r["text"] for r in rows], self.embedder.encode)  # cached by the sync
                known.add([r["id"] for r in rows], self.store.query_many(list(vectors), KNN))
        return known

    def _embed_ahead(self, rows: dict[str, dict], units: int,
                     on_progress: Callable[[int, int], None] | None) -> bool:
        """On a knowledge base of RELEASE_MIN units or more, embed the changed texts into the
        cache before the store is read, then let the embedder go: the embedder's session (about
        260 MB while it runs) and Chroma's graph (280 MB at 130,000 units, read whole on the
        first count) are then never in memory together. True when it did."""
        from ..encoders import unload
        from ..memory import RELEASE_MIN

        if units < RELEASE_MIN or not rows:
            return False
        texts = sorted({row["text"] for row in rows.values()}, key=len)  # batches of about one length
        with self.cache() as cache:
            for start in range(0, len(texts), BATCH):
                cache.embed(texts[start:start + BATCH], self.embedder.encode)
                if on_progress:
                    on_progress(min(start + BATCH, len(texts)), len(texts))
        unload()
        return True

    def delete(self, ids: list[str]) -> None:
        self.store.delete(ids)
        self.lexical.delete(ids)

    def delete_articles(self, slugs: list[str]) -> None:
        gone = set(slugs)
        self.delete([i for i, row in self.lexical.rows().items() if row["article"] in gone])

    def clear(self) -> None:
        self.store.reset()
        self.lexical.clear()

    def cache(self) -> EmbeddingCache:
        """The embedding cache keyed by (model, text hash): rebuilds and repairs re-embed nothing."""
        return EmbeddingCache(self.kb.state_dir / CACHE, self.embedder.name, self.embedder.dim)

    # -- reading -----------------------------------------------------------------------

    def search(self, query: str, *, filters: Filters | None = None, n: int = 10, mode: str = "hybrid") -> list[Hit]:
        """Hits for *query*: dense, lexical (BM25) or both fused by reciprocal rank; see search.py.
        If another process rebuilt the index under us, wait for it, reopen and ask again."""
        try:
            return run_search(self, query, filters=filters, n=n, mode=mode)
        except AgoraError:
            raise
        except Exception:
            _wait_for_writer(self.kb)
            self.reopen()
            return run_search(self, query, filters=filters, n=n, mode=mode)

    def refresh_crossref(self, *, rediscover: bool = False, snapshot: Snapshot | None = None):
        """Recompute the cross-article results from the vectors (.agora/crossref.jsonl)."""
        from .crossref import refresh

        return refresh(self, rediscover=rediscover, snapshot=snapshot)

    def diagnose(self) -> Diagnosis:
        """Units missing, stale or orphaned here, and whether the vector graph still finds each
        stored vector (a damaged HNSW segment does not)."""
        found = Diagnosis()
        wanted = wanted_rows(self.kb, strict=False)  # unreadable files are the corpus check's finding
        manifest = self.lexical.hashes()
        vector_ids = self.store.ids()
        missing = [i for i in wanted if i not in manifest or i not in vector_ids]
        stale = [i for i in wanted if i in manifest and manifest[i] != wanted[i]["hash"]]
        orphans = [i for i in set(manifest) | vector_ids if i not in wanted]
        for label, ids in (("missing from the index", missing), ("stale in the index", stale),
                           ("orphaned in the index", orphans)):
            if ids:
                found.problems.append(f"{len(ids)} units {label} (e.g. {sorted(ids)[0]})")
        present = [i for i in wanted if i in vector_ids]
        found.problems += self._self_queries(present[:: max(1, len(wanted) // SELF_QUERIES)][:SELF_QUERIES])
        found.notes.append(f"{len(wanted)} units in the corpus, {len(vector_ids)} vectors, model {self.embedder.name}")
        return found

    def _self_queries(self, ids: list[str]) -> list[str]:
        problems = []
        for uid, vector in (self.store.vectors(ids) if ids else {}).items():
            top = self.store.query(vector, 1)
            if not top or top[0][0] != uid and top[0][1] < 0.9999:
                problems.append(f"self-query for {uid} returned {top[0][0] if top else 'nothing'}")
        return problems

    @classmethod
    def rebuild(cls, kb: KnowledgeBase, embedder=None) -> SyncSummary:
        """Rebuild from the corpus (vectors from the cache) into a new folder, verify, swap it in.
        On a Chroma server, the knowledge base's collection is rebuilt in place. Holds the lock."""
        with kb.write_lock():
            return cls.rebuild_locked(kb, embedder)

    @classmethod
    def rebuild_locked(cls, kb: KnowledgeBase, embedder=None, snapshot: Snapshot | None = None) -> SyncSummary:
        """`rebuild` for a caller that already holds the lock (and may have read the corpus)."""
        marker = kb.state_dir / REBUILDING
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
        try:
            summary = cls._rebuild(kb, embedder, snapshot)
        finally:
            marker.unlink(missing_ok=True)
        bump_generation(kb)
        return summary

    @classmethod
    def _rebuild(cls, kb: KnowledgeBase, embedder=None, snapshot: Snapshot | None = None) -> SyncSummary:
        if kb.settings.chroma_url:
            with cls(kb, embedder, check=False) as index:
                return index.sync(rebuild=True, snapshot=snapshot)
        current, lexical = cls.vectors_path(kb), cls.lexical_path(kb)
        fresh, fresh_lexical = current.with_name(current.name + ".new"), lexical.with_name("lexical.new.sqlite")
        shutil.rmtree(fresh, ignore_errors=True)
        _remove_sqlite(fresh_lexical)
        with cls(kb, embedder, path=fresh, lexical=fresh_lexical) as index:
            summary = index.sync(snapshot=snapshot)
            if index.store.count() != len(index.lexical.hashes()):
                raise AgoraError("the rebuilt index does not match its manifest; nothing was swapped")
            index.release_store()
        swap_in(current, fresh)
        _remove_sqlite(lexical)  # open readers keep reading the old file until they reopen
        fresh_lexical.rename(lexical)
        return summary


def _remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def sync_index(kb: KnowledgeBase, *, embedder=None, rebuild: bool = False, rediscover: bool = False,
               on_progress: Callable[[int, int], None] | None = None) -> SyncSummary:
    """`agora index`: sync under the lock (a rebuild is built aside and swapped in, so readers
    never see it half done), then recompute the cross-article results (`rediscover`: with a
    full pass of issue discovery; a rebuild always makes one)."""
    from ..memory import collector_paused
    from . import freshness

    with kb.write_lock(), collector_paused():
        inputs = freshness.digest(kb, getattr(embedder, "name", "") if embedder is not None else "")
        if not (rebuild or rediscover):
            units = freshness.unchanged(kb, freshness.INDEXED, inputs, _derived_files(kb))
            if units is not None and _server_holds(kb, embedder, units):
                return SyncSummary(unchanged=units)
        freshness.forget(kb, freshness.INDEXED)  # a run killed from here on leaves no "up to date"
        snapshot = read_corpus(kb)  # read once for the rows and the debates
        if rebuild:
            summary = Index.rebuild_locked(kb, embedder, snapshot)
        with Index(kb, embedder) as index:
            if not rebuild:
                summary = index.sync(on_progress=on_progress, snapshot=snapshot)
            index.refresh_crossref(rediscover=rediscover or rebuild, snapshot=snapshot)
        bump_generation(kb)
        freshness.remember(kb, freshness.INDEXED, inputs, summary.added + summary.updated + summary.unchanged)
        return summary


def _server_holds(kb: KnowledgeBase, embedder, units: int) -> bool:
    """A Chroma server's collection can lose what no local file shows (a server that comes back
    empty): it must still hold every unit. An embedded index is the files themselves."""
    if not kb.settings.chroma_url:
        return True
    with Index(kb, embedder, check=False) as index:
        return index.store.count() == units


def _changed_rows(rows: Iterable[dict], indexed: dict[str, str]) -> tuple[set[str], dict[str, dict]]:
    """The ids of all rows, and the rows whose hash the index does not hold."""
    wanted, changed = set(), {}
    for row in rows:
        wanted.add(row["id"])
        if indexed.get(row["id"]) != row["hash"]:
            changed[row["id"]] = row
    return wanted, changed


def _derived_files(kb: KnowledgeBase) -> list[Path]:
    from .results import FILE

    local = [] if kb.settings.chroma_url else [Index.vectors_path(kb)]
    return [kb.state_dir / FILE, Index.lexical_path(kb), *local]


def bump_generation(kb: KnowledgeBase) -> None:
    from ..atomic import atomic_write_text

    atomic_write_text(kb.state_dir / GENERATION, f"{time.time_ns()}\n")


def _wait_for_writer(kb: KnowledgeBase) -> None:
    """Block until no agora command is writing this knowledge base (the lock is free)."""
    with kb.write_lock(quiet=True):
        pass


def delete_articles(kb: KnowledgeBase, slugs: list[str]) -> None:
    """Drop the articles' units from an existing index (the caller holds the lock)."""
    if not Index.vectors_path(kb).exists() and not kb.settings.chroma_url:
        return
    with Index(kb) as index:
        index.delete_articles(slugs)
