"""The language of an article (py3langid): extraction reads English, so other languages are
stored with their code and not extracted."""

from __future__ import annotations

SAMPLE_CHARS = 5_000
MIN_CHARS = 200  # below this a guess is noise: assume English
EXTRACTED = ("en",)  # what the extractor reads; other languages are stored, not extracted


def detect_language(text: str) -> str:
    sample = text[:SAMPLE_CHARS]
    if len(sample.strip()) < MIN_CHARS:
        return "en"
    import py3langid

    code, _ = py3langid.classify(sample)
    return code
