"""Hostile and broken input, fuzzed: never a traceback, never a hang, never a partial write."""

from __future__ import annotations

import contextlib
import gzip
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import Agora
from indexer.errors import InputError
from indexer.ingest.add import parse_bytes

EXAMPLES_MAX = int(os.environ.get("AGORA_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES_MAX, deadline=5000, suppress_health_check=[HealthCheck.too_slow])

TRICKY = st.sampled_from(['"', "“", "”", "'", "\u200b", "\u202e", "\u200f", "\x00", "\ufeff", "<", ">", "&",
                          "\n\n", "---\n", "{{", "{%", "said", " — ", "Risks:", "\ud800", "ﬁ", "é", "\r"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=40)), max_size=60).map("".join)


@FUZZ
@given(data=st.binary(max_size=4000), kind=st.sampled_from(["text", "markdown", "html", "sniff"]))
def test_random_bytes_parse_or_fail_cleanly(data, kind):
    try:
        draft = parse_bytes(data, "fuzz", kind)
    except InputError as exc:
        assert "\n" not in str(exc)
    else:
        assert "\x00" not in draft.text and "\n" not in draft.title


@FUZZ
@given(text=TEXT, kind=st.sampled_from(["text", "markdown", "html"]))
def test_random_text_parse_or_fail_cleanly(text, kind):
    with contextlib.suppress(InputError):
        parse_bytes(text.encode("utf-8", "surrogatepass"), "fuzz", kind)


@pytest.mark.parametrize("name, data", [
    ("huge-line.txt", ("word " * 400_000).encode()),
    ("nested.html", b"<html><body>" + b"<div>" * 50_000 + b"<p>deep text here for the parser to find</p>"),
    ("quotes.txt", ('Start "' * 10_000).encode()),
    ("utf16.txt", "Ein Artikel über Überwachung am Arbeitsplatz und was Beschäftigte sagen.".encode("utf-16")),
    ("rtl.txt", ("\u202eThis text is reversed\u202c and \u200bzero width\u200b characters appear in it. " * 5)
     .encode()),
    ("gzip.html", gzip.compress(b"<html>" + b"<p>x</p>" * 100_000)),
])
def test_hostile_files_end_cleanly(kb, tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    [result] = Agora(kb).add([str(path)], extract=True)
    assert result.status in ("added", "failed")
    assert not list(kb.corpus_dir.rglob(".*.tmp"))
