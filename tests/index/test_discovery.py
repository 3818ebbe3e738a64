"""Issue discovery and the analyst's issue decisions: proposals from the sample corpus alone,
and accept / rename / merge / split / remove / pin that re-discovery never undoes."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from conftest import ROOT

from indexer.index.index import sync_index
from indexer.model.issues import issue_files, load_issues, load_proposals
from indexer.model.kb import KnowledgeBase

# Reached on the sample corpus (bench/discovery_eval.py): Jaccard of the best proposal with each
# curated issue 0.50 (AI training), 1.00 (children), 0.75 (workplace).
FLOOR_JACCARD = 0.5
FLOOR_MEAN_JACCARD = 0.7


@pytest.fixture
def fresh(tmp_path):
    """The repository's own articles and units in a knowledge base without any issue, indexed."""
    kb = KnowledgeBase.init(tmp_path / "kb")
    for folder in ("articles", "units"):
        shutil.rmtree(kb.root / "corpus" / folder)
        shutil.copytree(ROOT / "corpus" / folder, kb.root / "corpus" / folder)
    sync_index(kb)
    return kb


def curated_demo_issues() -> dict[str, set[str]]:
    return {p.stem: set(yaml.safe_load(p.read_text())["articles"]) for p in (ROOT / "corpus" / "issues").glob("*.yml")}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b)


def test_discovery_recovers_the_curated_issues(fresh, agora):
    proposals = load_proposals(fresh)
    assert proposals and all(p.proposed and len(p.articles) >= 2 for p in proposals)
    best = [max(jaccard(gold, set(p.articles)) for p in proposals) for gold in curated_demo_issues().values()]
    assert min(best) >= FLOOR_JACCARD and sum(best) / len(best) >= FLOOR_MEAN_JACCARD
    for p in proposals:
        assert p.question.startswith("Should ") and p.question.endswith("?")
        assert p.title and p.title[0].isupper()
    from indexer.index.results import load
    from indexer.model.units import usable_units

    cross, units = load(fresh), usable_units(fresh)
    tutors = next(p for p in proposals if any(a.startswith("schools-roll-out-ai-tutors") for a in p.articles))
    assert "teachers" not in cross.issues[tutors.slug].blindspots.unquoted_stakeholders  # "a science teacher" speaks
    for slug, result in cross.issues.items():
        speakers = {s.id for u in units if u.article in result.articles for s in u.stakeholders if s.role == "speaker"}
        assert not speakers & set(result.blindspots.unquoted_stakeholders), slug
    listed = json.loads(agora("issues", "--json", kb=fresh).stdout)
    assert {r["slug"] for r in listed} == {p.slug for p in proposals}
    assert all(r["status"] == "proposed" and r["articles"] >= 2 and r["for"] + r["against"] for r in listed)
    table = agora("issues", kb=fresh, env={"COLUMNS": "80"}).stdout.decode().splitlines()
    assert max(map(len, table)) <= 80
    for r in listed:  # the slug whole on its line, the question's first words under it
        at = next(i for i, line in enumerate(table) if line.split()[:1] == [r["slug"]])
        assert table[at + 1].split()[:3] == r["question"].split()[:3], table
    done = agora("publish", "--no-build", kb=fresh)
    assert done.returncode == 0, done.stderr
    page = (fresh.docs_dir / "issues" / f"{proposals[0].slug}.md").read_text()
    assert "Proposed issue." in page and "Other arguments" in page
    assert "proposed</span>" in (fresh.docs_dir / "issues" / "index.md").read_text()
    assert (fresh.docs_dir / "index.md").read_text().count("proposed</span>") == len(proposals)  # the home page too


