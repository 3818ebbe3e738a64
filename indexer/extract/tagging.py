"""Which stakeholders a unit speaks for or about, and in which role."""

from __future__ import annotations

import re

from ..model.stakeholders import Registry
from ..model.units import StakeholderRef
from .cues import polarity
from .lexicons import described_group, lexicons
from .people import Cast
from .quotes import Speaker


def tag_stakeholders(doc, start: int, end: int, kind: str, speaker: Speaker | None,
                     cast: Cast, registry: Registry) -> list[StakeholderRef]:
    """The stakeholders of the unit doc.text[start:end]: its speaker, the groups it names, the
    people and organisations mentioned in it."""
    text = doc.text[start:end]
    refs: dict[str, str] = {}
    if speaker is not None and speaker.name:
        refs[_speaker_id(speaker, registry)] = "speaker"
    group_role = _group_role(text, kind)
    lex = lexicons()
    for match in lex.group_re.finditer(text):
        group = lex.groups[match.group(0).lower()]
        if not in_proper_name(text, match.start(), match.end()) \
                and names_group(doc.char_span(start + match.start(), start + match.end(), alignment_mode="expand"),
                                group):
            refs.setdefault(registry.resolve(group), group_role)
    for mention in cast.mentions:
        if start <= mention.start < end:
            refs.setdefault(registry.resolve(mention.name), "actor" if mention.label == "ORG" else "mentioned")
    if kind in ("risk", "opportunity") and cast.main_org() and not any(r == "actor" for r in refs.values()):
        refs.setdefault(registry.resolve(cast.main_org()), "actor")
    return [StakeholderRef(id=sid, role=role) for sid, role in refs.items() if sid]


def _speaker_id(speaker: Speaker, registry: Registry) -> str:
    """The speaker's stakeholder: a group speaker the registry does not know speaks as the group
    its own description names ("Warehouse workers at a large retailer's centre" -> employees)."""
    sid = registry.resolve(speaker.name)
    if speaker.label != "GROUP" or sid in registry.entries:
        return sid
    group = described_group(speaker.name)
    return registry.resolve(group) if group else sid


# "parent company", "union station": a group word that only modifies one of these is not the group.
OTHER_HEADS = {"company", "companies", "firm", "firms", "station", "organisation", "organization", "brand", "app"}


def names_group(span, group: str) -> bool:
    """Whether a lexicon phrase means its group here: the head of its noun phrase (or a modifier
    of a head that is about it: "worker safety"), with no word in the phrase showing another
    sense ("GOP candidates", "members of US Congress")."""
    if span is None or len(span) == 0:
        return True
    root = span.root
    if root.pos_ not in ("NOUN", "PROPN") or (root.dep_ == "compound" and root.head.lemma_.lower() in OTHER_HEADS):
        return False  # "they graduate", "parent company"
    lex = lexicons()
    phrase = list(root.subtree) + (list(root.head.subtree) if root.dep_ in ("compound", "amod") else [])
    if {t.lower_ for t in phrase[:24]} & lex.other_senses.get(group, frozenset()):
        return False
    return not {t.lower_ for t in root.sent} & lex.other_senses_in_sentence.get(group, frozenset())


DETERMINERS = {"the", "a", "an", "its", "their", "our", "his", "her", "many", "some", "most", "all", "few", "several"}


def in_proper_name(text: str, start: int, end: int) -> bool:
    """A group word inside a capitalised name is the organisation's ("European Union's AI Act",
    "the Independent Workers' Union"), not the group's."""
    if not text[start:end][:1].isupper():
        return False
    before = re.search(r"([A-Z][\w'’&.-]*)[\s'’]+$", text[max(0, start - 40):start])
    after = re.match(r"[\s]+(?:of\s+)?[A-Z]", text[end:end + 40])
    return bool(before and before.group(1).lower() not in DETERMINERS) or bool(after)


def _group_role(text: str, kind: str) -> str:
    if kind == "risk":
        return "affected"
    if kind == "opportunity":
        return "beneficiary"
    benefit, risk = polarity(text)
    if risk > benefit:
        return "affected"
    return "beneficiary" if benefit > risk else "mentioned"
