"""`agora doctor`: compare corpus, manifest and vector index; repair by rebuild-verify-swap."""

from __future__ import annotations

from ..atomic import remove_stale_temps
from ..errors import CorpusFileError
from ..model.articles import Corpus
from ..model.kb import KnowledgeBase
from ..model.units import all_units
from .index import Diagnosis, Index

Report = Diagnosis


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
    report.problems += [f"article not yet extracted: {s} (`agora doctor --repair` or `agora add` again finishes it)"
                        for s in sorted(slugs - unit_files)]
    report.problems += [f"units of a missing article: corpus/units/{s}.yml" for s in sorted(unit_files - slugs)]
    return report


def repair(kb: KnowledgeBase, embedder=None) -> list[str]:
    """Rebuild the index from the corpus, verified before it replaces the old one. The corpus
    is never modified except leftover temporary files of killed writers."""
    done = [f"removed {p}" for p in remove_stale_temps(kb.corpus_dir)]
    summary = Index.rebuild(kb, embedder)
    where = "the collection on the Chroma server" if kb.settings.chroma_url else "the index and swapped it in"
    return done + [f"rebuilt {where} ({summary.added} units)"]
