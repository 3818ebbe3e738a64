"""Agora's library: ingest -> extract -> index -> publish. The CLI is a thin layer over it.

    from indexer import Agora
    kb = Agora("my-kb")                        # or Agora.init("my-kb") for a new one
    kb.add(["article.html", "https://example.org/story"])
    kb.index()
    for hit in kb.search("keystroke tracking erodes trust", stance="against", n=5):
        print(f"{hit.score:.3f}", hit.speaker or "-", hit.text)
    kb.publish()

Heavy libraries (spaCy, torch, chromadb) are imported lazily by the methods that need them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .model.kb import KnowledgeBase

if TYPE_CHECKING:
    from .ingest.add import AddResult
    from .model.units import Unit

__version__ = "0.1.0"
__all__ = ["Agora", "KnowledgeBase", "argument_kind", "key_points", "search", "stance"]


class Agora:
    """A knowledge base and what can be done with it, in the order data flows."""

    def __init__(self, path: KnowledgeBase | Path | str | None = None) -> None:
        self.kb = path if isinstance(path, KnowledgeBase) else KnowledgeBase.open(path)

    @classmethod
    def init(cls, path: Path | str) -> Agora:
        """Create a knowledge base: corpus/, docs/ and mkdocs.yml."""
        from .publish.config import ensure_mkdocs_config

        kb = KnowledgeBase.init(path)
        ensure_mkdocs_config(kb)
        return cls(kb)

    def add(self, sources: Iterable[str], *, extract: bool = True, workers: int | None = None,
            lean: bool = False, **options) -> list[AddResult]:
        """Add files, folders, URLs or '-' (stdin), then extract the new articles' units on
        `workers` processes (default: the setting). `lean`: this process keeps no model it is done
        with (`agora add` indexes next): the language identifier goes once the articles are in,
        and extraction runs in a child process (see extract_apart). Options of
        `indexer.ingest.add_sources`: overrides, on_result, on_input."""
        from .extract import extract_apart
        from .ingest import add_sources

        results = add_sources(self.kb, sources, **options)
        if lean:
            from .ingest.language import unload

            unload()
        if extract:
            todo = sorted({r.slug for r in results if r.status == "added"} | set(self.pending()))
            if todo and lean:
                extract_apart(self.kb, todo, workers)
            elif todo:
                self.extract(todo, workers=workers)
        return results

    def pending(self) -> list[str]:
        """Articles acknowledged but not yet extracted (an `add` killed between the two steps)."""
        from .model.articles import Corpus
        from .model.units import unit_slugs

        return sorted(set(Corpus(self.kb).slugs()) - set(unit_slugs(self.kb)))

    def extract(self, slugs: list[str] | None = None, **options) -> int:
        """Re-extract the named articles (or all); an analyst's decisions are kept. Returns the unit count."""
        from .extract import extract_slugs

        return extract_slugs(self.kb, slugs, **options)

    def index(self, *, rebuild: bool = False, **options):
        """Sync the search index with corpus/units and recompute the cross-article results."""
        from .index.index import sync_index

        return sync_index(self.kb, rebuild=rebuild, **options)

    def search(self, query: str, *, n: int = 10, mode: str = "hybrid", embedder=None, **filters) -> list:
        """Typed hits; filters: kind, stakeholder, stance, issue, article, since, until."""
        from .index.index import Index
        from .index.search import Filters

        with Index.open(self.kb, embedder) as index:
            return index.search(query, filters=Filters(**filters), n=n, mode=mode)

    def diagnose(self, embedder=None):
        """`agora doctor`: corpus files, extraction, the index and the built site, checked
        against each other; a report with problems and notes."""
        from .index.doctor import diagnose
        from .publish.site import check_site, site_notes

        report = diagnose(self.kb, embedder)
        report.problems += [f"site: {p}" for p in check_site(self.kb)]
        report.notes += site_notes(self.kb)
        return report

    def repair(self, embedder=None) -> list[str]:
        """What `agora doctor --repair` does: finish pending extractions, rebuild the index from
        the corpus (verified before it replaces the old one), and rebuild a broken site."""
        from .index.doctor import repair as repair_index
        from .publish.site import check_site

        done = []
        pending = self.pending()
        if pending:
            self.extract(pending)
            done.append(f"extracted {len(pending)} articles that had no units")
        done += repair_index(self.kb, embedder)
        if check_site(self.kb):
            self.publish()
            done.append("rebuilt the site")
        return done

    def publish(self, *, build: bool = True):
        """Write the generated pages under docs/ and build the site."""
        from .publish.site import publish

        return publish(self.kb, build=build)

    def remove(self, slugs: list[str]) -> list[str]:
        """Remove articles with their units, index entries and generated page."""
        from .index.index import delete_articles
        from .model.articles import Corpus
        from .model.units import units_path
        from .publish.paths import article_page

        corpus = Corpus(self.kb)
        removed = []
        with self.kb.write_lock():
            for slug in slugs:
                corpus.remove(slug)
                units_path(self.kb, slug).unlink(missing_ok=True)
                article_page(self.kb, slug).unlink(missing_ok=True)
                removed.append(slug)
            delete_articles(self.kb, removed)  # best effort: `agora doctor` reports what is left
        return removed

    def articles(self) -> list:
        from .model.articles import Corpus

        return list(Corpus(self.kb).by_slug().values())

    def units(self, slug: str | None = None) -> list[Unit]:
        """The units of one article, or every unit that counts (not rejected)."""
        from .model.units import load_units, usable_units

        return load_units(self.kb, slug) if slug else usable_units(self.kb)


def search(query: str, *, kb: KnowledgeBase | Path | str | None = None, **options) -> list:
    """`indexer.search("keystroke tracking erodes trust", kb="path", stance="against")`: see `Agora.search`."""
    return Agora(kb).search(query, **options)


def stance(texts: list[str], question: str) -> list:
    """Stance of each text toward the question, in order: `StanceResult(label, score)` with label
    for, against or neutral. `indexer.stance(["Nobody does their best work with a stopwatch on
    every keystroke."], "Should employers record what employees type?")` -> label "against".
    Agora's own cross-encoder (int8 ONNX in the package, sha256 checked); no download."""
    from .encoders.stance import stance as run

    return run(list(texts), question)


def argument_kind(texts: list[str]) -> list:
    """What kind of argument unit each text is, in order: `KindResult(label, score, cue)` with label
    claim, risk, opportunity or none and score = how likely the text argues at all. Agora's own
    argument detector (int8 ONNX in the package, sha256 checked), then the parse (a reporter's
    narration argues nothing, a plain judgement does) and the cue lexicon for the kind."""
    from .extract.kinds import argument_kind as run

    return run(list(texts))


def key_points(texts: list[str]) -> list:
    """The points that several texts make: `KeyPoint(text, members)`, largest first, where text is
    the most central member and members are indices into `texts`; a text whose point no other
    text makes is left out. The same groups whatever the order of `texts`. Agora's own key point
    encoder (int8 ONNX in the package, sha256 checked) and scikit-learn's agglomerative clustering."""
    from .encoders.keypoints import key_points as run

    return run(list(texts))
