"""Discussion guides: balanced, sourced, editable, printable, and inert with hostile text."""

from __future__ import annotations

import pytest
from conftest import ARTIFACTS, EXAMPLES, FIXTURES

from indexer import Agora
from indexer.errors import AgoraError
from indexer.model.articles import Corpus
from indexer.model.guides import list_guides, load_guide, save_guide
from indexer.model.units import all_units
from indexer.publish.guides import new_guide, render

MONITORING = ["keystroke-monitoring-bank.txt", "remote-work-bossware.txt", "warehouse-productivity-tracking.md",
              "emotion-recognition-callcenter.html"]


@pytest.fixture
def guide_kb(kb):
    results = Agora(kb).add([str(EXAMPLES / s) for s in MONITORING] + [str(FIXTURES / "hostile.md")])
    (kb.issues_dir / "workplace-monitoring.yml").write_text(
        "title: Workplace monitoring\nquestion: Should employers record what employees type at work?\n"
        "articles:\n" + "".join(f"  - {r.slug}\n" for r in results))
    return kb


def test_new_guide_is_balanced_sourced_and_timed(guide_kb):
    guide = new_guide(guide_kb, "Should your boss see every keystroke?", issue="workplace-monitoring", minutes=45)
    units = {u.id: u for u in all_units(guide_kb)}
    articles = {a.slug: a for a in Corpus(guide_kb).articles()}
    cited = [uid for ids in guide.sections.values() for uid in ids]
    assert cited and all(uid in units for uid in cited)
    for uid in cited:
        u = units[uid]
        assert articles[u.article].body[u.start:u.end] == u.text  # quote text matches the article
    assert guide.sections["for"] and guide.sections["against"]
    assert all(units[i].stance == "for" for i in guide.sections["for"])
    assert all(units[i].stance == "against" for i in guide.sections["against"])
    questions = [q for qs in guide.questions.values() for q in qs]
    assert len(questions) == len(set(questions)) and all(guide.questions.values())
    assert sum(step["minutes"] for step in guide.activity["steps"]) == 45


def test_render_keeps_edits_and_reports_missing_units(guide_kb):
    guide = new_guide(guide_kb, "Keystrokes", issue="workplace-monitoring", minutes=50)
    guide.questions["recall"].insert(0, "My own question: what is a keystroke logger?")
    guide.notes = "Bring printed copies."
    guide.sections["for"].append("deadbeef0000-1-2")
    save_guide(guide_kb, guide)
    before = (guide_kb.guides_dir / f"{guide.slug}.yml").read_text()
    _, missing = render(guide_kb, guide.slug)
    assert missing == ["deadbeef0000-1-2"]
    assert (guide_kb.guides_dir / f"{guide.slug}.yml").read_text() == before
    page = (guide_kb.docs_dir / "guides" / f"{guide.slug}.md").read_text()
    printable = (guide_kb.docs_dir / "guides" / f"{guide.slug}.print.html").read_text()
    for text in (page, printable):
        assert "My own question" in text and "Bring printed copies." in text
        assert "deadbeef0000-1-2 listed in the guide no longer exists" in text
    assert load_guide(guide_kb, guide.slug).notes == "Bring printed copies."
    assert [g.slug for g in list_guides(guide_kb)] == [guide.slug]


def test_balance_note_when_a_side_is_missing(kb):
    [r] = Agora(kb).add([str(EXAMPLES / "keystroke-monitoring-bank.txt")])
    (kb.issues_dir / "one.yml").write_text(f"question: Is it fine?\narticles: [{r.slug}]\n")
    guide = new_guide(kb, "One side", issue="one")
    guide.sections["for"] = []
    save_guide(kb, guide)
    render(kb, guide.slug)
    assert "No sourced argument for was found" in (kb.docs_dir / "guides" / f"{guide.slug}.print.html").read_text()


def test_hostile_text_is_inert_in_both_renderings(guide_kb):
    hostile = [u for u in all_units(guide_kb) if "Mallory" in u.speaker or "pwned" in u.text]
    assert hostile
    guide = new_guide(guide_kb, "<script>alert(1)</script>", issue="workplace-monitoring")
    guide.sections["against"] = [u.id for u in hostile] + guide.sections["against"]
    save_guide(guide_kb, guide)
    render(guide_kb, guide.slug)
    for name in (f"{guide.slug}.md", f"{guide.slug}.print.html"):
        text = (guide_kb.docs_dir / "guides" / name).read_text()
        for tag in ("<script", "<img", "<svg", "<iframe", "<b ", 'href="javascript'):
            assert tag not in text, (name, tag)
        assert "&lt;script&gt;" in text and "&lt;img" in text


