"""One entity per person, organisation or group: the duplicates, casing and junk of issue #20."""

from __future__ import annotations

from indexer.model.entities import build_entities, is_junk
from indexer.model.stakeholders import Stakeholder, load_registry
from indexer.model.units import StakeholderRef, Unit
from indexer.slugs import slugify


def quote(text: str, speaker: str, *others: tuple[str, str], n: list[int] = [0]) -> Unit:  # noqa: B006
    n[0] += 1
    refs = [StakeholderRef(id=slugify(speaker), role="speaker")] if speaker else []
    refs += [StakeholderRef(id=sid, role=role) for sid, role in others]
    return Unit(id=f"a{n[0]}-0-{len(text)}", article=f"art-{n[0] % 7}", kind="quote", text=text, start=0,
                end=len(text), speaker=speaker, stakeholders=refs)


UNITS = [
    quote("We will win.", "Donald Trump"), quote("Believe me.", "Donald J Trump"), quote("Tremendous.", "Trump"),
    quote("It was rigged.", "Trump"),
    quote("I am with her.", "Hillary Clinton"), quote("It's the economy.", "Bill Clinton"),
    quote("No comment.", "Clinton"),
    quote("The GOP will hold the House.", "Mitch McConnell", ("gop", "actor")),
    quote("Senate rules.", "Mitch McConnell"),
    quote("The European Union's AI Act bans it.", "", ("european-union-s", "actor")),
    quote("The European Union acted.", "", ("european-union", "actor")),
    quote("The Republican National Committee said so.", "", ("republican-national-committee", "actor")),
    quote("The RNC disagreed.", "RNC"),
    quote("The press council ruled.", "the press council"), quote("Press Council again.", "Press Council"),
    quote("Numbers.", "43 percent"), quote("Age.", "43 Year Old Former Congressman"), quote("Who?", "the who"),
    quote("Sources.", "Multiple Sources"), quote("District.", "district"),
    quote("No time for the toilet.", "Warehouse workers at a large online retailer"),
    quote("The rules are flawed.", "statement from the EU"), quote("It was negligent.", "lawsuit"),
    quote("Mould was found.", "city documents"),
]


def test_one_entity_per_person_and_organisation():
    entities = build_entities(UNITS, load_registry(None))
    of = entities.id_of
    assert of("trump") == of("donald-j-trump") == of("donald-trump") == "donald-trump"
    assert entities.entries["donald-trump"].quotes == 4 and entities.entries["donald-trump"].name == "Donald Trump"
    assert of("hillary-clinton") != of("bill-clinton") and of("clinton") == "clinton"  # never guess between two
    assert entities.entries["mitch-mcconnell"].name == "Mitch McConnell"  # casing as written
    assert entities.entries["gop"].name == "GOP" and entities.entries["gop"].kind == "organisation"
    assert of("european-union-s") == of("european-union") and entities.entries[of("european-union")].name == \
        "European Union"  # the possessive goes
    assert of("rnc") == "republican-national-committee"
    assert of("the-press-council") == of("press-council")
    for junk in ("43-percent", "43-year-old-former-congressman", "the-who", "multiple-sources", "district",
                 "statement-from-the-eu", "lawsuit", "city-documents"):  # things that "say" are no stakeholders
        assert of(junk) == "", junk
    assert of(slugify("Warehouse workers at a large online retailer")) == "employees"
    assert "European Union" not in {e.name for e in entities.entries.values() if e.kind == "group"}


def test_the_analyst_wins_and_units_follow():
    registry = load_registry(None)
    registry.register(Stakeholder(id="trump", name="Trump Organization", kind="organisation"))
    entities = build_entities(UNITS, registry)
    assert entities.id_of("trump") == "trump" and entities.entries["trump"].name == "Trump Organization"
    units = entities.apply(UNITS)
    ids = {s.id for u in units for s in u.stakeholders}
    assert "donald-j-trump" not in ids and "43-percent" not in ids and "european-union-s" not in ids
    named = entities.registry(registry)
    assert named.name_of("gop") == "GOP" and named.resolve("Donald J Trump") == "donald-trump"


def test_junk():
    for text in ("43 percent", "14%", "I", "Ve", "they", "Source", "an audit", "the who", "One",
                 "a six word long clause here now", "Software", "the algorithm", "survey of 2"):
        assert is_junk(text), text
    for text in ("Donald Trump", "ACLU", "Northgate Bank", "Hana Ito", "Software vendors", "SEIU Local 1199"):
        assert not is_junk(text), text


def test_a_group_reads_as_a_teacher_would_name_it():
    """The built-in group "users" takes in customers, callers and readers: a guide on a bank's
    call centre said "Users are discussed ..." of its customers."""
    from indexer.model.stakeholders import load_registry

    registry = load_registry(None)
    assert registry.name_of("users") == "Customers and users" and registry.name_of("employees") == "Employees"
    assert registry.alias_to_id["customers"] == "users"
