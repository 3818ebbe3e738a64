"""Lexicons as data: reporting verbs, risk and benefit cues, stakeholder groups."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Lexicons:
    reporting_verbs: frozenset[str]
    risk_re: re.Pattern[str]
    benefit_re: re.Pattern[str]
    negations: frozenset[str]
    modality: dict[str, tuple[str, ...]]
    org_anaphora: tuple[str, ...]
    groups: dict[str, str]  # lowercased phrase -> group id
    group_re: re.Pattern[str]
    other_senses: dict[str, frozenset[str]]  # group id -> words showing another sense in its phrase
    other_senses_in_sentence: dict[str, frozenset[str]]  # ... or anywhere in its sentence
    forms: dict[str, frozenset[str]]  # word lists of extract/forms.py


def _load(name: str) -> dict:
    import yaml

    return yaml.safe_load(resources.files("indexer.extract.data").joinpath(name).read_text("utf-8"))


def _cue_re(cues: list[str]) -> re.Pattern[str]:
    """Cues match at a word start; a cue ending in a letter run matches as a prefix."""
    parts = sorted((re.escape(c.lower()) for c in cues), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(parts)})\w*", re.I)


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    from ..model.stakeholders import group_other_senses, group_phrases

    lex = _load("lexicons.yml")
    groups = group_phrases()
    phrases = sorted((re.escape(p) for p in groups), key=len, reverse=True)
    return Lexicons(
        reporting_verbs=frozenset(lex["reporting_verbs"]),
        risk_re=_cue_re(lex["risk_cues"]),
        benefit_re=_cue_re(lex["benefit_cues"]),
        negations=frozenset(lex["negations"]),
        modality={k: tuple(v) for k, v in lex["modality"].items()},
        org_anaphora=tuple(lex["org_anaphora"]),
        groups=groups,
        group_re=re.compile(rf"\b(?:{'|'.join(phrases)})\b", re.I),
        other_senses=group_other_senses(),
        other_senses_in_sentence=group_other_senses("sentence"),
        forms={k: frozenset(v) for k, v in lex["forms"].items()},
    )


def self_description(phrase: str) -> str:
    """A speaker's own description, not what it works for: "founder of Safe Screens for Kids" -> "founder"."""
    return re.split(r"\b(?:of|at|for|in|from|with|on behalf of)\b", phrase, maxsplit=1)[0]


def described_group(phrase: str) -> str:
    """The group a speaker's own description names by its head, the last word ("Warehouse workers
    at a large retailer" -> employees; "the parent company" is none), or "": none for a name
    ("European Data Protection Board") or a description of another sense ("child safety
    campaigners")."""
    own = self_description(phrase).strip()
    words = own.split()
    if any(w[:1].isupper() for w in words[1:]):
        return ""
    lex = lexicons()
    head = [m for m in lex.group_re.finditer(own) if m.end() == len(own)]
    if not head:
        return ""
    group = lex.groups[head[-1].group(0).lower()]
    return "" if set(re.split(r"[\s-]+", own.lower())) & lex.other_senses.get(group, frozenset()) else group