def test_analyst_decisions_survive_rediscovery(fresh, agora):
    first, second, third, *_ = load_proposals(fresh)

    def ok(*args):
        done = agora("issue", *args, kb=fresh)
        assert done.returncode == 0, done.stderr
        return done

    ok("accept", first.slug)
    ok("remove", second.slug)
    ok("rename", third.slug, "--title", "Voices on tape", "--question", "Should firms record what we say?")
    sync_index(fresh)
    files = {i.slug: i for i in issue_files(fresh)}
    assert files[first.slug].status == "curated" and set(files[first.slug].articles) >= set(first.articles)
    assert files[second.slug].status == "dismissed"
    assert files[third.slug].question == "Should firms record what we say?"
    for p in load_proposals(fresh):  # nothing the analyst decided is proposed again
        for decided in (first, second, third):
            assert len(set(p.articles) & set(decided.articles)) < len(p.articles) / 2
    live = {i.slug for i in load_issues(fresh)}
    assert second.slug not in live and {first.slug, third.slug} <= live

    ok("merge", first.slug, third.slug)
    merged = {i.slug: i for i in issue_files(fresh)}
    assert third.slug not in merged and "Voices on tape" in merged[first.slug].aliases
    assert set(third.articles) <= set(merged[first.slug].articles)

    moving = sorted(third.articles)[:1]
    ok("split", first.slug, "--article", moving[0], "--question", "Should speakers record us?", "--slug", "speakers")
    after = {i.slug: i for i in issue_files(fresh)}
    assert after["speakers"].articles == moving and moving[0] in after[first.slug].removed
    assert moving[0] not in after[first.slug].articles

    ok("pin", "speakers", sorted(first.articles)[0])
    ok("unpin", "speakers", moving[0])
    pinned = {i.slug: i for i in issue_files(fresh)}["speakers"]
    assert pinned.articles == [sorted(first.articles)[0]] and pinned.removed == moving
    sync_index(fresh)
    from indexer.index.results import load

    assert moving[0] not in load(fresh).issues["speakers"].articles  # kept out, even by assignment


def test_new_issue_and_one_line_errors(fresh, agora):
    made = agora("issue", "new", "--question", "Should apps pay riders fairly?", "--title", "Rider pay", kb=fresh)
    assert made.returncode == 0, made.stderr
    assert (fresh.issues_dir / "rider-pay.yml").exists()
    for args in (("accept", "no-such-issue"), ("new", "--question", "Again?", "--slug", "rider-pay"),
                 ("new", "--question", "  "), ("new", "--question", "Q?", "--slug", "../escape"),
                 ("merge", "rider-pay", "rider-pay"), ("split", "rider-pay", "--question", "Q?"),
                 ("pin", "rider-pay", "no-such-article"), ("accept", "rider-pay")):
        done = agora("issue", *args, kb=fresh)
        err = done.stderr.decode()
        assert done.returncode != 0 and err.startswith("error: ") and err.count("\n") == 1, (args, err)
    assert not (fresh.root / "escape.yml").exists() and not (fresh.root / "corpus" / "escape.yml").exists()


