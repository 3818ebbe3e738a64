"""`agora doctor`: compare corpus, manifest and vector index; repair by rebuild-verify-swap."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

from ..atomic import remove_stale_temps
from ..corpus import Corpus
from ..errors import CorpusFileError
from ..kb import KnowledgeBase
from ..units import all_units
from .sync import open_indexes, wanted_rows

SELF_QUERIES = 5


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems


def diagnose(kb: KnowledgeBase, embedder=None) -> Report:
    from .embed import kb_embedder

    report = Report()
    _check_corpus(kb, report)
    embedder = embedder or kb_embedder(kb)
    try:
        store, lexical = open_indexes(kb, embedder)
    except Exception as exc:  # an unreadable index is a finding, not a crash
        report.problems.append(f"index cannot be opened: {exc.__class__.__name__}: {exc}")
        return report
    try:
        _check_index(kb, store, lexical, embedder, report)
    except Exception as exc:
        report.problems.append(f"index is damaged: {exc.__class__.__name__}: {exc}")
    finally:
        lexical.close()
    return report


def _check_corpus(kb: KnowledgeBase, report: Report) -> None:
    errors: list[CorpusFileError] = []
    slugs = {a.slug for a in Corpus(kb).articles(errors=errors)}
    list(all_units(kb, errors=errors))
    report.problems += [f"corpus file: {e}" for e in errors]
    temps = [p for p in kb.corpus_dir.rglob(".*.tmp")]
    report.problems += [f"leftover temporary file from a killed writer: {p}" for p in temps]
    unit_files = {p.stem for p in kb.units_dir.glob("*.yml")}
    report.problems += [f"article without units (run `agora extract {s}`)" for s in sorted(slugs - unit_files)]
    report.problems += [f"units of a missing article: corpus/units/{s}.yml" for s in sorted(unit_files - slugs)]


def _check_index(kb, store, lexical, embedder, report: Report) -> None:
    wanted = wanted_rows(kb)
    manifest = lexical.hashes()
    vector_ids = store.ids()
    missing = [i for i in wanted if i not in manifest or i not in vector_ids]
    stale = [i for i in wanted if i in manifest and manifest[i] != wanted[i]["hash"]]
    orphans = [i for i in set(manifest) | vector_ids if i not in wanted]
    for label, ids in (("missing from the index", missing), ("stale in the index", stale),
                       ("orphaned in the index", orphans)):
        if ids:
            report.problems.append(f"{len(ids)} units {label} (e.g. {sorted(ids)[0]})")
    _self_queries(store, [i for i in wanted if i in vector_ids][:: max(1, len(wanted) // SELF_QUERIES)][:SELF_QUERIES],
                  report)
    report.notes.append(f"{len(wanted)} units in the corpus, {len(vector_ids)} vectors, model {embedder.name}")


def _self_queries(store, ids: list[str], report: Report) -> None:
    """A stored vector must find its own unit first; otherwise the HNSW index is damaged."""
    vectors = store.vectors(ids) if ids else {}
    for uid, vector in vectors.items():
        top = store.query(vector, 1)
        if not top or top[0][0] != uid and top[0][1] < 0.9999:
            report.problems.append(f"self-query for {uid} returned {top[0][0] if top else 'nothing'}")


def repair(kb: KnowledgeBase, embedder=None) -> list[str]:
    """Rebuild the index into a new folder from the corpus (embeddings from the cache),
    verify it, then swap it in. The corpus is never modified except leftover temp files."""
    from .embed import kb_embedder
    from .sync import _sync

    embedder = embedder or kb_embedder(kb)
    done = [f"removed {p}" for p in remove_stale_temps(kb.corpus_dir)]
    with kb.write_lock():
        if kb.settings.chroma_url:
            store, lexical = open_indexes(kb, embedder, check=False)
            store.reset()
            lexical.clear()
            _sync(kb, store, lexical, embedder, None)
            lexical.close()
            return done + ["rebuilt the collection on the Chroma server"]
        fresh = kb.state_dir / "chroma.new"
        shutil.rmtree(fresh, ignore_errors=True)
        (kb.state_dir / "lexical.sqlite").unlink(missing_ok=True)
        for suffix in ("-wal", "-shm"):
            (kb.state_dir / f"lexical.sqlite{suffix}").unlink(missing_ok=True)
        store, lexical = open_indexes(kb, embedder, path=fresh)
        summary = _sync(kb, store, lexical, embedder, None)
        if store.count() != len(lexical.hashes()):
            raise RuntimeError("the rebuilt index does not match its manifest; nothing was swapped")
        lexical.close()
        del store
        _swap(kb.state_dir / "chroma", fresh)
    return done + [f"rebuilt the index ({summary.added} units) and swapped it in"]


def _swap(current, fresh) -> None:
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()  # chroma caches one client per path in-process
    old = current.with_name("chroma.old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    fresh.rename(current)
    shutil.rmtree(old, ignore_errors=True)
