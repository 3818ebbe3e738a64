"""One entity per person, organisation or group across the knowledge base, derived from the units.

Extraction gives each article its own stakeholder ids ("trump", "donald-j-trump"); this module
merges them by name structure (nameparser), spelling (rapidfuzz) and acronyms, names each
entity as it is written most often ("GOP", "Mitch McConnell"), and drops what is no entity at
all ("43 percent", "the who"). The analyst's corpus/stakeholders.yml always wins: a curated id
is never merged away, and its name and aliases are kept. Nothing here is stored: the site and
`agora stakeholder list` rebuild it from corpus/.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..slugs import slugify
from .stakeholders import Registry, Stakeholder
from .units import StakeholderRef, Unit

ORG_WORDS = re.compile(
    r"\b(?:bank|union|university|institute|association|council|centre|center|lab|group|trust|forum|alliance|"
    r"collective|project|board|ministry|department|inc|ltd|corp|company|committee|party|agency|commission|"
    r"school|college|news|times|post|court|congress|senate|house|police|office|service|foundation|"
    r"society|network|coalition|campaign|fund|ai)\b", re.I)
PRONOUNS = {"i", "me", "we", "us", "you", "he", "she", "it", "they", "them", "who", "one", "someone", "anyone",
            "this", "that", "these", "those", "ve", "ll", "re"}
GENERIC = {"source", "sources", "multiple sources", "campaign", "district", "association", "audit",
           "state", "asap", "the who",
           # things, not stakeholders: who builds or uses the software is, the software is not
           "software", "technology", "system", "tool", "tools", "app", "platform", "algorithm", "data"}
# Things that "say" in news copy (the quote keeps them as written; who issued it is the stakeholder)
DOCUMENTS = {"statement", "report", "study", "survey", "poll", "release", "letter", "memo", "lawsuit", "complaint",
             "claim", "document", "documents", "filing", "ruling", "photo", "video", "cell", "tweet", "post",
             "findings", "data", "trope", "situation", "tax", "protests", "pipeline", "iphone", "iphones", "as",
             "attack", "paper", "website", "book", "books", "poem", "submission", "results", "analysis", "records",
             "research", "reports", "suit", "firestorm"}
CONNECTIVES = {"of", "the", "and", "for", "on", "in", "at", "to", "&"}
MAX_WORDS = 6
FUZZY = 95
SIMILAR_ROWS = 512  # rows of the organisation similarity matrix scored at once (512 x 20,000 bytes)


@dataclass
class Entity:
    id: str
    name: str
    kind: str  # person | organisation | group
    aliases: set[str] = field(default_factory=set)
    mentions: int = 0
    quotes: int = 0


@dataclass
class Entities:
    entries: dict[str, Entity] = field(default_factory=dict)
    canonical: dict[str, str] = field(default_factory=dict)  # any extracted id -> entity id ("" = junk)

    def id_of(self, sid: str) -> str:
        return self.canonical.get(sid, sid)

    def apply(self, units: Iterable[Unit]) -> list[Unit]:
        """Units with their stakeholder refs pointing at entities (junk dropped, duplicates merged)."""
        out = []
        for u in units:
            refs: dict[str, str] = {}
            for ref in u.stakeholders:
                sid = self.id_of(ref.id)
                if sid and (sid not in refs or ref.role == "speaker"):
                    refs[sid] = ref.role
            new = [StakeholderRef(id=s, role=r) for s, r in refs.items()]
            out.append(u if new == u.stakeholders else u.model_copy(update={"stakeholders": new}))
        return out

    def registry(self, base: Registry) -> Registry:
        """`base` (groups and the analyst's entries) with every entity's name and aliases."""
        merged = Registry(entries=dict(base.entries), alias_to_id=dict(base.alias_to_id))
        for e in self.entries.values():
            if e.id not in base.entries:
                merged.register(Stakeholder(id=e.id, name=e.name, kind=e.kind, aliases=sorted(e.aliases)))
        for sid, target in self.canonical.items():
            if target:
                merged.alias_to_id.setdefault(sid, target)
        return merged


def is_junk(name: str, long_ok: bool = False) -> bool:
    """No entity: a number, an age, a pronoun, a generic noun, a clause posing as a name (unless
    `long_ok`: a speaker described at length is still a speaker)."""
    text = re.sub(r"\s+", " ", name).strip(" .,;:'\"’‘“”").lower()
    text = re.sub(r"^(?:the|a|an)\s+", "", text) if text not in GENERIC else text
    words = text.split()
    return (not words or words[0][:1].isdigit() or text in PRONOUNS or text in GENERIC
            or (len(words) >= MAX_WORDS and not long_ok)
            or bool(re.search(r"\byear[- ]old\b|\bpercent\b|%|\bof \d+$", text)))  # "survey of 2[,000 workers]"


def build_entities(units: Iterable[Unit], registry: Registry) -> Entities:
    """Every stakeholder id of `units` mapped to one entity; see the module's docstring."""
    forms: dict[str, Counter] = defaultdict(Counter)
    roles: dict[str, Counter] = defaultdict(Counter)
    patterns: dict[str, re.Pattern | None] = {}  # one per id: re's own cache holds 512, and compiling is slow
    for u in units:
        for ref in u.stakeholders:
            roles[ref.id][ref.role] += 1
            if ref.role == "speaker" and slugify(u.speaker) == ref.id:
                form = u.speaker
            else:
                if ref.id not in patterns:
                    patterns[ref.id] = _name_pattern(ref.id)
                form = _written(u.text, patterns[ref.id])
            if form:
                forms[ref.id][form] += 1
    found = Entities()
    for sid in roles:
        if sid in registry.entries:
            entry = registry.entries[sid]
            found.entries[sid] = Entity(sid, entry.name, entry.kind, set(entry.aliases))
            continue
        name = _as_written(forms[sid], sid)
        group = _group_of(name, registry)
        if group:  # "Warehouse workers at a large retailer" speak as employees
            found.canonical[sid] = group
            found.entries.setdefault(group, Entity(group, registry.entries[group].name, "group"))
            continue
        if is_junk(name) or _head_word(name) in DOCUMENTS:
            found.canonical[sid] = ""
            continue
        found.entries[sid] = Entity(sid, name, _kind(name, roles[sid]))
    _merge(found, registry)
    for sid, counts in roles.items():
        target = found.id_of(sid)
        if target:
            entity = found.entries[target]
            entity.quotes += counts["speaker"]
            entity.mentions += sum(counts.values())
            entity.aliases.update(f for f in forms[sid] if f != entity.name)
    return found


def _head(name: str) -> list[str]:
    """The words of a description before what qualifies it: "warehouse workers at a retailer"."""
    return re.split(r"\b(?:of|at|for|in|from|with|by|who|whose|that)\b", name, maxsplit=1)[0].split()


def _head_word(name: str) -> str:
    """The noun a description is about: "statement from the EU" -> statement."""
    head = _head(name)
    return head[-1].lower().strip(",.;:") if head else ""


def _group_of(name: str, registry: Registry) -> str:
    """The built-in group a common-noun description heads ("warehouse workers at ..."); never
    for a proper name that holds a group word ("European Union", "Independent Workers' Union")
    nor for one body ("the press council")."""
    head = _head(name)
    proper = any(w[:1].isupper() for w in head[1:]) or (
        len(head) == 1 and head[0][:1].isupper() and head[0].lower() not in registry.alias_to_id)
    if not head or head[0].lower() == "the" or proper:
        return ""
    for size in (2, 1):
        phrase = " ".join(head[-size:]).lower().strip(",.;:")
        sid = registry.alias_to_id.get(phrase, "")
        if sid and registry.kind_of(sid) == "group":
            return sid
    return ""


def _name_pattern(sid: str) -> re.Pattern | None:
    parts = [re.escape(p) for p in sid.split("-") if p]
    return re.compile(r"\b" + r"[\s\-'’.]*".join(parts) + r"\b", re.I) if parts else None


def _written(text: str, pattern: re.Pattern | None) -> str:
    """How the unit's text writes the id's name ("McConnell" for mcconnell), possessive dropped."""
    match = pattern.search(text) if pattern else None
    return match.group(0) if match and any(ch.isupper() for ch in match.group(0)) else ""


def _as_written(forms: Counter, sid: str) -> str:
    """The most frequent written form; without one, the id in title case, acronyms kept short."""
    if forms:
        best = max(forms.items(), key=lambda kv: (kv[1], sum(ch.isupper() for ch in kv[0]), kv[0]))[0]
        return re.sub(r"(?:'s|’s)$", "", best.strip())
    return " ".join(w.upper() if len(w) <= 3 and not re.search(r"[aeiou]", w) else w.capitalize()
                    for w in sid.split("-"))


def _kind(name: str, roles: Counter) -> str:
    if roles["actor"] or ORG_WORDS.search(name) or name.isupper():
        return "organisation"
    words = name.split()
    if roles["mentioned"] or (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)):
        return "person"
    return "organisation"


