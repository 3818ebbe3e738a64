"""The CLI as a user runs it: real processes, one-line errors, exit codes, JSON."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLES, FIXTURES, ROOT


def test_help_lists_commands(agora):
    out = agora("--help")
    assert out.returncode == 0
    for command in ("init", "add", "list", "show", "remove", "extract"):
        assert command in out.stdout.decode()


def test_init_add_list_show_remove(agora, tmp_path):
    kb = tmp_path / "kb"
    assert agora("init", str(kb)).returncode == 0
    assert (kb / "corpus" / "README.md").exists() and (kb / "mkdocs.yml").exists()
    added = agora("add", str(FIXTURES / "seed_paraphrase.txt"), str(EXAMPLES / "algorithmic-hiring.txt"), kb=kb)
    assert added.returncode == 0, added.stderr
    assert "2 added, 0 unchanged, 0 failed" in added.stderr.decode()
    rows = json.loads(agora("list", "--json", kb=kb).stdout)
    assert {r["title"] for r in rows} >= {"City Council Passes Audit Rule for AI Hiring Tools"}
    assert all(r["units"] > 0 for r in rows)
    slug = rows[0]["slug"]
    shown = agora("show", slug, "--json", kb=kb)
    assert json.loads(shown.stdout)["slug"] == slug
    table = agora("list", kb=kb).stdout.decode()
    assert "2 articles" in table
    assert agora("remove", slug, kb=kb).returncode == 0
    assert not (kb / "corpus" / "units" / f"{slug}.yml").exists()
    assert len(json.loads(agora("list", "--json", kb=kb).stdout)) == 1


def test_errors_are_one_line_without_traceback(agora, tmp_path):
    kb = tmp_path / "kb"
    agora("init", str(kb))
    cases = [
        (("show", "nope"), "no article 'nope'"),
        (("show", "../../etc/passwd"), "invalid slug"),
        (("add", str(tmp_path / "missing.txt")), "no such file"),
        (("add", str(EXAMPLES / "algorithmic-hiring.txt"), "--date", "31/12/2026"), "invalid date"),
        (("extract",), "--all"),
    ]
    for args, message in cases:
        out = agora(*args, kb=kb)
        err = out.stderr.decode()
        assert out.returncode != 0, args
        assert message in err, (args, err)
        assert "Traceback" not in err


def test_not_a_knowledge_base(agora, tmp_path):
    out = agora("list", kb=tmp_path)
    assert out.returncode == 1 and "agora init" in out.stderr.decode()


def test_partial_failure_exits_non_zero_but_keeps_good_inputs(agora, tmp_path):
    kb = tmp_path / "kb"
    agora("init", str(kb))
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = agora("add", str(empty), str(EXAMPLES / "predictive-policing.txt"), "--no-extract", kb=kb)
    assert out.returncode == 1
    assert "1 added, 0 unchanged, 1 failed" in out.stderr.decode()
    assert len(list((kb / "corpus" / "articles").glob("*.md"))) == 1


def test_stdin(agora, tmp_path):
    kb = tmp_path / "kb"
    agora("init", str(kb))
    text = (EXAMPLES / "gig-worker-algorithmic-pay.txt").read_bytes()
    out = agora("add", "-", "--no-extract", "--json", kb=kb, input=text)
    assert out.returncode == 0
    [row] = json.loads(out.stdout)
    assert row["status"] == "added" and row["slug"].startswith("delivery-riders")


def test_python_dash_m_and_console_script_agree():
    a = subprocess.run([sys.executable, "-m", "indexer", "--help"], capture_output=True, cwd=ROOT)
    b = subprocess.run([str(ROOT / ".venv" / "bin" / "agora"), "--help"], capture_output=True, cwd=ROOT)
    assert a.stdout == b.stdout and a.returncode == b.returncode == 0


def test_add_with_a_metadata_sidecar_and_list_shows_the_language(agora, tmp_path):
    assert agora("init", str(tmp_path / "kb")).returncode == 0
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Headline A\n\nThe council voted to audit every hiring algorithm in the city.\n")
    (tmp_path / "meta.csv").write_text("file,title,date,outlet\na.txt,Council audits hiring AI,2016-10-12,Courier\n")
    out = agora("add", str(folder), "--metadata", str(tmp_path / "meta.csv"), "--no-extract", kb=tmp_path / "kb")
    assert out.returncode == 0, out.stderr
    [row] = json.loads(agora("list", "--json", kb=tmp_path / "kb").stdout)
    assert (row["title"], row["published"], row["source"], row["language"]) == (
        "Council audits hiring AI", "2016-10-12", "Courier", "en")
    bad = agora("add", str(folder), "--metadata", str(tmp_path / "missing.csv"), kb=tmp_path / "kb")
    assert bad.returncode == 1 and "missing.csv" in bad.stderr.decode() and "Traceback" not in bad.stderr.decode()
    table = agora("list", kb=tmp_path / "kb", env={"COLUMNS": "120"}).stdout.decode()
    assert "lang" in table


def test_hostile_arguments_get_one_line_and_write_nothing(agora, tmp_path):
    kb = tmp_path / "kb"
    assert agora("init", str(kb)).returncode == 0
    (tmp_path / "a.txt").write_text("A headline\n\nThe bank will log every keystroke, the union said on Monday.\n")
    assert agora("add", str(tmp_path / "a.txt"), "--no-extract", kb=kb).returncode == 0
    before = sorted(str(p.relative_to(kb)) for p in kb.rglob("*") if ".agora" not in p.parts)
    cases = [("remove", ".."), ("guide", "render", "Bad_Slug"), ("export", "-o", str(tmp_path)),
             ("init", str(tmp_path / ("x" * 300))), ("unit", "edit", "nope-1-2", "--stakeholder", "employees:boss")]
    for args in cases:
        out = agora(*args, kb=kb)
        err = out.stderr.decode()
        assert out.returncode in (1, 2), (args, out.returncode, err)
        assert err.count("\n") == 1 and "internal error" not in err and "Traceback" not in err, (args, err)
    assert sorted(str(p.relative_to(kb)) for p in kb.rglob("*") if ".agora" not in p.parts) == before


def test_blank_title_and_a_newline_in_a_file_name(agora, tmp_path):
    kb = tmp_path / "kb"
    assert agora("init", str(kb)).returncode == 0
    out = agora("add", "-", "--title", " ", "--no-extract", kb=kb,
                input=b"Headline\n\nThe bank will log every keystroke, the union said on Monday.\n")
    assert out.returncode == 0 and agora("list", "--json", kb=kb).returncode == 0
    assert json.loads(agora("list", "--json", kb=kb).stdout)[0]["title"] == "Headline"
    forged = tmp_path / "x\nadded: passwd -> pwned.txt"
    forged.write_text("Another headline\n\nManagers said the logs would only ever be used for training.\n")
    out = agora("add", str(forged), "--no-extract", kb=kb)
    lines = out.stderr.decode().splitlines()
    assert out.returncode == 0 and not any(line.startswith("added: passwd") for line in lines), lines


def test_add_keeps_the_index_in_sync_and_search_warns_when_it_is_behind(agora, tmp_path):
    kb, fake = tmp_path / "kb", {"AGORA_EMBEDDING_MODEL": "fake"}
    assert agora("init", str(kb)).returncode == 0
    assert agora("add", str(EXAMPLES / "algorithmic-hiring.txt"), "--quiet", kb=kb, env=fake).returncode == 0
    found = agora("search", "hiring algorithm", "--json", kb=kb, env=fake)
    assert found.returncode == 0 and json.loads(found.stdout) and "warning" not in found.stderr.decode()
    out = agora("add", str(EXAMPLES / "predictive-policing.txt"), "--no-index", "--quiet", kb=kb, env=fake)
    assert out.returncode == 0
    behind = agora("search", "policing", kb=kb, env=fake)
    assert behind.returncode == 0 and "since the last `agora index`" in behind.stderr.decode()
