"""The analyst's decisions: accept, reject, edit and add units; merge and rename stakeholders.

Every decision is written to corpus/units/ (status, who, when) and survives re-extraction.
"""

from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Iterable

from .errors import AgoraError, UnitNotFound
from .model.articles import Corpus, now_iso
from .model.kb import KnowledgeBase
from .model.stakeholders import Stakeholder, load_curated, load_registry, save_curated
from .model.units import StakeholderRef, Unit, load_units, resolve_unit_ids, save_units, unit_id, unit_slugs
from .model.vocab import KINDS, ROLES, STANCES


def reviewer(by: str | None = None) -> str:
    """Who decides: --by, else git's user.name, else the login name."""
    if by:
        return by
    try:
        name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or os.environ.get("USER") or getpass.getuser()


def _update(kb: KnowledgeBase, ids: Iterable[str], change) -> list[Unit]:
    """Apply *change* (Unit -> Unit) to each unit, saving each article's file once."""
    by_article: dict[str, list[str]] = {}
    for uid, slug in resolve_unit_ids(kb, ids).values():
        by_article.setdefault(slug, []).append(uid)
    changed = []
    with kb.write_lock():
        for slug, wanted in by_article.items():
            units = {u.id: u for u in load_units(kb, slug)}
            for uid in wanted:
                if uid not in units:
                    raise UnitNotFound(f"no unit {uid!r} in corpus/units/{slug}.yml")
                units[uid] = change(units[uid])
                changed.append(units[uid])
            save_units(kb, slug, units.values())
    return changed


def set_status(kb: KnowledgeBase, ids: list[str], status: str, by: str | None = None) -> list[Unit]:
    who, when = reviewer(by), now_iso()
    return _update(kb, ids, lambda u: u.model_copy(update={"status": status, "reviewed_by": who, "reviewed_at": when}))


def edit_unit(kb: KnowledgeBase, uid: str, *, by: str | None = None, **changes) -> Unit:
    changes = {k: v for k, v in changes.items() if v is not None}
    if "stance" in changes and changes["stance"] not in STANCES:
        raise AgoraError(f"stance must be one of {', '.join(STANCES)}")
    if "kind" in changes and changes["kind"] not in KINDS:
        raise AgoraError(f"kind must be one of {', '.join(KINDS)}")
    if "stakeholders" in changes:
        changes["stakeholders"] = _refs(kb, changes["stakeholders"])
    who, when = reviewer(by), now_iso()
    [unit] = _update(kb, [uid], lambda u: Unit.model_validate(
        {**u.model_dump(), **changes, "status": "edited", "reviewed_by": who, "reviewed_at": when}))
    return unit


def _refs(kb: KnowledgeBase, specs: list[str]) -> list[StakeholderRef]:
    """'employees:affected' or 'meta' (role actor) -> references with canonical ids."""
    registry = load_registry(kb)
    refs = []
    for spec in specs:
        name, _, role = spec.partition(":")
        if (role or "actor") not in ROLES:
            raise AgoraError(f"stakeholder role {role!r} in {spec!r} must be one of {', '.join(ROLES)}")
        refs.append(StakeholderRef(id=registry.resolve(name), role=role or "actor"))
    return refs


def add_unit(kb: KnowledgeBase, slug: str, start: int, end: int, kind: str, *, speaker: str = "",
             stance: str = "neutral", stakeholders: list[str] | None = None, by: str | None = None) -> Unit:
    """A unit the machine missed, from a character span of the article body."""
    article = Corpus(kb).get(slug)
    if not 0 <= start < end <= len(article.body):
        raise AgoraError(f"span {start}:{end} is outside the article body (0:{len(article.body)})")
    unit = Unit(id=unit_id(article.id, start, end), article=slug, kind=kind, text=article.body[start:end],
                start=start, end=end, speaker=speaker, stance=stance, status="accepted", origin="analyst",
                stakeholders=_refs(kb, stakeholders or []), reviewed_by=reviewer(by), reviewed_at=now_iso(),
                quote_type="direct" if kind == "quote" else "", confidence=1.0)
    with kb.write_lock():
        units = [u for u in load_units(kb, slug) if u.id != unit.id]
        save_units(kb, slug, [*units, unit])
    return unit


def merge_stakeholders(kb: KnowledgeBase, keep: str, drop: str) -> int:
    """Merge *drop* into *keep*: aliases move, every unit's reference is rewritten."""
    registry = load_registry(kb)
    keep_id, drop_id = registry.resolve(keep), registry.resolve(drop)
    if keep_id == drop_id:
        raise AgoraError(f"{keep!r} and {drop!r} are already the same stakeholder ({keep_id})")
    with kb.write_lock():
        entries = {e.id: e for e in load_curated(kb)}
        target = entries.get(keep_id) or Stakeholder(id=keep_id, name=registry.name_of(keep_id),
                                                     kind=registry.kind_of(keep_id) or "organisation")
        gone = entries.pop(drop_id, None)
        target.aliases = sorted({*target.aliases, drop_id, registry.name_of(drop_id), drop,
                                 *(gone.aliases if gone else [])} - {target.name})
        entries[keep_id] = target
        save_curated(kb, list(entries.values()))
        return _rewrite_refs(kb, drop_id, keep_id)


def _rewrite_refs(kb: KnowledgeBase, old: str, new: str) -> int:
    count = 0
    for slug in unit_slugs(kb):
        units = load_units(kb, slug)
        touched = False
        for u in units:
            if any(s.id == old for s in u.stakeholders):
                seen, refs = set(), []
                for s in u.stakeholders:
                    sid = new if s.id == old else s.id
                    if sid not in seen:
                        seen.add(sid)
                        refs.append(StakeholderRef(id=sid, role=s.role))
                u.stakeholders = refs
                touched = True
                count += 1
        if touched:
            save_units(kb, slug, units)
    return count


def rename_stakeholder(kb: KnowledgeBase, sid: str, name: str) -> Stakeholder:
    registry = load_registry(kb)
    canonical = registry.resolve(sid)
    with kb.write_lock():
        entries = {e.id: e for e in load_curated(kb)}
        entry = entries.get(canonical) or Stakeholder(id=canonical, name=name,
                                                               kind=registry.kind_of(canonical) or "organisation")
        entry.aliases = sorted({*entry.aliases, entry.name} - {name})
        entry.name = name
        entries[canonical] = entry
        save_curated(kb, list(entries.values()))
    return entry