def test_bad_requests(guide_kb):
    with pytest.raises(AgoraError, match="no issue"):
        new_guide(guide_kb, "x", issue="nope")
    with pytest.raises(AgoraError, match="--minutes"):
        new_guide(guide_kb, "x", issue="workplace-monitoring", minutes=5)
    with pytest.raises(AgoraError, match="--issue"):
        new_guide(guide_kb, "x")


@pytest.mark.browser
def test_printable_guide_screenshot(guide_kb):
    import shutil

    from playwright.sync_api import sync_playwright

    guide = new_guide(guide_kb, "Should your boss see every keystroke?", issue="workplace-monitoring")
    render(guide_kb, guide.slug)
    page_path = guide_kb.docs_dir / "guides" / f"{guide.slug}.print.html"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"),
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_path.as_uri())
        page.screenshot(path=str(ARTIFACTS / "guide-print.png"), full_page=True)
        assert page.evaluate("window.__pwned") is None
        assert all(u.startswith("file://") for u in requests)
        browser.close()


def test_guide_questions_pair_two_speakers_on_the_issue_with_true_quotes(guide_kb):
    """No question pairs a speaker with itself, every cited unit belongs to the guide's issue,
    every quoted text is the article's, and verbs agree with plural speakers."""
    import re

    from indexer.index.results import load
    from indexer.model.issues import load_issues
    from indexer.publish.context import SiteContext
    from indexer.publish.guides import pairs, speaker_key, who

    guide = new_guide(guide_kb, "Keystrokes at work", issue="workplace-monitoring")
    site = SiteContext.load(guide_kb)
    issue = next(i for i in load_issues(guide_kb) if i.slug == guide.issue)
    in_issue = {u.id: u for u in load(guide_kb).issue_units(issue, site.units)}
    cited = [uid for ids in guide.sections.values() for uid in ids]
    assert cited and all(uid in in_issue for uid in cited)
    articles = {a.slug: a for a in Corpus(guide_kb).articles()}
    units = {u.id: u for u in all_units(guide_kb)}
    for uid in cited:
        u = units[uid]
        assert articles[u.article].body[u.start:u.end] == u.text
    pro = [site.by_id[i] for i in guide.sections["for"]]
    con = [site.by_id[i] for i in guide.sections["against"]]
    matched = pairs(site, pro, con)
    assert matched and all(speaker_key(p) != speaker_key(c) for p, c in matched)
    for question in guide.questions["evaluation"][:-1]:
        speakers = re.findall(r"(?:^|while )(.+?) (?:argues?|reports) \"", question)
        assert len(speakers) == 2 and speakers[0] != speakers[1], question
    for u in pro + con:
        name, plural = who(site, u)
        for q in guide.questions["recall"]:
            if f" {name} argue" in q:
                assert q.endswith(f"what {'do' if plural else 'does'} {name} argue?"), q
    body = " ".join(q for qs in guide.questions.values() for q in qs)
    quoted = re.findall(r"(?:argues?|reports|warns:|gains if) \"(.+?)…?\"", body)
    assert len(quoted) >= 3
    for text in quoted:
        assert any(text in u.plain_text for u in units.values()), text


def test_teacher_and_student_versions_and_pdf(guide_kb):
    import shutil

    from pypdf import PdfReader

    guide = new_guide(guide_kb, "Keystrokes at work", issue="workplace-monitoring")
    assert shutil.which("chromium"), "Debian's chromium is not installed: `make test` installs it"
    render(guide_kb, guide.slug, pdf=True)
    folder = guide_kb.docs_dir / "guides"
    teacher = (folder / f"{guide.slug}.print.html").read_text()
    student = (folder / f"{guide.slug}.student.html").read_text()
    assert "Answer:" in teacher and "Timing notes" in teacher
    assert "Answer:" not in student and "Timing notes" not in student and "Student handout" in student
    question = guide.questions["recall"][0]
    for name in ("teacher", "student"):
        text = " ".join(page.extract_text() for page in PdfReader(folder / f"{guide.slug}.{name}.pdf").pages)
        flat = " ".join(text.split())
        assert "Keystrokes at work" in flat and "Discussion questions" in flat, name
        assert " ".join(question.split()[:6]) in flat, name
        assert ("Answer:" in flat) == (name == "teacher"), name


