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
