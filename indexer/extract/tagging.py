"""Which stakeholders a unit speaks for or about, and in which role."""

from __future__ import annotations

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
        refs.setdefault(registry.resolve(lexicons().groups[match.group(0).lower()]), group_role)
    for mention in cast.mentions:
        if start <= mention.start < end:
            refs.setdefault(registry.resolve(mention.name), "actor" if mention.label == "ORG" else "mentioned")
    if kind in ("risk", "opportunity") and cast.main_org() and not any(r == "actor" for r in refs.values()):
        refs.setdefault(registry.resolve(cast.main_org()), "actor")
    return [StakeholderRef(id=sid, role=role) for sid, role in refs.items() if sid]


def _group_role(text: str, kind: str) -> str:
    if kind == "risk":
        return "affected"
    if kind == "opportunity":
        return "beneficiary"
    benefit, risk = polarity(text)
    if risk > benefit:
        return "affected"
    return "beneficiary" if benefit > risk else "mentioned"
