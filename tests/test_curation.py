"""The analyst's decisions: accept, reject, edit and add units survive re-extraction; merges and renames."""

from __future__ import annotations

from indexer.curation import add_unit, edit_unit, merge_stakeholders, rename_stakeholder, set_status
from indexer.extract import extract_slugs
from indexer.extract.evaluation import evaluate
from indexer.model.stakeholders import load_registry
from indexer.model.units import load_units


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