def test_a_query_guide_stays_inside_one_issue(guide_kb, monkeypatch):
    """`guide new --query` takes the query's hits in the issue that holds most of them, and that
    issue's question, never a mix of debates."""
    from indexer.encoders import FakeEmbedder
    from indexer.index.index import sync_index
    from indexer.index.results import load
    from indexer.model.issues import load_issues
    from indexer.publish.context import SiteContext

    monkeypatch.setenv("AGORA_EMBEDDING_MODEL", "fake")
    guide_kb.__dict__.pop("settings", None)
    [other] = Agora(guide_kb).add([str(EXAMPLES / "gig-worker-algorithmic-pay.txt")])
    issue = f"question: Should an algorithm set pay?\narticles: [{other.slug}]\n"
    (guide_kb.issues_dir / "gig-pay.yml").write_text(issue)
    sync_index(guide_kb, embedder=FakeEmbedder())
    guide = new_guide(guide_kb, "Monitoring and pay", query="workers monitored and paid by software")
    issue = next(i for i in load_issues(guide_kb) if i.slug == guide.issue)
    assert guide.question == issue.question
    inside = {u.id for u in load(guide_kb).issue_units(issue, SiteContext.load(guide_kb).units)}
    assert all(uid in inside for ids in guide.sections.values() for uid in ids)


def test_a_reworded_question_keeps_its_answer(guide_kb):
    """#22: each question sits with its answer in the file, so an educator's rewording keeps it."""
    import yaml

    guide = new_guide(guide_kb, "Keystrokes", issue="workplace-monitoring")
    path = guide_kb.guides_dir / f"{guide.slug}.yml"
    data = yaml.safe_load(path.read_text())
    first = data["questions"]["recall"][0]
    assert first["ask"] and first["answer"] and "answers" not in data
    first["ask"] = "In your own words: what is the first source's argument?"
    data["questions"]["recall"].append("A question of my own, without an answer?")
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    render(guide_kb, guide.slug)
    teacher = (guide_kb.docs_dir / "guides" / f"{guide.slug}.print.html").read_text()
    reworded = teacher.split("In your own words", 1)[1].split("</li>", 1)[0]
    assert "Answer:" in reworded and first["answer"].split('"')[1][:20] in reworded.replace("&#34;", '"')
    assert "A question of my own, without an answer?</li>" in teacher


def test_the_strongest_arguments_are_those_surest_of_their_side():
    """Among sourced quotes, the guide puts first the units the issue's stance is surest of
    (`IssueResult.sureness`), then confident extractions; one per speaker before seconds."""
    from indexer.model.units import Unit
    from indexer.publish.guides import _rank

    def quote(uid: str, speaker: str, confidence: float) -> Unit:
        # no speaker entity here: a speaker is known by the article that reports it (speaker_key)
        return Unit(id=uid, article=speaker, kind="quote", text="x", start=0, end=1, speaker=speaker,
                    stance="for", confidence=confidence)

    units = [quote("shaky", "Ann", 0.9), quote("sure", "Bo", 0.6), quote("second", "Bo", 0.95),
             quote("plain", "Cy", 0.7), Unit(id="claim", article="a", kind="claim", text="y", start=0, end=1)]
    sureness = {"shaky": 0.52, "sure": 0.9, "second": 0.95, "plain": 0.7, "claim": 1.0}
    assert [u.id for u in _rank(units, sureness)] == ["second", "plain", "shaky", "claim", "sure"]
    assert [u.id for u in _rank(units)] == ["second", "shaky", "plain", "claim", "sure"]


def test_a_guide_is_written_under_the_knowledge_base_lock(guide_kb, monkeypatch):
    """Another writer holds the lock: `guide new` and `guide render` wait for it (here: give up)
    and write nothing, so a writer's sweep of temporary files never meets a guide half-written."""
    from indexer.errors import LockTimeout
    from indexer.model.kb import KnowledgeBase

    monkeypatch.setenv("AGORA_LOCK_TIMEOUT", "0.2")
    other = KnowledgeBase.open(guide_kb.root)
    with guide_kb.write_lock():
        with pytest.raises(LockTimeout):
            new_guide(other, "Keystrokes", issue="workplace-monitoring")
        assert not list(guide_kb.guides_dir.glob("*.yml"))
    slug = new_guide(other, "Keystrokes", issue="workplace-monitoring").slug
    with guide_kb.write_lock(), pytest.raises(LockTimeout):
        render(other, slug)
    assert not (guide_kb.docs_dir / "guides" / f"{slug}.md").exists()
