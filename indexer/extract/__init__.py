"""Extraction: the argument units of each article, with spaCy and data-file lexicons."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice

from ..errors import AgoraError
from ..model.articles import Article, Corpus
from ..model.kb import KnowledgeBase
from ..model.unit_cache import UnitCache
from ..model.units import Unit, load_units, merge_units, save_units

BATCH_SIZE = 16
BATCH_CHARS = 60_000  # what spaCy holds parsed at once, which bounds memory
PARALLEL_FROM = 40  # pieces; below this, starting a second process costs more than it saves
LANGUAGES = ("en",)  # what the rules and the spaCy model read; other articles get no units
SLICE = 500  # articles read, extracted and saved at a time: memory stays flat however many are added


def extract_articles(articles: Iterable[Article], *, model: str, registry=None, stance_method: str = "rules",
                     claim_method: str = "model", workers: int = 0,
                     on_article: Callable[[Article, list[Unit]], None] | None = None) -> dict[str, list[Unit]]:
    """Units of each article (not saved), using nlp.pipe batching. A long article is read in
    pieces of whole paragraphs (see pieces.py), so memory stays bounded and time linear.
    `workers`: extraction processes for a large batch (0: one per core)."""
    from ..model.stakeholders import load_registry
    from .pieces import join_units

    registry = registry or load_registry(None)
    out: dict[str, list[Unit]] = {}
    for article, pieces in _pieces_by_article(list(articles), _units_of_pieces(articles, model, registry,
                                                                               claim_method, workers, stance_method)):
        out[article.slug] = join_units(pieces)
        if on_article:
            on_article(article, out[article.slug])
    return out


def _units_of_pieces(articles, model: str, registry, claim_method: str, workers: int = 0, stance_method: str = "rules"):
    """(article index, piece offset, units) for every piece of every English article, in order;
    the units' stance toward the article's title is asked where they are extracted (in the
    workers, beside spaCy, rather than in the parent on top of them)."""
    from .build import units_from_doc
    from .pieces import split_article
    from .pipeline import load_nlp
    from .stance import with_stance
    from .workers import cpu_count, parallel_units

    pieces = [(i, offset, piece) for i, a in enumerate(articles) if a.language in LANGUAGES
              for offset, piece in split_article(a)]
    if not pieces:
        return iter(())
    nlp = load_nlp(model)
    texts = [p for _, _, p in pieces]
    batch = max(1, min(BATCH_SIZE, BATCH_CHARS // max(1, *(len(p.body) for p in texts))))  # long pieces: fewer at once
    processes = workers or cpu_count()
    if len(pieces) >= PARALLEL_FROM and processes > 1:
        pairs = parallel_units(nlp, registry, texts, processes=processes, batch=batch,
                               claim_method=claim_method, stance_method=stance_method)
    else:
        docs = nlp.pipe((p.body for p in texts), batch_size=batch)
        pairs = ((p, with_stance(units_from_doc(doc, p, registry, claim_method), p.title, stance_method))
                 for p, doc in zip(texts, docs, strict=True))
    return ((i, offset, units) for (i, offset, _), (_, units) in zip(pieces, pairs, strict=True))


def _pieces_by_article(articles: list[Article], results):
    """(article, [(offset, units), ...]) for every article in order, articles without pieces included."""
    results = iter(results)
    pending = next(results, None)
    for i, article in enumerate(articles):
        found = []
        while pending is not None and pending[0] == i:
            found.append((pending[1], pending[2]))
            pending = next(results, None)
        yield article, found


def extract_and_save(kb: KnowledgeBase, articles: Iterable[Article],
                     on_article: Callable[[Article, list[Unit]], None] | None = None,
                     errors: list | None = None, workers: int | None = None) -> int:
    """Re-extract and save; an analyst's reviewed units survive. Caller holds the lock.
    An article whose units file is unreadable is left untouched (it may hold decisions)."""
    from ..errors import CorpusFileError
    from ..model.stakeholders import load_registry

    def save(article: Article, fresh: list[Unit]) -> None:
        try:
            existing = load_units(kb, article.slug, cache)
        except CorpusFileError as exc:
            if errors is None:
                raise
            errors.append(exc)
        else:
            save_units(kb, article.slug, merge_units(existing, fresh), cache)
        if on_article:
            on_article(article, fresh)

    registry, count, articles = load_registry(kb), 0, iter(articles)
    cache = UnitCache(kb)  # `agora index` then reads these units as JSON, not YAML
    try:
        while chunk := list(islice(articles, SLICE)):
            results = extract_articles(chunk, model=kb.settings.spacy_model, registry=registry,
                                       stance_method=kb.settings.stance_method,
                                       claim_method=kb.settings.claim_method,
                                       workers=kb.settings.workers if workers is None else workers, on_article=save)
            count += sum(len(u) for u in results.values())
    finally:
        cache.close()
    return count


def extract_slugs(kb: KnowledgeBase, slugs: list[str] | None,
                  on_article: Callable[[Article, list[Unit]], None] | None = None,
                  errors: list | None = None, workers: int | None = None) -> int:
    """Re-extract the named articles (or all); unreadable articles go to *errors* (or raise)."""
    corpus = Corpus(kb)
    articles = (corpus.get(s) for s in slugs) if slugs else corpus.articles(errors=errors)
    with kb.write_lock():
        return extract_and_save(kb, articles, on_article, errors, workers)


def extract_apart(kb: KnowledgeBase, slugs: list[str], workers: int | None = None) -> int:
    """`extract_slugs` in a child process: `agora add` indexes next, and its own process then never
    holds spaCy's modules and pipelines, the classifiers, or the heap they leave behind (at 10,000
    articles, 170 MB of the index step's peak). The child is spawned, not forked: a fork copies
    the locks other threads hold (the progress bar's), and a child that writes behind one waits
    forever. It dies with this process; an error it meets is raised here."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_extract_child, args=(kb, slugs, workers, send), daemon=True)
    child.start()
    send.close()
    try:
        count, error = receive.recv()
    except EOFError:  # killed (out of memory?) before it could answer
        count, error = 0, None
    finally:
        receive.close()
        child.join()
    if error is None and child.exitcode:
        error = AgoraError(f"extraction stopped (exit code {child.exitcode}); "
                           "`agora doctor --repair` finishes it")
    if error is not None:
        raise error
    return count


def _extract_child(kb: KnowledgeBase, slugs: list[str], workers: int | None, send) -> None:
    import os

    from ..processes import die_with_parent

    die_with_parent()
    try:
        outcome = (extract_slugs(kb, slugs, workers=workers), None)
    except KeyboardInterrupt:  # the parent, in the same process group, has it too and reports it
        os._exit(130)
    except Exception as exc:  # noqa: BLE001  raised again in the parent, as it would have been there
        outcome = (0, _sendable(exc))
    send.send(outcome)
    send.close()


def _sendable(exc: Exception) -> Exception:
    """The exception if it survives pickling whole, else an AgoraError with its message and exit
    code (some take other arguments than their message)."""
    import pickle

    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:  # noqa: BLE001
        error = AgoraError(str(exc)) if isinstance(exc, AgoraError) else RuntimeError(f"{type(exc).__name__}: {exc}")
        error.exit_code = getattr(exc, "exit_code", 1)
        return error
