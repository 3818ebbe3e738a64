"""Which stakeholders a unit speaks for or about, and in which role."""

from __future__ import annotations

import re

from ..model.stakeholders import Registry
from ..model.units import StakeholderRef
from .cues import polarity
from .lexicons import lexicons
from .people import Cast
from .quotes import Speaker


def tag_stakeholders(text: str, start: int, end: int, kind: str, speaker: Speaker | None,
                     cast: Cast, registry: Registry) -> list[StakeholderRef]:
    refs: dict[str, str] = {}
    if speaker is not None and speaker.name:
        refs[registry.resolve(speaker.name)] = "speaker"
    group_role = _group_role(text, kind)
    for match in lexicons().group_re.finditer(text):
        if not in_proper_name(text, match.start(), match.end()):
            refs.setdefault(registry.resolve(lexicons().groups[match.group(0).lower()]), group_role)
    for mention in cast.mentions:
        if start <= mention.start < end:
            refs.setdefault(registry.resolve(mention.name), "actor" if mention.label == "ORG" else "mentioned")
    if kind in ("risk", "opportunity") and cast.main_org() and not any(r == "actor" for r in refs.values()):
        refs.setdefault(registry.resolve(cast.main_org()), "actor")
    return [StakeholderRef(id=sid, role=role) for sid, role in refs.items() if sid]


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