def test_questions_are_drafted_from_claims_and_titles(kb):
    """#19: a proposal's question drafted from one sentence; draft() then takes, of those drafted
    from a group's claims and headlines, the one nearest its farthest article (discovery_eval)."""
    from indexer.index.discovery import question_from

    cases = {
        "Employers must not record what employees type": "Should employers record what employees type?",
        '"Those conversations must not become a product."': "Should those conversations become a product?",
        "Warehouse workers say scanner quotas leave no time for the toilet":
            "Should scanner quotas leave no time for the toilet?",
        "teachers have no time to review policies and the responsibility should lie with education authorities":
            "Should the responsibility lie with education authorities?",
        "Their interest should be overridden by the rights of users.": "",  # no referent for "their"
        "Thank you.": "",
        # a named organisation is asked as its kind; a headline's news around the practice goes
        "Northgate Bank will log every keystroke of its call-centre staff":
            "Should banks log every keystroke of their call-centre staff?",
        "Photo-sharing app Lumen will train its AI on public posts unless users opt out":
            "Should photo-sharing apps train their AI on public posts unless users opt out?",
        "Police force drops predictive policing software after audit finds bias":
            "Should police forces drop predictive policing software?",
        # headline English says a counted noun bare: the question gives it an article or a plural
        "City council passes audit rule for AI hiring tools": "Should councils pass an audit rule for AI hiring tools?",
        "School district bans phones in class": "Should school districts ban phones in class?",
        "Council adopts facial recognition": "Should councils adopt facial recognition?",
        "Tom Okafor should resign": "Should Tom Okafor resign?",
        "Artists sue image generator maker over training on their work": "",  # news, not a practice
        # what happened, not a practice: no "Should NASA has recruited ...?"
        "NASA has recruited SpaceX's Starship for its moon landing": "",
        "Three cases of plague have been diagnosed in China": "",
        '"Why should the government want that kind of reaction?"': "",  # a rhetorical question
        "That kind of reaction will follow every new tracking tool.": "",  # points back to another sentence
        "This sort of monitoring should end at the office door.": "",
        "These kinds of tools must not read private messages.": "",
        "The government should not want that kind of reaction.": "",  # in the object too (10,000 real pages)
        "Teachers surround the Indiana State House":  # not "teacherses"
            "Should teachers surround the Indiana State House?",
        # headlines of one story (forms found among mozilla/readability's real pages): news, not a practice
        "Several thousand teachers surround the Indiana State House": "",
        "Carter admits state gun laws are his 'biggest frustration'": "",
        "Acme's first phone game will launch in March for $5": "",
        "This library is so fetching!": "",
        "The app is tracking me even though I deleted it": "",
        "Gig work is a myth: apps, riders and the truth about flexible hours": "",
        "Tom Okafor must resign: the scheme was his": "Should Tom Okafor resign?",  # a demand is asked
        "Employers are tracking every keystroke of their staff":
            "Should employers track every keystroke of their staff?",
        # the words as the headline spaces them, in its order
        "Local papers won't buckle over new press laws": "Should local papers buckle over new press laws?",
        "As costs rise, the city will soon spend more on policing than on parks":
            "Should the city soon spend more on policing than on parks?",
        "Ncid=other_topnav&utm_campaign=topnav reader offers": "",  # a scraped page's address
        "Such a country would be.": "",  # not "Should such a country be?"
    }
    for sentence, question in cases.items():
        assert question_from(kb, sentence) == question, sentence


def test_a_title_is_made_of_words_not_of_the_pages_address(kb):
    """At 10,000 real pages a proposal was titled "Other_topnaventr_coabgdcpxri utm_campaign and
    community": scraped titles carry their address. A title takes words only."""
    from indexer.index.discovery import keywords_title

    titles = ["Smart speakers record children index.html?ncid=other_topnaventr_coabgdcpxri&utm_campaign=topnav",
              "Smart speakers listen to children at home index.html"]
    rest = ["Council passes audit rule for hiring tools", "Warehouse workers say scanner quotas are too tight"]
    assert keywords_title(kb, titles, titles, rest) == "Smart speakers and children"


def test_a_groups_question_speaks_to_every_article_not_the_nearest_one():
    """The real MiniLM: a question drawn from one article (0.62 to it, 0.16 to the other) loses to
    one about both (0.32 and 0.36)."""
    from indexer.encoders import load_embedder
    from indexer.index.discovery import covering

    leads = ["Northgate Bank will record every keystroke, screen and mouse movement of its 4,000 call-centre "
             "staff from next month, and use the data to train an AI assistant.",
             "Pickers at a distribution centre say handheld scanners that time every item leave them no time "
             "to drink water or use the toilet."]
    questions = ["Should the bank train an AI assistant on its call-centre staff?",
                 "Should employers time every move their workers make with keystroke logs and scanners?"]
    assert covering(questions, leads, load_embedder().encode) == 1
    assert covering(questions[:1], leads, load_embedder().encode) == 0


