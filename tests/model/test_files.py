"""Corrupted or hand-broken corpus files: one-line errors that name the file and the field."""

from __future__ import annotations

import os
import re

import pytest
from conftest import EXAMPLES
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from indexer import Agora
from indexer.errors import CorpusFileError
from indexer.model.articles import Corpus
from indexer.model.units import all_units, load_units

EXAMPLES_MAX = int(os.environ.get("AGORA_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES_MAX, deadline=5000, suppress_health_check=[HealthCheck.too_slow])

TRICKY = st.sampled_from(['"', "“", "”", "'", "\u200b", "\u202e", "\u200f", "\x00", "\ufeff", "<", ">", "&",
                          "\n\n", "---\n", "{{", "{%", "said", " — ", "Risks:", "\ud800", "ﬁ", "é", "\r"])
TEXT = st.lists(st.one_of(TRICKY, st.text(max_size=40)), max_size=60).map("".join)


def test_corrupted_corpus_files_name_file_and_field(kb, agora):
    Agora(kb).add([str(EXAMPLES / "algorithmic-hiring.txt"), str(EXAMPLES / "predictive-policing.txt")])
    slugs = Corpus(kb).slugs()
    units_file = kb.units_dir / f"{slugs[0]}.yml"
    units_file.write_text(re.sub(r"kind: \w+", "kind: banana", units_file.read_text(), count=1))
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
