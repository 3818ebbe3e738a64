"""Extraction on two processes for large batches, with workers that die with their parent.

spaCy's own `n_process` leaves its workers running when the parent is killed (-9): they
wait on their queue forever. Here forked workers share the loaded model (copy-on-write)
and ask the kernel for SIGKILL when the parent dies (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator

from ..model.articles import Article
from ..model.units import Unit

CHUNK = 8
_state: dict = {}


def _die_with_parent() -> None:
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not Linux: workers may outlive a killed parent
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _extract_chunk(chunk: list[Article]) -> list[tuple[str, list[Unit]]]:
    from .build import units_from_doc

    nlp, registry, batch = _state["nlp"], _state["registry"], _state["batch"]
    docs = nlp.pipe((a.body for a in chunk), batch_size=batch)
    return [(a.slug, units_from_doc(doc, a, registry)) for a, doc in zip(chunk, docs, strict=True)]


def parallel_units(nlp, registry, articles: list[Article], *, processes: int, batch: int
                   ) -> Iterator[tuple[Article, list[Unit]]]:
    """(article, units) in input order, computed by *processes* forked workers."""
    import multiprocessing

    _state.update(nlp=nlp, registry=registry, batch=batch)
    chunks = [articles[i:i + CHUNK] for i in range(0, len(articles), CHUNK)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, initializer=_die_with_parent) as pool:
        for chunk, results in zip(chunks, pool.imap(_extract_chunk, chunks), strict=True):
            for article, (_, units) in zip(chunk, results, strict=True):
                yield article, units


def cpu_count() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
