"""The SQLite export for Datasette: every unit with its issue, side and speaker group, foreign
keys that hold, full-text search, and a real Datasette answering a faceted question."""

from __future__ import annotations

import json
import sqlite3
import sys
import urllib.request

import pytest
from conftest import ARTIFACTS, EXAMPLES, run_agora, serve_process

from indexer import Agora
from indexer.model.kb import KnowledgeBase
from indexer.model.units import usable_units

SAMPLES = ["keystroke-monitoring-bank.txt", "remote-work-bossware.txt", "warehouse-productivity-tracking.md",
           "emotion-recognition-callcenter.html", "health-data-sharing.md"]


@pytest.fixture(scope="module")
def db_kb(tmp_path_factory):
    kb = KnowledgeBase.init(tmp_path_factory.mktemp("db") / "kb")
    results = Agora(kb).add([str(EXAMPLES / s) for s in SAMPLES])
    (kb.issues_dir / "workplace-monitoring.yml").write_text(
        "title: Workplace monitoring\nquestion: Should employers record what employees type and say at work?\n"
        "articles:\n" + "".join(f"  - {r.slug}\n" for r in results[:4]))
    from indexer.encoders import FakeEmbedder
    from indexer.index.index import sync_index

    sync_index(kb, embedder=FakeEmbedder())
    return kb


@pytest.fixture(scope="module")
def exported(db_kb, tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "kb.db"
    done = run_agora("export", "--format", "sqlite", "-o", str(path), kb=db_kb)
    assert done.returncode == 0, done.stderr.decode()
    assert "units" in done.stderr.decode()
    return path


def test_every_unit_and_article_is_a_row_and_every_key_holds(db_kb, exported):
    con = sqlite3.connect(exported)
    units = usable_units(db_kb)
    assert con.execute("select count(*) from units").fetchone()[0] == len(units) > 20
    assert con.execute("select count(*) from articles").fetchone()[0] == len(SAMPLES)
    assert con.execute("pragma foreign_key_check").fetchall() == []
    declared = {(row[2], row[3]) for row in con.execute("pragma foreign_key_list(units)")}
    assert declared == {("articles", "article"), ("stakeholders", "speaker_id"), ("stakeholders", "speaker_group")}
    texts = {row[0]: row[1] for row in con.execute("select id, text from units")}
    assert all(texts[u.id] == u.plain_text for u in units)


def test_arguments_view_places_units_in_the_issue_with_their_side(db_kb, exported):
    con = sqlite3.connect(exported)
    rows = con.execute("select issue, side, unit, article from arguments").fetchall()
    from indexer.index.results import load

    assigned = set(load(db_kb).issues["workplace-monitoring"].articles)
    pinned = {line.strip()[2:] for line in (db_kb.issues_dir / "workplace-monitoring.yml").read_text().splitlines()
              if line.strip().startswith("- ")}
    assert rows and {r[0] for r in rows} == {"workplace-monitoring"}
    assert {r[3] for r in rows} == assigned and pinned <= assigned  # the issue's articles, as the site has them
    assert {r[1] for r in rows} <= {"for", "against", "neutral"} and {"for", "against"} & {r[1] for r in rows}
    assert con.execute("select count(*) from issue_units").fetchone()[0] == len(rows)


def test_full_text_search_and_speaker_groups(exported):
    con = sqlite3.connect(exported)
    found = con.execute("select units.text from units_fts join units on units.rowid = units_fts.rowid "
                        "where units_fts match 'keystroke'").fetchall()
    assert found and all("keystroke" in text.lower() for (text,) in found)
    groups = dict(con.execute("select speaker, speaker_group from units where speaker_group is not null"))
    assert groups.get("Unions") == "unions"
    kinds = dict(con.execute("select id, kind from stakeholders"))
    assert all(kinds[g] == "group" for g in groups.values())


def test_sqlite_export_refuses_what_it_cannot_do(db_kb, tmp_path):
    for args in (["export", "--format", "sqlite"], ["export", "--format", "sqlite", "-o", str(tmp_path)],
                 ["export", "--format", "sqlite", "-o", str(tmp_path / "x.db"), "--kind", "quote"]):
        done = run_agora(*args, kb=db_kb)
        err = done.stderr.decode()
        assert done.returncode == 2 and err.startswith("error: ") and err.count("\n") == 1, (args, err)
    assert not (tmp_path / "x.db").exists()


def test_database_is_exported_again_only_when_the_corpus_changed(db_kb, tmp_path):
    from indexer.publish.database import refresh_database

    path = tmp_path / "agora.db"
    assert refresh_database(db_kb, path) is True
    assert refresh_database(db_kb, path) is False
    issue = db_kb.issues_dir / "workplace-monitoring.yml"
    issue.write_text(issue.read_text().replace("at work?", "at work, to manage them?"))
    assert refresh_database(db_kb, path) is True


@pytest.fixture(scope="module")
def datasette(db_kb):
    yield from serve_process([sys.executable, "-m", "indexer", "datasette"], {"AGORA_KB": str(db_kb.root)})


def _get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.mark.slow
def test_datasette_answers_quotes_against_by_a_group_in_a_few_clicks(datasette):
    """'All quotes against workplace monitoring by unions': the view's facets narrow to it."""
    start = _get(f"{datasette}/agora/arguments.json?_shape=objects")
    assert set(start["facet_results"]) == {"issue", "side", "kind", "speaker_group", "speaker", "outlet"}
    url = f"{datasette}/agora/arguments.json?_shape=objects&issue=workplace-monitoring&side=against&kind=quote"
    facet = _get(url)["facet_results"]["speaker_group"]["results"]
    unions = next(f for f in facet if f["value"] == "unions")
    rows = _get(unions["toggle_url"])["rows"]
    assert len(rows) == unions["count"] >= 1
    assert all(r["side"] == "against" and r["kind"] == "quote" and r["speaker_group"] == "unions" for r in rows)
    searched = _get(f"{datasette}/agora/arguments.json?_shape=objects&_search=keystroke")["rows"]
    assert searched and all("keystroke" in r["text"].lower() for r in searched)
    meta = _get(f"{datasette}/-/metadata.json")
    assert "arguments" in meta["databases"]["agora"]["tables"]


@pytest.mark.browser
def test_datasette_view_of_union_quotes_against_in_chromium(datasette, browser):
    """The same question as a reader clicks it, kept as a screenshot (#21)."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(f"{datasette}/agora/arguments?issue=workplace-monitoring&side=against&kind=quote"
              "&speaker_group=unions")
    cells = page.locator("td.col-speaker_group").all_inner_texts()
    assert cells and set(cells) == {"unions"}
    page.screenshot(path=str(ARTIFACTS / "datasette-unions-against.png"), full_page=True)
