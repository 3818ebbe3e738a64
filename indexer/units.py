"""Argument units: typed records, stored per article in corpus/units/<slug>.yml."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .atomic import atomic_write_text
from .errors import CorpusFileError, UnitNotFound
from .kb import KnowledgeBase
from .slugs import is_valid_slug, path_in

Kind = Literal["claim", "risk", "opportunity", "quote"]
Stance = Literal["for", "against", "neutral"]
Role = Literal["speaker", "affected", "actor", "beneficiary", "mentioned"]
Status = Literal["auto", "accepted", "rejected", "edited"]
Modality = Literal["is", "will", "could", "should"]
KINDS: tuple[str, ...] = ("claim", "risk", "opportunity", "quote")
STANCES: tuple[str, ...] = ("for", "against", "neutral")
REVIEWED: frozenset[str] = frozenset({"accepted", "rejected", "edited"})


class StakeholderRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    role: Role


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    article: str
    kind: Kind
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    speaker: str = ""
    speaker_title: str = ""
    quote_type: Literal["", "direct", "indirect"] = ""
    cue: str = ""
    stakeholders: list[StakeholderRef] = Field(default_factory=list)
    stance: Stance = "neutral"
    modality: Modality = "is"
    confidence: float = Field(default=0.5, ge=0, le=1)
    status: Status = "auto"
    origin: Literal["machine", "analyst"] = "machine"
    reviewed_by: str = ""
    reviewed_at: str = ""
    note: str = ""

    @property
    def reviewed(self) -> bool:
        return self.status in REVIEWED

    def stakeholder_ids(self, role: str | None = None) -> list[str]:
        return [s.id for s in self.stakeholders if role is None or s.role == role]


def unit_id(article_id: str, start: int, end: int) -> str:
    return f"{article_id}-{start}-{end}"


def units_path(kb: KnowledgeBase, slug: str):
    return path_in(kb.units_dir, slug, ".yml")


def load_units(kb: KnowledgeBase, slug: str) -> list[Unit]:
    path = units_path(kb, slug)
    if not path.exists():
        return []
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_loader())
    except yaml.YAMLError as exc:
        raise CorpusFileError(str(path), f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    rows = data.get("units") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise CorpusFileError(str(path), "field 'units' must be a list")
    return [_validate(row, path, i) for i, row in enumerate(rows)]


def _validate(row: object, path, index: int) -> Unit:
    try:
        return Unit.model_validate(row)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise CorpusFileError(str(path), f"units[{index}].{field}: {err['msg']}") from None


def _loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _dumper():
    import yaml

    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_units(slug: str, units: Iterable[Unit]) -> str:
    import yaml

    rows = [u.model_dump(exclude_defaults=False) for u in sort_units(units)]
    return yaml.dump({"article": slug, "units": rows}, Dumper=_dumper(), sort_keys=True,
                     allow_unicode=True, width=100)


def save_units(kb: KnowledgeBase, slug: str, units: Iterable[Unit]) -> None:
    """Write atomically; the caller holds the KB write lock."""
    atomic_write_text(units_path(kb, slug), dump_units(slug, units))


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
    for slug in unit_slugs(kb):
        try:
            yield from load_units(kb, slug)
        except CorpusFileError as exc:
            if errors is None:
                raise
            errors.append(exc)


def load_units_counts(kb: KnowledgeBase) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in all_units(kb, errors=[]):
        if unit.status != "rejected":
            counts[unit.article] = counts.get(unit.article, 0) + 1
    return counts


def find_unit(kb: KnowledgeBase, unit_id_: str) -> Unit:
    for unit in all_units(kb, errors=[]):
        if unit.id == unit_id_:
            return unit
    raise UnitNotFound(f"no unit {unit_id_!r} (ids look like <article-id>-<start>-<end>; see `agora search`)")
