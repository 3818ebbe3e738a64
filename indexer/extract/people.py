"""Who is who in one article: named people and organisations, their titles, and anaphora.

Resolves "Okafor" (and "Tom", "Tom J. Okafor") to "Tom Okafor", "she" to the last woman or
person named, "the company" to the last organisation named, "the senator" to the last person
given that title, and remembers titles given in appositions ("Dr. Helen Marsh, a data
protection lawyer at Carter & Lowe") or before the name ("Sen. Jon Tester").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

from .lexicons import lexicons

NOT_ORGS = {"AI", "Artificial Intelligence", "FAQ", "VPN", "CEO"}
PERSON_PRONOUNS = {"he", "she", "him", "her"}
GROUP_PRONOUNS = {"they", "we", "it", "its", "their", "them"}
_HONORIFIC_RE = re.compile(
    r"^(?:(?:dr|prof|professor|mr|mrs|ms|miss|sir|dame|lord|lady|sen|senator|rep|gov|governor|president|"
    r"premier|mayor|minister|chancellor|councillor|cllr|coach|judge|justice|sheriff|det|detective|sgt|"
    r"sergeant|lt|col|gen|atty|supt|insp|constable|const|cst|inspector|superintendent|commissioner|"
    r"captain|capt|officer|chief|reverend|rev|rabbi|imam)\.?\s+)+", re.I)
_POSSESSIVE_RE = re.compile(r"(?:'s|’s|‘s|'|’)$")
# Abbreviated titles written before a name, as the noun a later "the senator" uses.
TITLE_WORDS = {"sen": "senator", "rep": "representative", "gov": "governor", "pres": "president",
               "gen": "general", "prof": "professor", "dr": "doctor", "lt": "lieutenant", "col": "colonel",
               "supt": "superintendent", "insp": "inspector", "sgt": "sergeant", "det": "detective",
               "cllr": "councillor", "coun": "councillor", "atty": "attorney", "sec": "secretary"}


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
    first_names: dict[str, str] = field(default_factory=dict)  # given name -> full name
    title_words: dict[str, set[str]] = field(default_factory=dict)  # full name -> nouns of its titles
    orgs: dict[str, int] = field(default_factory=dict)  # org name -> mention count
    speakers: list[Mention] = field(default_factory=list)  # named subjects of reporting verbs

    def canonical(self, name: str, label: str = "PERSON") -> str:
        return self.resolve(name, label)[0]

    def resolve(self, name: str, label: str = "PERSON") -> tuple[str, str]:
        """The full name a mention stands for, and its label: a lone surname joins the one
        person of the article who carries it, whatever label the tagger gave the mention;
        a given name or an initialled variant joins only when one person fits."""
        name = clean_name(name)
        words = name.split()
        if len(words) == 1:
            full = self.full_names.get(name.lower()) or (self.first_names.get(name.lower()) if label == "PERSON"
                                                         else None)
            return (full, "PERSON") if full else (name, label)
        if label == "PERSON" and len(words) > 2:
            full = self.full_names.get(words[-1].lower(), "")
            if full and full.split()[0].lower() == words[0].lower():
                return full, "PERSON"
        return name, label

    def by_title(self, noun: str, pos: int) -> Mention | None:
        """The last person before *pos* given a title with this noun ("the senator")."""
        return next((m for m in self._earlier(pos)
                     if m.label == "PERSON" and noun in self.title_words.get(m.name, ())), None)

    def last_before(self, pos: int, labels: tuple[str, ...]) -> Mention | None:
        return next((m for m in self._earlier(pos) if m.label in labels), None)

    def protagonist_after(self, pos: int, reach: int = 1000) -> Mention | None:
        """The article's main organisation, named again within *reach* characters after *pos*:
        what a standfirst's "the lender says ..." stands for when the story names the bank only
        below it. Only an organisation named twice or more: one named once is no protagonist
        (the first word of "Digital rights groups", tagged as an organisation)."""
        main = self.main_org()
        if self.orgs.get(main, 0) < 2:
            return None
        starts = [m.start for m in self.mentions]
        later = self.mentions[bisect_left(starts, pos):]
        return next((m for m in later if m.name == main and m.start - pos <= reach), None)

    def _earlier(self, pos: int) -> Iterator[Mention]:
        """The mentions before *pos*, nearest first."""
        starts = [m.start for m in self.mentions]
        return reversed(self.mentions[: bisect_left(starts, pos)])

    def last_speaker_before(self, pos: int, reach: int = 2500) -> Mention | None:
        """Pronouns in news copy usually point back to the person last quoted."""
        starts = [m.start for m in self.speakers]
        earlier = self.speakers[: bisect_left(starts, pos)]
        return earlier[-1] if earlier and pos - earlier[-1].start <= reach else None

    def main_org(self) -> str:
        """The organisation the article is most about (ties go to the shorter name)."""
        return max(self.orgs, key=lambda o: (self.orgs[o], -len(o)), default="")

    def add(self, start: int, name: str, label: str) -> tuple[str, str]:
        """Record a mention as what it resolves to; returns that (name, label)."""
        name, label = self.resolve(name, label)
        self.mentions.append(Mention(start, name, label))
        if label == "ORG":
            self.orgs[name] = self.orgs.get(name, 0) + 1
        return name, label


_DAY_RE = re.compile(r"^(?:(?:the|a|an)\s+(?=[A-Z])|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s+)")


def clean_name(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:\"“”'‘’—–-")
    name = _DAY_RE.sub("", name)  # "the Bank", "Wednesday Suncor" (a date the tagger took in)
    return _POSSESSIVE_RE.sub("", name).strip()


def is_title_word(word: str) -> bool:
    """"Sen.", "Mayor", "Dr": a word written before a name, not part of it."""
    return bool(_HONORIFIC_RE.match(word + " "))


def bare_name(name: str) -> str:
    return _HONORIFIC_RE.sub("", clean_name(name))


def name_of(ent) -> str:
    """A person's name without what the tagger took in front of it: a possessive
    ("Vancouver's Bo Horvat") or a common-noun title ("Organizer Dwayne Croteau")."""
    if ent.label_ != "PERSON":
        return clean_name(ent.text)
    tokens = list(ent)
    cut = max((i + 1 for i, t in enumerate(tokens[:-1]) if t.tag_ == "POS"), default=0)
    while cut < len(tokens) - 1 and tokens[cut].pos_ == "NOUN" and tokens[cut].text[:1].isupper():
        cut += 1
    return bare_name(ent.doc[ent.start + cut: ent.end].text)


def build_cast(doc, headline: str = "") -> Cast:
    """Collect PERSON/ORG mentions in order, full names (the headline's too), and the titles
    given to people."""
    cast = Cast()
    said = _collect_full_names(doc, cast, headline)
    people = _referred_to_as_people(doc, said)
    for ent in doc.ents:
        if ent.label_ == "PERSON" and " " not in ent.text.strip() and ent.text.lower() not in cast.full_names:
            # a lone capitalised word is usually a brand, unless it speaks as "he" ("Putin said")
            cast.add(ent.start_char, ent.text, "PERSON" if ent.text.lower() in people else "ORG")
        elif ent.label_ in ("PERSON", "ORG") and ent.text.strip() not in NOT_ORGS:
            name, label = cast.add(ent.start_char, name_of(ent), ent.label_)
            title = appositive_title(ent) or (written_before(ent) if label == "PERSON" else "")
            if title:
                cast.titles.setdefault(name, title)
            if label == "PERSON":
                cast.title_words.setdefault(name, set()).update(_title_nouns(ent, title))
        elif ent.label_ in ("GPE", "NORP") and cast.resolve(ent.text, ent.label_)[1] == "PERSON":
            cast.add(ent.start_char, ent.text, ent.label_)  # "Nunes" tagged as a place
    for start, name in _org_like_names(doc):
        cast.add(start, name, "ORG")
    cast.mentions.sort(key=lambda m: m.start)
    return cast


def _collect_full_names(doc, cast: Cast, headline: str = "") -> set[str]:
    """Full names of people by surname and by given name. A surname belongs to the first
    person introduced with it, as news style has it (a later namesake is written in full); a
    given name resolves only when one person has it. The small tagger often calls a person an
    organisation ("Amanda Nunes"): such a name counts when no person was tagged with that
    surname and the surname alone is the subject of a reporting verb ("Nunes said"); so does a
    full name the headline gives. Returns the names that speak alone."""
    said = _lone_subjects(doc) - _mostly_places(doc)
    people: list[tuple[int, str]] = []
    others: list[tuple[int, str]] = []
    for ent in doc.ents:
        full = re.sub(r",?\s*\d+$", "", name_of(ent))
        if not _NAME_RE.match(full):
            continue
        if ent.label_ == "PERSON":
            people.append((ent.start_char, full))
        elif ent.label_ in ("ORG", "GPE", "NORP") and full.split()[-1].lower() in said and not _ORG_WORDS.search(full):
            others.append((ent.start_char, full))
    untagged = _untagged_names(doc, said - _surnames(people + others))
    others += [(start, full) for start, full, _ in untagged]
    cast.titles.update({full: title for _, full, title in untagged if title})
    others += _headline_names(headline, said - _surnames(people + others))
    for _, full in sorted(people) + sorted(others):
        cast.full_names.setdefault(full.split()[-1].lower(), full)
    given: dict[str, set[str]] = {}
    for full in set(cast.full_names.values()):
        given.setdefault(full.split()[0].lower(), set()).add(full)
    cast.first_names = {key: names.pop() for key, names in given.items()
                        if len(names) == 1 and key not in cast.full_names}
    return said


def _surnames(names: list[tuple[int, str]]) -> set[str]:
    return {full.split()[-1].lower() for _, full in names}


PERSONAL = PERSON_PRONOUNS | {"his", "hers"}


def _referred_to_as_people(doc, names: set[str]) -> set[str]:
    """Of the lone names that speak, those a personal pronoun takes up in the same or the next
    sentence ("Putin said ... He added"); a brand is "it" or "the company"."""
    sents = list(doc.sents)
    found = set()
    for i, sent in enumerate(sents):
        here = {t.lower_ for t in sent} & names
        if here and any(t.lower_ in PERSONAL for s in sents[i:i + 2] for t in s):
            found |= here
    return found


def _headline_names(headline: str, surnames: set[str]) -> list[tuple[int, str]]:
    """"Ian Poulter punished by PGA Tour" names in full who the story calls Poulter."""
    found = []
    for match in re.finditer(r"\b([A-Z][a-z'’-]+) ([A-Z][\w'’-]+?)(?:['’]s)?\b", headline):
        if match.group(2).lower() in surnames and not is_title_word(match.group(1)):
            found.append((-1, f"{match.group(1)} {match.group(2)}"))
    return found


_NAME_RE = re.compile(r"^[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){1,3}$")


def _untagged_names(doc, surnames: set[str]) -> list[tuple[int, str, str]]:
    """"Ian Poulter’s punishment", missed by the tagger, for a surname that speaks alone later:
    (start, full name, the title written before it: "Mayor" of "said Mayor Ana Ruiz")."""
    found = []
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.lower_ in surnames and token.is_title and before.pos_ == "PROPN" and before.is_title \
                and before.is_alpha and before.ent_type_ != "DATE" and not is_title_word(before.text):
            found.append((before.idx, f"{before.text} {token.text}", _title_before(doc, before.i)))
            surnames = surnames - {token.lower_}
    return found


def _title_before(doc, i: int) -> str:
    """The capitalised title words right before token i ("Deputy Mayor"), courtesy left out."""
    words = []
    for token in reversed(doc[max(0, i - 3): i]):
        if not _titles(token):
            break
        words.insert(0, token.text)
    return _as_title(words)


def _mostly_places(doc) -> set[str]:
    """Single words the tagger calls a place more often than anything else ("Canada")."""
    labels: dict[str, list[str]] = {}
    for ent in doc.ents:
        if len(ent) == 1:
            labels.setdefault(ent.text.lower(), []).append(ent.label_)
    return {word for word, seen in labels.items() if seen.count("GPE") >= 2 and seen.count("GPE") * 2 > len(seen)}


def _lone_subjects(doc) -> set[str]:
    verbs = lexicons().reporting_verbs
    return {t.lower_ for t in doc if looks_named(t) and t.dep_ in ("nsubj", "nsubjpass")
            and t.head.lemma_.lower() in verbs and not any(c.dep_ == "compound" for c in t.children)}


def looks_named(token) -> bool:
    """A proper noun, or a capitalised word inside a sentence that the small tagger took for a
    common noun ("Poulter said")."""
    return token.pos_ == "PROPN" or (token.is_title and token.i != token.sent.start and token.pos_ == "NOUN")


def _title_nouns(ent, title: str) -> set[str]:
    """The nouns of a person's titles, before any "of"/"at": the apposition, and the words
    written before the name that attach to it ("rookie defenceman Caleb Jones", "Sen. Jon Tester")."""
    doc = ent.doc
    words = [t for t in doc[max(ent.sent.start, ent.start - 6): ent.start] if _attaches_to(t, ent)]
    nouns = {t.lemma_.lower().rstrip(".") for t in words
             if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and is_title_word(t.text))}
    prefix = _HONORIFIC_RE.match(clean_name(ent.text))
    head = re.split(r"\b(?:of|at|for|with|in|on|from|to|and)\b|[,(]", title, maxsplit=1)[0] if title else ""
    nouns |= {w.lower() for w in re.findall(r"[A-Za-z]+", (prefix.group(0) if prefix else "") + " " + head)}
    return {TITLE_WORDS.get(n, n) for n in nouns}


def written_before(ent) -> str:
    """A title written before a name, as written: "Chief Constable" of "Chief Constable Robert
    Hale", "Sen." of "Sen. Jon Tester" (the name keeps neither); "Dr." is no title."""
    prefix = _HONORIFIC_RE.match(clean_name(ent.text))
    doc = ent.doc
    before = [t.text for t in doc[max(ent.sent.start, ent.start - 3): ent.start]
              if t.pos_ in ("NOUN", "PROPN") and _titles(t) and _attaches_to(t, ent)]
    return _as_title([*before, *(prefix.group(0).split() if prefix else [])])


def _titles(token) -> bool:
    """A capitalised title word: "Mayor", "Sen.", or a prefix of one ("Deputy", "Chief")."""
    return token.text[:1].isupper() and (is_title_word(token.text) or token.lower_ in TITLE_PREFIXES)


def _as_title(words: list[str]) -> str:
    return " ".join(w for w in words if w.lower().rstrip(".") not in COURTESY)


COURTESY = {"dr", "mr", "mrs", "ms", "miss", "sir", "dame", "lord", "lady"}  # a form of address, no title
TITLE_PREFIXES = {"chief", "deputy", "assistant", "acting", "former", "vice"}  # "Chief Constable", "Deputy Mayor"


def _attaches_to(token, ent) -> bool:
    for _ in range(4):
        if ent.start <= token.head.i < ent.end:
            return True
        if token.head is token or token.head.i >= ent.end or token.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
    return False


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


MAX_TITLE_CHARS = 100
_CLAUSE_RE = re.compile(r"\s*(?:[;(\[]|\s[—–]\s|,\s*(?:who|which|whose|where|when|and|but|said|says|told)\b"
                        r"|(?<=[a-z]{3})[.!?](?:\s|$))")


def clean_title(text: str) -> str:
    """A title up to its first clause boundary, and never cut inside a word when long."""
    text = _CLAUSE_RE.split(re.sub(r"\s+", " ", text).strip(" ,;:—–-"), maxsplit=1)[0]
    if len(text) > MAX_TITLE_CHARS:
        head = text[:MAX_TITLE_CHARS + 1]
        cut = head.rfind(",") if head.rfind(",") > MAX_TITLE_CHARS // 2 else head.rfind(" ")
        text = head[:cut] if cut > 0 else head
    text = text.strip(" ,.;:—–-")
    return re.sub(r"^(?:a|an|the|its|their|his|her)\s+", "", text, flags=re.I)


def is_org_anaphor(text: str) -> bool:
    return text.lower().strip() in lexicons().org_anaphora
