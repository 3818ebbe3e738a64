"""The stakeholder registry: built-in groups plus the analyst's corpus/stakeholders.yml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from pydantic import field_validator

from ..atomic import atomic_write_text
from ..slugs import slugify
from .files import Strict, read_yaml, validate
from .kb import KnowledgeBase
from .vocab import STAKEHOLDER_KINDS, StakeholderKind

if TYPE_CHECKING:
    from .units import Unit

KINDS = STAKEHOLDER_KINDS
EMPLOYEES, EMPLOYERS = "employees", "employers"  # built-in groups (groups.yml)


class Stakeholder(Strict):
    id: str = ""
    name: str
    kind: StakeholderKind = "organisation"
    aliases: list[str] = []

    @field_validator("aliases", mode="before")
    @classmethod
    def _aliases_as_text(cls, value: object) -> object:
        return [] if value is None else [str(a) for a in value] if isinstance(value, list) else value

    @field_validator("kind", mode="before")
    @classmethod
    def _default_kind(cls, value: object) -> object:
        return value or "organisation"

    def model_post_init(self, _context) -> None:
        self.id = str(self.id or slugify(self.name))


class StakeholdersFile(Strict):
    stakeholders: list[Stakeholder] = []


@dataclass
class Registry:
    entries: dict[str, Stakeholder] = field(default_factory=dict)
    alias_to_id: dict[str, str] = field(default_factory=dict)

    def resolve(self, name: str) -> str:
        """The canonical id for a name, alias or id."""
        key = name.strip().lower()
        return self.alias_to_id.get(key) or self.alias_to_id.get(slugify(key), "") or slugify(name)

    def name_of(self, sid: str) -> str:
        entry = self.entries.get(sid)
        return entry.name if entry else sid.replace("-", " ").title()

    def kind_of(self, sid: str) -> str:
        entry = self.entries.get(sid)
        return entry.kind if entry else ""

    def register(self, entry: Stakeholder) -> None:
        self.entries[entry.id] = entry
        for alias in [entry.id, entry.name, *entry.aliases]:
            self.alias_to_id[alias.lower()] = entry.id


@lru_cache(maxsize=1)
def _groups_file() -> dict:
    import yaml

    return yaml.safe_load(resources.files("indexer.model.data").joinpath("groups.yml").read_text("utf-8"))


@lru_cache(maxsize=1)
def group_phrases() -> dict[str, str]:
    """Lowercased phrase -> group id, from the built-in groups (data/groups.yml)."""
    phrases: dict[str, str] = {}
    for group, words in _groups_file()["groups"].items():
        for phrase in words:
            phrases.setdefault(phrase.lower(), group)
    return phrases


def group_other_senses(where: str = "phrase") -> dict[str, frozenset[str]]:
    """Group id -> words that, in a group word's noun phrase (or its sentence), show it means
    something else."""
    key = "other_senses" if where == "phrase" else "other_senses_in_sentence"
    return {group: frozenset(w.lower() for w in words) for group, words in _groups_file().get(key, {}).items()}


def acting_employers(units: Iterable[Unit]) -> set[str]:
    """The stakeholders that act on employees in these units ("Northgate Bank will log every
    keystroke of its staff"): employers in these debates, whose quotes give employers a voice."""
    return {s.id for u in units if any(x.id == EMPLOYEES and x.role in ("affected", "beneficiary")
                                      for x in u.stakeholders)
            for s in u.stakeholders if s.role == "actor" and s.id != EMPLOYEES}


def builtin_groups() -> list[Stakeholder]:
    by_group: dict[str, list[str]] = {}
    for phrase, group in group_phrases().items():
        by_group.setdefault(group, []).append(phrase)
    names = _groups_file().get("names", {})
    return [Stakeholder(id=g, name=names.get(g, g.replace("-", " ").capitalize()), kind="group", aliases=sorted(p))
            for g, p in by_group.items()]


def load_registry(kb: KnowledgeBase | None) -> Registry:
    registry = Registry()
    for entry in builtin_groups():
        registry.register(entry)
    for entry in load_curated(kb) if kb else []:
        registry.register(entry)
    return registry


def load_curated(kb: KnowledgeBase) -> list[Stakeholder]:
    path = kb.stakeholders_file
    if not path.exists():
        return []
    return validate(StakeholdersFile, read_yaml(path) or {}, path).stakeholders


def save_curated(kb: KnowledgeBase, entries: list[Stakeholder]) -> None:
    import yaml

    rows = [{"id": e.id, "name": e.name, "kind": e.kind, "aliases": sorted(set(e.aliases))}
            for e in sorted(entries, key=lambda e: e.id)]
    text = "# Curated stakeholders: see corpus/README.md\n" + yaml.safe_dump(
        {"stakeholders": rows}, sort_keys=False, allow_unicode=True)
    atomic_write_text(kb.stakeholders_file, text)
