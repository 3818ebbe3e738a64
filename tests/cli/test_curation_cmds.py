"""The analyst's commands: review in a real terminal, unit accept/reject/edit, export."""

from __future__ import annotations

import os
import sys

from conftest import ROOT

from indexer.model.units import load_units


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


def test_stakeholder_list_fits_80_columns(bank, agora):
    """Every id and figure is shown in full at 80 columns; the aliases join from 100 columns on,
    and --json has them all."""
    import json

    kb, _ = bank
    out = agora("stakeholder", "list", kb=kb, env={"COLUMNS": "80"}).stdout.decode()
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert lines[2].split() == ["id", "name", "kind", "mentions", "quotes"], out
    rows = json.loads(agora("stakeholder", "list", "--json", kb=kb).stdout)
    top = rows[0]
    assert str(top["mentions"]) in next(line for line in lines if line.strip().startswith(top["id"] + " "))
    assert all(any(line.strip().startswith(r["id"] + " ") for line in lines) for r in rows)
    wide = agora("stakeholder", "list", kb=kb, env={"COLUMNS": "120"}).stdout.decode().splitlines()
    assert wide[2].split()[-1] == "aliases" and max(len(line) for line in wide) <= 120
