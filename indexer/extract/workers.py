"""Extraction on two processes for large batches, with workers that die with their parent.

spaCy's own `n_process` leaves its workers running when the parent is killed (-9): they
wait on their queue forever. Here forked workers share the loaded model (copy-on-write)
and ask the kernel for SIGKILL when the parent dies (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from ..model.articles import Article
from ..model.units import Unit
from ..processes import die_with_parent

CHUNK = 8  # articles per task, fewer when they are long (TASK_CHARS)
TASK_CHARS = 60_000  # what one worker parses at a time bounds its memory
_state: dict = {}


def _extract_chunk(chunk: list[Article]) -> list[tuple[str, list[Unit]]]:
    from .build import units_from_doc
    from .stance import with_stance

    nlp, registry, batch, method = _state["nlp"], _state["registry"], _state["batch"], _state["claim_method"]
    docs = nlp.pipe((a.body for a in chunk), batch_size=batch)
    return [(a.slug, with_stance(units_from_doc(doc, a, registry, method), a.title, _state["stance_method"]))
            for a, doc in zip(chunk, docs, strict=True)]


def parallel_units(nlp, registry, articles: list[Article], *, processes: int, batch: int, claim_method: str = "model",
                   stance_method: str = "rules") -> Iterator[tuple[Article, list[Unit]]]:
    """(article, units) in input order, computed by *processes* forked workers."""
    import multiprocessing

    _state.update(nlp=nlp, registry=registry, batch=batch, claim_method=claim_method, stance_method=stance_method)
    chunks = _tasks(articles)
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_start_worker) as pool:
        for chunk, results in zip(chunks, pool.imap(_extract_chunk, chunks), strict=True):
            for article, (_, units) in zip(chunk, results, strict=True):
                yield article, units


def _start_worker() -> None:
    from ..encoders.classifier import use_threads

    die_with_parent()
    use_threads(1)


def _tasks(articles: list[Article]) -> list[list[Article]]:
    tasks, current, size = [], [], 0
    for article in articles:
        if current and (len(current) == CHUNK or size + len(article.body) > TASK_CHARS):
            tasks.append(current)
            current, size = [], 0
        current.append(article)
        size += len(article.body)
    return [*tasks, current] if current else tasks


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