def test_a_side_set_for_one_issue_holds_there_only(fresh, agora):
    """`agora issue side`: the analyst's side of a unit toward one issue's question wins at the next
    index, makes a proposal curated, and leaves the unit's own stance alone."""
    from indexer.index.results import load
    from indexer.model.units import all_units, short_id

    proposal = load_proposals(fresh)[0]
    before = load(fresh).issues[proposal.slug].stances
    units = {u.id: u for u in all_units(fresh)}
    uid = next(i for i in sorted(before) if units[i].kind in ("quote", "claim"))
    side = "against" if before[uid] != "against" else "for"
    done = agora("issue", "side", proposal.slug, short_id(uid), side, kb=fresh)
    assert done.returncode == 0, done.stderr
    saved = {i.slug: i for i in issue_files(fresh)}[proposal.slug]
    assert saved.status == "curated" and saved.stances == {uid: side}
    sync_index(fresh)
    assert load(fresh).issues[proposal.slug].stances[uid] == side
    assert {u.id: u for u in all_units(fresh)}[uid].stance == units[uid].stance
    for args in ((proposal.slug, uid, "sideways"), (proposal.slug, "deadbe-1-2", "for"), ("no-such", uid, "for")):
        bad = agora("issue", "side", *args, kb=fresh)
        err = bad.stderr.decode()
        assert bad.returncode != 0 and err.startswith("error: ") and err.count("\n") == 1, (args, err)


def test_a_group_in_another_language_gets_no_question_from_the_english_parser(kb):
    """The parser reads English: "Una solución ... debe ..." drafted "Should Una solución no
    violenta para la cuestión mapuche?". An article in another language lends no claim and no
    headline to its group's question; the English one still does."""
    import numpy as np

    from indexer.index.discovery import draft
    from indexer.model.articles import Article
    from indexer.model.units import Unit

    def article(slug: str, title: str, language: str) -> Article:
        return Article(title=title, body=title + ".", slug=slug, language=language)

    def unit(slug: str, text: str) -> Unit:
        return Unit(id=f"{slug}-0-9", article=slug, kind="claim", text=text, start=0, end=9)

    articles = {"es": article("es", "El ayuntamiento debe prohibir las cámaras", "es"),
                "en": article("en", "Council bans cameras in parks", "en")}
    units = [unit("es", "El ayuntamiento debe prohibir las cámaras, should dijo"),
             unit("en", "Councils should ban cameras")]
    vectors = {u.id: np.ones(4) / 2 for u in units}
    by_article = {slug: np.ones(4) / 2 for slug in articles}

    def embed(texts):
        return np.ones((len(texts), 4))

    assert draft(kb, ["es"], units, vectors, by_article, np.ones(4) / 2, articles, embed)[1] == ""
    assert draft(kb, ["es", "en"], units, vectors, by_article, np.ones(4) / 2, articles, embed)[1] in (
        "Should councils ban cameras?", "Should councils ban cameras in parks?")


def test_a_large_knowledge_base_lets_the_parser_go_before_the_questions_are_embedded(fresh, monkeypatch):
    """#21: discovery parses every group's titles and claims first, then lets spaCy go (100 MB)
    before the embedder loads to choose each question (100 MB more): the two were in memory
    together at 132,000 units. The proposals are the ones a small knowledge base gets."""
    from indexer.extract import pipeline
    from indexer.index import discovery
    from indexer.index.index import sync_index

    before = load_proposals(fresh)
    events = []
    release, covering = pipeline.release_nlp, discovery.covering
    monkeypatch.setattr(pipeline, "release_nlp", lambda: (events.append("release"), release()))
    monkeypatch.setattr(discovery, "covering", lambda *a: (events.append("covering"), covering(*a))[1])
    monkeypatch.setattr(discovery, "RELEASE_MIN", 0)
    sync_index(fresh, rediscover=True)
    assert events[0] == "release" and events.count("release") == 1 and "covering" in events
    assert pipeline.load_nlp.cache_info().currsize == 0
    assert load_proposals(fresh) == before
