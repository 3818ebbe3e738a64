"""Export formats (jsonl, csv, AIF, argdown) and the jsonl round trip into another knowledge base."""

from __future__ import annotations

import csv
import io
import json

from conftest import EXAMPLES

from indexer import Agora
from indexer.curation import set_status
from indexer.exchange import export, import_jsonl
from indexer.model.kb import KnowledgeBase
from indexer.model.units import load_units


def test_export_formats_and_round_trip(bank, tmp_path):
    kb, slug = bank
    set_status(kb, [load_units(kb, slug)[0].id], "accepted", by="Ana")
    lines = export(kb, "jsonl").splitlines()
    assert lines and json.loads(lines[0])["article_meta"]["title"].startswith("Northgate")
    rows = list(csv.DictReader(io.StringIO(export(kb, "csv"))))
    assert len(rows) == len(lines) and rows[0]["article_title"].startswith("Northgate")
    aif = json.loads(export(kb, "aif", stance="against"))
    assert {n["type"] for n in aif["nodes"]} >= {"I", "CA"} and aif["edges"]
    argdown = export(kb, "argdown")
    assert argdown.startswith("# Northgate") and "<" in argdown
    other = KnowledgeBase.init(tmp_path / "other")
    Agora(other).add([str(EXAMPLES / "keystroke-monitoring-bank.txt")], extract=False)
    count, problems = import_jsonl(other, lines)
    assert count == len(lines) and not problems
    assert load_units(other, slug)[0].status == "accepted"
    assert import_jsonl(other, ["{not json", json.dumps({"id": "zzz-1-2"})])[1]
