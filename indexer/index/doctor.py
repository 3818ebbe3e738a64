"""`agora doctor`: compare corpus, manifest and vector index; repair by rebuild-verify-swap."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field

from ..atomic import remove_stale_temps
from ..errors import CorpusFileError
from ..model.articles import Corpus
from ..model.kb import KnowledgeBase
from ..model.units import all_units
from .index import Index
from .rows import wanted_rows
from .store import swap_in

SELF_QUERIES = 5


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.problems

    def extend(self, other: Report) -> None:
        self.problems += other.problems
        self.notes += other.notes


def diagnose(kb: KnowledgeBase, embedder=None) -> Report:
    report = check_corpus(kb)
    try:
        index = Index(kb, embedder)
    except Exception as exc:  # an unreadable index is a finding, not a crash
        report.problems.append(f"index cannot be opened: {exc.__class__.__name__}: {exc}")
        return report
    with index:
        try:
            report.extend(index.diagnose())
        except Exception as exc:
            report.problems.append(f"index is damaged: {exc.__class__.__name__}: {exc}")
    return report


def check_corpus(kb: KnowledgeBase) -> Report:
    report = Report()
    errors: list[CorpusFileError] = []
    slugs = {a.slug for a in Corpus(kb).articles(errors=errors)}
    list(all_units(kb, errors=errors))
    report.problems += [f"corpus file: {e}" for e in errors]
    temps = [p for p in kb.corpus_dir.rglob(".*.tmp")]
    report.problems += [f"leftover temporary file from a killed writer: {p}" for p in temps]
    unit_files = {p.stem for p in kb.units_dir.glob("*.yml")}
    report.problems += [f"article without units (run `agora extract {s}`)" for s in sorted(slugs - unit_files)]
    report.problems += [f"units of a missing article: corpus/units/{s}.yml" for s in sorted(unit_files - slugs)]
    return report


def check_index(index: Index) -> Report:
    report = Report()
    wanted = wanted_rows(index.kb)
    manifest = index.lexical.hashes()
    vector_ids = index.store.ids()
    missing = [i for i in wanted if i not in manifest or i not in vector_ids]
    stale = [i for i in wanted if i in manifest and manifest[i] != wanted[i]["hash"]]
    orphans = [i for i in set(manifest) | vector_ids if i not in wanted]
    for label, ids in (("missing from the index", missing), ("stale in the index", stale),
                       ("orphaned in the index", orphans)):
        if ids:
            report.problems.append(f"{len(ids)} units {label} (e.g. {sorted(ids)[0]})")
    present = [i for i in wanted if i in vector_ids]
    _self_queries(index, present[:: max(1, len(wanted) // SELF_QUERIES)][:SELF_QUERIES], report)
    report.notes.append(f"{len(wanted)} units in the corpus, {len(vector_ids)} vectors, model {index.embedder.name}")
    return report


def _self_queries(index: Index, ids: list[str], report: Report) -> None:
    """A stored vector must find its own unit first; otherwise the HNSW index is damaged."""
    vectors = index.store.vectors(ids) if ids else {}
    for uid, vector in vectors.items():
        top = index.store.query(vector, 1)
        if not top or top[0][0] != uid and top[0][1] < 0.9999:
            report.problems.append(f"self-query for {uid} returned {top[0][0] if top else 'nothing'}")


def repair(kb: KnowledgeBase, embedder=None) -> list[str]:
    """Rebuild the index into a new folder from the corpus (embeddings from the cache),
    verify it, then swap it in. The corpus is never modified except leftover temp files."""
    done = [f"removed {p}" for p in remove_stale_temps(kb.corpus_dir)]
    with kb.write_lock():
        if kb.settings.chroma_url:
            with Index(kb, embedder, check=False) as index:
                index.sync(rebuild=True)
            return done + ["rebuilt the collection on the Chroma server"]
        current = Index.vectors_path(kb)
        fresh = current.with_name(current.name + ".new")
        shutil.rmtree(fresh, ignore_errors=True)
        lexical = Index.lexical_path(kb)
        for suffix in ("", "-wal", "-shm"):
            lexical.with_name(lexical.name + suffix).unlink(missing_ok=True)
        with Index(kb, embedder, path=fresh) as index:
            summary = index.sync()
            if index.store.count() != len(index.lexical.hashes()):
                raise RuntimeError("the rebuilt index does not match its manifest; nothing was swapped")
            del index.store
        swap_in(current, fresh)
    return done + [f"rebuilt the index ({summary.added} units) and swapped it in"]