def _merge(found: Entities, registry: Registry) -> None:
    """Surname and middle-initial variants into the one full name; "the X" and acronyms into X."""
    from nameparser import HumanName

    people = {sid: HumanName(e.name) for sid, e in found.entries.items() if e.kind == "person"}
    by_last: dict[str, set[str]] = defaultdict(set)
    for sid, name in people.items():
        if name.first and name.last:
            by_last[name.last.lower()].add(sid)
    targets: dict[str, str] = {}
    for sid, name in people.items():
        if name.first and name.last:  # "Donald J Trump" and "Donald Trump" are one person
            same = [o for o in by_last[name.last.lower()] if people[o].first.lower() == name.first.lower()]
            targets[sid] = min(same, key=lambda o: (bool(people[o].middle), len(o), o))
    for sid, entity in found.entries.items():
        words = entity.name.split()
        if len(words) == 1 and entity.kind in ("person", "organisation"):  # a bare surname, if unambiguous
            full = {targets.get(o, o) for o in by_last.get(words[0].lower(), set())}
            if len(full) == 1 and len({people[o].first.lower() for o in full}) == 1:
                targets[sid] = next(iter(full))
    orgs = {sid: _org_key(e.name) for sid, e in found.entries.items()
            if e.kind == "organisation" and sid not in targets}
    acronyms = {_initials(e.name): sid for sid, e in found.entries.items()
                if e.kind == "organisation" and len(e.name.split()) >= 2}
    ids = list(orgs)
    for row, similar in _similar(list(orgs.values())):
        sid = ids[row]
        name = found.entries[sid].name
        if name.isupper() and 2 <= len(name) <= 6 and name in acronyms and acronyms[name] != sid:
            targets[sid] = acronyms[name]
            continue
        for other in (ids[col] for col in similar):
            if other != sid and _prefer(found, other, sid):
                targets[sid] = other
                break
    for sid in found.entries:
        target = targets.get(sid, sid)
        while targets.get(target, target) != target:
            target = targets[target]
        if sid in registry.entries or target == sid:
            continue
        found.canonical[sid] = target
    for sid in [s for s in found.entries if found.canonical.get(s, s) != s]:
        entity = found.entries.pop(sid)
        found.entries[found.canonical[sid]].aliases.update({entity.name, *entity.aliases})


def _similar(keys: list[str]):
    """(row, the columns of keys equal or within FUZZY of it, in order) for every key: rapidfuzz's
    matrix a block of rows at a time, not a Python loop over every pair (quadratic: minutes at
    tens of thousands of organisations)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    for start in range(0, len(keys), SIMILAR_ROWS):
        block = keys[start:start + SIMILAR_ROWS]
        scores = process.cdist(block, keys, scorer=fuzz.ratio, score_cutoff=FUZZY, dtype=np.uint8)
        for offset in range(len(block)):
            yield start + offset, np.flatnonzero(scores[offset])  # equal keys score 100


def _org_key(name: str) -> str:
    text = re.sub(r"(?:'s|’s)$", "", name.lower())
    return re.sub(r"[^a-z0-9]+", "", re.sub(r"^the\s+", "", text))


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w.lower() not in CONNECTIVES and w[:1].isalpha()).upper()


def _prefer(found: Entities, keep: str, drop: str) -> bool:
    """Which of two spellings of one organisation stays: the longer name, then the smaller id."""
    a, b = found.entries[keep].name, found.entries[drop].name
    return (len(a), drop) > (len(b), keep)
