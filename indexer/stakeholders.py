"""The stakeholder registry: built-in groups plus the analyst's corpus/stakeholders.yml."""

from __future__ import annotations

from dataclasses import dataclass, field

from .atomic import atomic_write_text
from .errors import CorpusFileError
from .kb import KnowledgeBase
from .slugs import slugify

KINDS = ("group", "organisation", "person")


@dataclass
class Stakeholder:
    id: str
    name: str
    kind: str = "organisation"
    aliases: list[str] = field(default_factory=list)


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


def builtin_groups() -> list[Stakeholder]:
    from .extract.lexicons import lexicons

    by_group: dict[str, list[str]] = {}
    for phrase, group in lexicons().groups.items():
        by_group.setdefault(group, []).append(phrase)
    return [Stakeholder(g, g.replace("-", " ").capitalize(), "group", sorted(p)) for g, p in by_group.items()]


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
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusFileError(str(path), f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    rows = data.get("stakeholders", []) if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise CorpusFileError(str(path), "field 'stakeholders' must be a list")
    return [_entry(row, path, i) for i, row in enumerate(rows)]


def _entry(row: object, path, i: int) -> Stakeholder:
    if not isinstance(row, dict) or not isinstance(row.get("name"), str):
        raise CorpusFileError(str(path), f"stakeholders[{i}].name is missing")
    unknown = set(row) - {"id", "name", "kind", "aliases"}
    if unknown:
        raise CorpusFileError(str(path), f"stakeholders[{i}]: unknown field {sorted(unknown)[0]!r}")
    aliases = row.get("aliases") or []
    if not isinstance(aliases, list):
        raise CorpusFileError(str(path), f"stakeholders[{i}].aliases must be a list")
    kind = row.get("kind") or "organisation"
    if kind not in KINDS:
        raise CorpusFileError(str(path), f"stakeholders[{i}].kind must be one of {', '.join(KINDS)}")
    return Stakeholder(str(row.get("id") or slugify(row["name"])), row["name"], kind, [str(a) for a in aliases])


def save_curated(kb: KnowledgeBase, entries: list[Stakeholder]) -> None:
    import yaml

    rows = [{"id": e.id, "name": e.name, "kind": e.kind, "aliases": sorted(set(e.aliases))}
            for e in sorted(entries, key=lambda e: e.id)]
    text = "# Curated stakeholders: see corpus/README.md\n" + yaml.safe_dump(
        {"stakeholders": rows}, sort_keys=False, allow_unicode=True)
    atomic_write_text(kb.stakeholders_file, text)
