"""The language of an article (py3langid): extraction reads English, so other languages are
stored with their code and not extracted."""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 5_000
MIN_CHARS = 200  # below this a guess is noise: assume English
EXTRACTED = ("en",)  # what the extractor reads; other languages are stored, not extracted


def detect_language(text: str) -> str:
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return "en"
    code, _ = _identifier().classify(sample)
    return code


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)  # what py3langid.classify uses, held here


def unload() -> None:
    """Let the identifier's model go (74 MB in memory; loading it again takes 0.5 s)."""
    from ..memory import give_back

    _identifier.cache_clear()
    give_back()
