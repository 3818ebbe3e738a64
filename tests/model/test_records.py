"""Every curated file is read by a pydantic model; a mistake is one line naming file and field."""

from __future__ import annotations

import pytest

from indexer.errors import AgoraError, CorpusFileError
from indexer.model.articles import Article, Corpus
from indexer.model.guides import load_guide
from indexer.model.issues import load_issues
from indexer.model.stakeholders import load_curated, load_registry
from indexer.model.units import Unit, monthly_sides, strip_quotes
from indexer.model.vocab import KIND_LABELS, KIND_PRIORITY, KINDS, STANCES


def test_issue_file_round_trip_and_errors(kb):
    (kb.issues_dir / "monitoring.yml").write_text("question: Should employers log keystrokes?\naliases: [bossware]\n")
    [issue] = load_issues(kb)
    assert (issue.slug, issue.title, issue.aliases, issue.articles) == ("monitoring", "monitoring", ["bossware"], [])
    assert "bossware" in issue.search_text
    (kb.issues_dir / "bad.yml").write_text("question: Q?\narticls: [x]\n")
    with pytest.raises(CorpusFileError, match=r"bad\.yml: unknown field 'articls'"):
        load_issues(kb)
    (kb.issues_dir / "bad.yml").write_text("title: no question\n")
    with pytest.raises(CorpusFileError, match=r"bad\.yml: question: Field required"):
        load_issues(kb)
    (kb.issues_dir / "bad.yml").write_text("question: [unclosed\n")
    with pytest.raises(CorpusFileError, match=r"bad\.yml: not valid YAML"):
        load_issues(kb)


def test_guide_file_errors_name_the_field(kb):
    (kb.guides_dir / "g.yml").write_text("title: T\nquestion: Q?\naudience: toddlers\nminutes: 45\n"
                                         "learning_goals: []\nsections: {}\nquestions: {}\nactivity: {}\n")
    with pytest.raises(CorpusFileError, match=r"g\.yml: audience: Input should be"):
        load_guide(kb, "g")
    with pytest.raises(AgoraError, match="not a guide slug"):
        load_guide(kb, "Bad_Slug")


def test_stakeholders_file(kb):
    kb.stakeholders_file.write_text("stakeholders:\n- {name: Northgate Bank, aliases: [Northgate]}\n")
    [entry] = load_curated(kb)
    assert (entry.id, entry.kind) == ("northgate-bank", "organisation")
    assert load_registry(kb).resolve("northgate") == "northgate-bank"
    kb.stakeholders_file.write_text("stakeholders:\n- {name: X, colour: red}\n")
    with pytest.raises(CorpusFileError, match=r"unknown field 'stakeholders\[0\]\.colour'"):
        load_curated(kb)


def test_article_front_matter_is_validated(kb):
    corpus = Corpus(kb)
    with kb.write_lock():
        corpus.save(Article(title="A title", body="Body text of the article."))
    [slug] = corpus.slugs()
    path = corpus.article_path(slug)
    assert corpus.get(slug).body == "Body text of the article."
    path.write_text(path.read_text().replace("language: en", "language: en\ncolour: red"))
    with pytest.raises(CorpusFileError, match="unknown field 'colour'"):
        corpus.get(slug)
    path.write_text(path.read_text().replace("colour: red", "published: not-a-date"))
    with pytest.raises(CorpusFileError, match="published: Value error, not a date"):
        corpus.get(slug)


def test_one_vocabulary():
    assert set(KIND_LABELS) == set(KINDS) == set(KIND_PRIORITY)
    assert STANCES == ("for", "against", "neutral")
    with pytest.raises(ValueError):
        Unit(id="a-0-1", article="a", kind="banana", text="x", start=0, end=1)


def test_plain_text_and_monthly_sides():
    from datetime import date

    assert strip_quotes(' "Activity is not productivity," ') == "Activity is not productivity"
    units = [Unit(id=f"a-{i}-{i + 1}", article="a", kind="claim", text="x", start=i, end=i + 1, stance=s)
             for i, s in enumerate(["for", "against", "against", "neutral"])]
    assert monthly_sides(units, {"a": date(2026, 5, 3)}) == {"2026-05": {"for": 1, "against": 2}}
    assert monthly_sides(units, {"a": None}) == {}
