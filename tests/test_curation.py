"""The analyst's workflow: decisions survive re-extraction, export/import round-trips, review in a terminal."""

from __future__ import annotations

import csv
import io
import json
import os
import sys

import pytest
from conftest import EXAMPLES, ROOT

from indexer.curation import add_unit, edit_unit, merge_stakeholders, rename_stakeholder, set_status
from indexer.exchange import export, import_jsonl
from indexer.extract import extract_slugs
from indexer.extract.evaluation import evaluate
from indexer.ingest import add_sources
from indexer.model.kb import KnowledgeBase
from indexer.model.stakeholders import load_registry
from indexer.model.units import load_units


@pytest.fixture
def bank(kb):
    [result] = add_sources(kb, [str(EXAMPLES / "keystroke-monitoring-bank.txt")])
    return kb, result.slug


def test_decisions_survive_reextraction(bank):
    kb, slug = bank
    units = load_units(kb, slug)
    accepted, rejected, edited = units[0], units[1], units[2]
    set_status(kb, [accepted.id], "accepted", by="Ana")
    set_status(kb, [rejected.id], "rejected", by="Ana")
    edit_unit(kb, edited.id, stance="against", speaker="Someone Else", by="Ana")
    extract_slugs(kb, [slug])
    after = {u.id: u for u in load_units(kb, slug)}
    assert after[accepted.id].status == "accepted" and after[accepted.id].reviewed_by == "Ana"
    assert after[rejected.id].status == "rejected"
    assert after[edited.id].status == "edited" and after[edited.id].speaker == "Someone Else"
    assert after[edited.id].stance == "against"
    assert len(after) == len(units)


def test_add_unit_and_eval(bank):
    kb, slug = bank
    from indexer.model.articles import Corpus

    body = Corpus(kb).get(slug).body
    start = body.index("Regulators have not yet commented")
    unit = add_unit(kb, slug, start, start + len("Regulators have not yet commented"), "claim",
                    stakeholders=["regulators:mentioned"], by="Ana")
    assert unit.origin == "analyst" and unit.stakeholders[0].id == "regulators"
    set_status(kb, [load_units(kb, slug)[0].id], "rejected", by="Ana")
    report = evaluate(kb)
    assert report.added == 1 and report.rejected == 1 and report.still_rejected == 1
    assert 0 <= report.precision <= 1


def test_merge_and_rename_stakeholders(bank):
    kb, slug = bank
    n = merge_stakeholders(kb, "employees", "unions")
    assert n > 0
    assert all("unions" not in u.stakeholder_ids() for u in load_units(kb, slug))
    assert load_registry(kb).resolve("unions") == "employees"
    rename_stakeholder(kb, "northgate-bank", "Northgate Bank plc")
    assert load_registry(kb).name_of("northgate-bank") == "Northgate Bank plc"
    extract_slugs(kb, [slug])  # re-extraction honours the merge
    assert all("unions" not in u.stakeholder_ids() for u in load_units(kb, slug))


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
    add_sources(other, [str(EXAMPLES / "keystroke-monitoring-bank.txt")], extract=False)
    count, problems = import_jsonl(other, lines)
    assert count == len(lines) and not problems
    assert load_units(other, slug)[0].status == "accepted"
    assert import_jsonl(other, ["{not json", json.dumps({"id": "zzz-1-2"})])[1]


def test_review_in_a_real_terminal(bank):
    import pexpect

    kb, slug = bank
    child = pexpect.spawn(sys.executable, ["-m", "indexer", "review", slug, "--by", "Tess"], cwd=str(ROOT),
                          env={**os.environ, "AGORA_KB": str(kb.root), "COLUMNS": "120"}, timeout=60,
                          encoding="utf-8")
    for key in ("a", "r", "e"):
        child.expect(r"\[a\]ccept")
        child.sendline(key)
    child.expect("stance")
    child.sendline("against")
    child.expect("speaker")
    child.sendline("Tess Reviewer")
    child.expect("saved: edited")
    child.expect(r"\[a\]ccept")
    child.sendline("q")
    child.expect("review done")
    child.expect(pexpect.EOF)
    statuses = [u.status for u in load_units(kb, slug)][:4]
    assert statuses[:3] == ["accepted", "rejected", "edited"] and statuses[3] == "auto"
    assert load_units(kb, slug)[2].speaker == "Tess Reviewer"


def test_cli_unit_commands(bank, agora):
    kb, slug = bank
    uid = load_units(kb, slug)[0].id
    assert agora("unit", "accept", uid, "--by", "Ana", kb=kb).returncode == 0
    bad = agora("unit", "edit", uid, "--stance", "maybe", kb=kb)
    assert bad.returncode == 1 and "stance must be one of" in bad.stderr.decode()
    missing = agora("unit", "reject", "nope-1-2", kb=kb)
    assert missing.returncode == 1 and "no unit" in missing.stderr.decode()
    out = agora("export", "--format", "csv", "--kind", "quote", kb=kb)
    assert out.returncode == 0 and out.stdout.decode().count("\n") > 3


def test_reviewed_units_show_on_the_site(bank):
    from indexer.publish.site import publish

    kb, slug = bank
    unit = load_units(kb, slug)[0]
    set_status(kb, [unit.id], "accepted", by="Ana")
    publish(kb, build=False)
    page = (kb.docs_dir / "articles" / f"{slug}.md").read_text()
    block = page[page.index(f'id="u-{unit.id}"'):][:600]
    assert "reviewed: accepted" in block
