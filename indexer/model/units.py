"""Argument units: typed records, stored per article in corpus/units/<slug>.yml."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache

from pydantic import ConfigDict, Field

from ..atomic import atomic_write_text
from ..errors import AgoraError, CorpusFileError, UnitNotFound
from ..slugs import is_valid_slug, path_in
from .files import Strict, parse_yaml, validate, yaml_dumper
from .kb import KnowledgeBase
from .unit_cache import UnitCache, digest, read_through
from .vocab import REVIEWED, SIDES, Kind, Modality, Origin, QuoteType, Role, Stance, Status


class StakeholderRef(Strict):
    """Frozen: the units read from the corpus share one record per (id, role)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    role: Role


class Unit(Strict):
    id: str
    article: str
    kind: Kind
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str = ""
    speaker_title: str = ""
    quote_type: QuoteType = ""
    cue: str = ""
    stakeholders: list[StakeholderRef] = Field(default_factory=list)
    stance: Stance = "neutral"
    modality: Modality = "is"
    confidence: float = Field(default=0.5, ge=0, le=1)
    status: Status = "auto"
    origin: Origin = "machine"
    reviewed_by: str = ""
    reviewed_at: str = ""
    note: str = ""

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED

    @property
    def plain_text(self) -> str:
        """The words without the quotation marks around them: what is shown and searched."""
        return strip_quotes(self.text)

    def stakeholder_ids(self, role: str | None = None) -> list[str]:
        return [s.id for s in self.stakeholders if role is None or s.role == role]

    @property
    def speaker_id(self) -> str:
        """The stakeholder the unit's speaker is ("" when unattributed)."""
        return next(iter(self.stakeholder_ids("speaker")), "")


def strip_quotes(text: str) -> str:
    return text.strip().strip("\"“”").rstrip(",").strip()


def unit_id(article_id: str, start: int, end: int) -> str:
    return f"{article_id}-{start}-{end}"


def units_path(kb: KnowledgeBase, slug: str):
    return path_in(kb.units_dir, slug, ".yml")


class UnitsFile(Strict):
    article: str = ""
    units: list[Unit]


def load_units(kb: KnowledgeBase, slug: str, cache: UnitCache | None = None) -> list[Unit]:
    """The article's units; with a cache, parsed only when the file's bytes changed."""
    path = units_path(kb, slug)
    if not path.exists():
        return []
    raw = path.read_bytes()
    key = digest(raw) if cache is not None else ""
    if cache is not None and (hit := cache.get(slug, key)) is not None:
        try:
            return _compact(_units_json().validate_json(hit))
        except ValueError:
            pass  # written by another version of Unit: parse the YAML again
    data = parse_yaml(raw.decode("utf-8"), path)
    if not isinstance(data, dict) or not isinstance(data.get("units"), list):
        raise CorpusFileError(str(path), "field 'units' must be a list")
    units = validate(UnitsFile, data, path).units
    if cache is not None:
        cache.put(slug, key, _units_json().dump_json(units).decode())
    return _compact(units)


_ALL_FIELDS: set[str] = set(Unit.model_fields)
_REFS: dict[tuple[str, str], StakeholderRef] = {}


def _compact(units: list[Unit]) -> list[Unit]:
    """Let units read from the corpus share what they can. pydantic keeps a set of the fields
    given per model: 2.2 KB of a unit's 3.5 KB, 450 MB of a 200,000-unit knowledge base. A set
    that already holds every field is shared: assigning a field adds a name it holds, and a copy
    gets a set of its own. Stakeholder references (frozen) are shared by (id, role): 570 bytes
    a unit, each with its own dict and set."""
    for unit in units:
        if len(unit.__pydantic_fields_set__) == len(_ALL_FIELDS):
            object.__setattr__(unit, "__pydantic_fields_set__", _ALL_FIELDS)
        if unit.stakeholders:
            unit.stakeholders[:] = [_REFS.setdefault((ref.id, ref.role), ref) for ref in unit.stakeholders]
    return units


@lru_cache(maxsize=1)
def _units_json():
    from pydantic import TypeAdapter

    return TypeAdapter(list[Unit])


DUMP_BATCH = 500


def dump_units(slug: str, units: Iterable[Unit]) -> str:
    """The YAML of {article, units}, written a batch of units at a time: the same text as one
    dump, without holding the whole event tree of a long report's 40,000 units in memory."""
    import yaml

    ordered = sort_units(units)
    options = {"Dumper": yaml_dumper(), "sort_keys": True, "allow_unicode": True, "width": 100}
    if not ordered:
        return yaml.dump({"article": slug, "units": []}, **options)
    parts = [yaml.dump({"article": slug}, **options), "units:\n"]
    for i in range(0, len(ordered), DUMP_BATCH):
        parts.append(yaml.dump([u.model_dump() for u in ordered[i:i + DUMP_BATCH]], **options))
    return "".join(parts)


