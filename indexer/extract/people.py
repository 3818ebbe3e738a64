"""Who is who in one article: named people and organisations, their titles, and anaphora.

Resolves "Okafor" to "Tom Okafor", "she" to the last woman or person named, "the company"
to the last organisation named, and remembers titles given in appositions
("Dr. Helen Marsh, a data protection lawyer at Carter & Lowe").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .lexicons import lexicons

NOT_ORGS = {"AI", "Artificial Intelligence", "FAQ", "VPN", "CEO"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "we", "it", "its", "their", "them"}
_HONORIFIC_RE = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|miss|sir|dame|lord|lady)\.?\s+", re.I)
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Mention:
    start: int
    name: str
    label: str  # PERSON | ORG


@dataclass
class Cast:
    mentions: list[Mention] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    full_names: dict[str, str] = field(default_factory=dict)  # surname -> full name
    orgs: dict[str, int] = field(default_factory=dict)  # org name -> mention count
    speakers: list[Mention] = field(default_factory=list)  # named subjects of reporting verbs

    def canonical(self, name: str, label: str = "PERSON") -> str:
        name = clean_name(name)
        if label == "PERSON" and " " not in name:
            return self.full_names.get(name.lower(), name)
        return name

    def last_before(self, pos: int, labels: tuple[str, ...]) -> Mention | None:
        starts = [m.start for m in self.mentions]
        for mention in reversed(self.mentions[: bisect_left(starts, pos)]):
            if mention.label in labels:
                return mention
        return None

    def last_speaker_before(self, pos: int, reach: int = 2500) -> Mention | None:
        """Pronouns in news copy usually point back to the person last quoted."""
        starts = [m.start for m in self.speakers]
        earlier = self.speakers[: bisect_left(starts, pos)]
        return earlier[-1] if earlier and pos - earlier[-1].start <= reach else None

    def main_org(self) -> str:
        """The organisation the article is most about (ties go to the shorter name)."""
        return max(self.orgs, key=lambda o: (self.orgs[o], -len(o)), default="")

    def add(self, start: int, name: str, label: str) -> None:
        name = self.canonical(name, label)
        self.mentions.append(Mention(start, name, label))
        if label == "ORG":
            self.orgs[name] = self.orgs.get(name, 0) + 1


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:\"“”'‘’—–-")
    name = re.sub(r"^(?:the|a|an)\s+(?=[A-Z])", "", name)
    return _POSSESSIVE_RE.sub("", name).strip()


def bare_name(name: str) -> str:
    return _HONORIFIC_RE.sub("", clean_name(name))


def build_cast(doc) -> Cast:
    """Collect PERSON/ORG mentions in order, surnames, and appositive titles."""
    cast = Cast()
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            full = bare_name(ent.text)
            if " " in full:
                cast.full_names.setdefault(full.split()[-1].lower(), full)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and " " not in ent.text.strip() and ent.text.lower() not in cast.full_names:
            cast.add(ent.start_char, ent.text, "ORG")  # a lone capitalised word is usually a brand
        elif ent.label_ in ("PERSON", "ORG") and ent.text.strip() not in NOT_ORGS:
            cast.add(ent.start_char, bare_name(ent.text) if ent.label_ == "PERSON" else ent.text, ent.label_)
            title = appositive_title(ent)
            if title:
                cast.titles.setdefault(cast.canonical(bare_name(ent.text), ent.label_), title)
    for start, name in _org_like_names(doc):
        cast.add(start, name, "ORG")
    cast.mentions.sort(key=lambda m: m.start)
    return cast


_ORG_WORDS = re.compile(
    r"\b(?:Bank|Union|University|Institute|Association|Council|Centre|Center|Lab|Group|Trust|"
    r"Forum|Alliance|Collective|Project|Board|Ministry|Department|Inc|Ltd|Corp|Health|Home|"
    r"Police|Society|Foundation|Agency|Commission|School|College|Review|News)\b")


def _org_like_names(doc) -> list[tuple[int, str]]:
    """Capitalised names with an organisation word that NER missed ("Northgate Bank")."""
    tagged = {(e.start_char, e.end_char) for e in doc.ents}
    found = []
    for match in re.finditer(r"\b(?:[A-Z][\w&'’-]+\s){0,4}[A-Z][\w'’-]+\b", doc.text):
        name = match.group(0)
        if _ORG_WORDS.search(name) and " " in name and (match.start(), match.end()) not in tagged \
                and "\n" not in name:
            found.append((match.start(), clean_name(name)))
    return found


def appositive_title(span) -> str:
    """The apposition describing a name: "X, a lawyer at Y," or "the CEO of Y, X"."""
    root = span.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > span.end - 1:
            return _phrase(child)
    if root.dep_ == "appos" and root.head.i < span.start and root.head.ent_type_ == "":
        return _phrase(root.head, exclude=set(range(root.left_edge.i, root.right_edge.i + 1)))
    return ""


def _phrase(token, exclude: frozenset[int] | set[int] = frozenset()) -> str:
    words = [t for t in token.subtree if t.i not in exclude and t.dep_ != "relcl"]
    words = [t for t in words if t.i < min(exclude, default=len(token.doc))] or words
    while words and words[-1].is_punct:
        words = words[:-1]
    if not words:
        return ""
    text = token.doc[words[0].i: words[-1].i + 1].text
    text = re.split(r",\s*(?:who|which|whose)\b", text)[0]
    return clean_title(text)


def clean_title(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,.;:—–-")
    return re.sub(r"^(?:a|an|the|its|their|his|her)\s+", "", text, flags=re.I)


def is_org_anaphor(text: str) -> bool:
    return text.lower().strip() in lexicons().org_anaphora