def usable_units(kb: KnowledgeBase, articles: Iterable[str] | None = None) -> list[Unit]:
    """The units that count (not rejected), of the given articles if named."""
    keep = None if articles is None else set(articles)
    return [u for u in all_units(kb, errors=[]) if u.status != "rejected" and (keep is None or u.article in keep)]


def monthly_sides(units: Iterable[Unit], published: dict[str, date | None]) -> dict[str, dict[str, int]]:
    """For and against units per month of publication (articles by slug -> date)."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(SIDES, 0))
    for u in units:
        when = published.get(u.article)
        if when and u.stance in SIDES:
            out[when.strftime("%Y-%m")][u.stance] += 1
    return dict(sorted(out.items()))


def save_units(kb: KnowledgeBase, slug: str, units: Iterable[Unit], cache: UnitCache | None = None) -> None:
    """Write atomically; the caller holds the KB write lock. With a cache, the units are put in
    it under the written file's digest, so the next full read parses no YAML for them."""
    ordered = sort_units(units)
    text = dump_units(slug, ordered)
    atomic_write_text(units_path(kb, slug), text)
    if cache is not None:
        cache.put(slug, digest(text.encode("utf-8")), _units_json().dump_json(ordered).decode())


def sort_units(units: Iterable[Unit]) -> list[Unit]:
    return sorted(units, key=lambda u: (u.start, u.end, u.kind))


def merge_units(existing: Iterable[Unit], fresh: Iterable[Unit]) -> list[Unit]:
    """Fresh auto units replace old auto units; an analyst's decisions always survive."""
    kept = [u for u in existing if u.reviewed]
    taken = {u.id for u in kept}
    return sort_units(kept + [u for u in fresh if u.id not in taken])


def unit_slugs(kb: KnowledgeBase) -> list[str]:
    if not kb.units_dir.is_dir():
        return []
    return sorted(p.stem for p in kb.units_dir.glob("*.yml") if is_valid_slug(p.stem))


def all_units(kb: KnowledgeBase, *, errors: list[CorpusFileError] | None = None) -> Iterator[Unit]:
    """Every unit of the corpus, through the parsed-units cache (unit_cache.py)."""
    for units in read_through(UnitCache(kb), unit_slugs(kb), lambda slug, cache: load_units(kb, slug, cache), errors):
        yield from units


def load_units_counts(kb: KnowledgeBase) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in all_units(kb, errors=[]):
        if unit.status != "rejected":
            counts[unit.article] = counts.get(unit.article, 0) + 1
    return counts


SHORT_ARTICLE_ID = 6
UNIT_ID_RE = re.compile(r"^([0-9a-f]{1,12})-(\d+)-(\d+)$")


def short_id(uid: str) -> str:
    """The id as tables show it: the article id's first characters, then the span."""
    article, _, span = uid.partition("-")
    return f"{article[:SHORT_ARTICLE_ID]}-{span}"


def resolve_unit_ids(kb: KnowledgeBase, given: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Each unit id as given (full, or short as `short_id` writes it) -> (full id, article slug),
    reading the articles once; UnitNotFound if no article's id starts so, AgoraError if several do."""
    from .articles import Corpus

    slugs = {a.id: a.slug for a in Corpus(kb).articles(errors=[])}
    out = {}
    for name in given:
        found = UNIT_ID_RE.match(name.strip())
        if not found:
            raise UnitNotFound(f"no unit {name!r} (ids look like <article-id>-<start>-<end>; see `agora search`)")
        prefix, start, end = found.groups()
        ids = sorted(i for i in slugs if i.startswith(prefix))
        if not ids:
            raise UnitNotFound(f"no unit {name!r}: no article's id starts with {prefix!r} (see `agora search`)")
        if len(ids) > 1:
            raise AgoraError(f"{name!r} is ambiguous: articles {', '.join(ids[:3])} share that prefix; give more of it")
        out[name] = (unit_id(ids[0], int(start), int(end)), slugs[ids[0]])
    return out


def expand_unit_id(kb: KnowledgeBase, given: str) -> str:
    """The full id of a unit named by its full or short id; see `resolve_unit_ids`."""
    return resolve_unit_ids(kb, [given])[given][0]


def find_unit(kb: KnowledgeBase, unit_id_: str) -> Unit:
    unit_id_ = expand_unit_id(kb, unit_id_)
    for unit in all_units(kb, errors=[]):
        if unit.id == unit_id_:
            return unit
    raise UnitNotFound(f"no unit {unit_id_!r} (ids look like <article-id>-<start>-<end>; see `agora search`)")
