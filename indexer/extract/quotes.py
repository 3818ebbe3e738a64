"""Direct and reported quotations with their speakers: a pure function over a parsed Doc."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model.entities import is_junk
from .lexicons import lexicons
from .marks import quote_spans
from .people import (
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    TITLE_WORDS,
    Cast,
    bare_name,
    clean_title,
    is_org_anaphor,
    looks_named,
    name_of,
)

_DASH_RE = re.compile(r"^[ \t]*[—–―-]{1,2}[ \t]*([^\n]{3,200})")
MIN_UNATTRIBUTED_WORDS = 6
MIN_FOLLOWING_WORDS = 3  # a short quotation right after an attributed one in its paragraph
FOLLOWING = 120  # characters between them at most (the attribution of the first)
SUBJECTS = ("nsubj", "nsubjpass")
WINDOW = 50  # tokens around a quotation searched for its attribution
TRAILING_ATTRIBUTION = 6  # '"...," Okafor said.' split off as its own short sentence


AGE_RE = re.compile(r"\b\w+[- ]year[- ]old\b", re.I)
# "A Trump spokesman said": the person speaks through these; "Clinton campaign allies" are not Clinton.
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "representative", "office", "aide", "lawyer", "attorney"}
# A clause the journalist adds after the reported one ("..., even though voters are ...") is not said.
JOURNALIST_MARKS = {"though", "although", "while", "whereas"}
KEPT = {"source", "sources"}  # said as written (news credits them so); the stakeholder lists leave them out


@dataclass
class Speaker:
    name: str
    title: str = ""
    label: str = ""  # PERSON | ORG | GROUP


@dataclass
class Quote:
    start: int
    end: int
    speaker: Speaker | None
    cue: str
    quote_type: str  # direct | indirect
    confidence: float


def extract_quotes(doc, cast: Cast) -> list[Quote]:
    cast.speakers = _named_speakers(doc, cast)
    direct = _direct_quotes(doc, cast)
    taken = sorted((q.start, q.end) for q in direct)
    reported = [q for q in _reported(doc, cast) if not _overlaps(q, taken)]
    return _dedupe(sorted(direct + reported, key=lambda q: (q.start, -q.end)))


# -- direct quotations -------------------------------------------------------------

def _named_speakers(doc, cast: Cast) -> list:
    """Named people who are subjects of reporting verbs, in text order."""
    from .people import Mention

    found = []
    for token in doc:
        if _is_reporting(token):
            subject = _subject(token)
            entity = _entity_of(subject) if subject is not None else None
            name, label = cast.resolve(name_of(entity), entity.label_) if entity is not None else ("", "")
            if label == "PERSON":
                found.append(Mention(token.idx, name, "PERSON"))
            elif subject is not None and looks_named(subject) and subject.lower_ in cast.full_names:
                found.append(Mention(token.idx, cast.full_names[subject.lower_], "PERSON"))
    return found


class _Sentences:
    """The Doc's sentences with O(log n) lookup by token index."""

    def __init__(self, doc) -> None:
        self.text = doc.text  # Doc.text rebuilds the string on every access
        self.sents = list(doc.sents)
        self.starts = [s.start for s in self.sents]

    def index_of(self, token_i: int) -> int:
        return bisect_right(self.starts, token_i) - 1

    def around(self, span) -> list:
        """The sentences the quotation touches, plus a short trailing attribution sentence,
        clipped to WINDOW tokens either side (attributions sit next to their quotation)."""
        first, last = self.index_of(span.start), self.index_of(span.end - 1)
        chosen = self.sents[first:last + 1]
        if last + 1 < len(self.sents) and len(self.sents[last + 1]) <= TRAILING_ATTRIBUTION:
            chosen.append(self.sents[last + 1])
        lo, hi = span.start - WINDOW, span.end + WINDOW
        return [s.doc[max(s.start, lo):min(s.end, hi)] for s in chosen if s.end > lo and s.start < hi]

    def before(self, span, window: int) -> list:
        first = self.index_of(span.start)
        return [s if len(s) <= WINDOW else s[-WINDOW:] for s in self.sents[max(0, first - window):first]]


def _direct_quotes(doc, cast: Cast) -> list[Quote]:
    quotes: list[Quote] = []
    last: Speaker | None = None
    sentences = _Sentences(doc)
    for start, end in quote_spans(doc.text):
        gap = doc.text[quotes[-1].end:start] if quotes and quotes[-1].speaker else "\n"
        quote = _attribute(doc, cast, start, end, last, sentences, follows=len(gap) <= FOLLOWING and "\n" not in gap)
        if quote is not None:
            quotes.append(quote)
            last = quote.speaker or last
    return quotes


def _attribute(doc, cast: Cast, start: int, end: int, last: Speaker | None,
               sentences: _Sentences, follows: bool = False) -> Quote | None:
    """The quotation's speaker: the reporting verb nearest it, a dash, "according to" or a colon;
    a sentence that is all quotation continues the speaker before it, short ones too when they
    follow an attributed quotation in the same paragraph ('"...," said Carlos Mendes. "There is nobody to ask."')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sents = sentences.around(span)
    verb = _nearest_verb(sents, start, end)
    if verb is not None:
        speaker = _speaker_of(verb, cast, start)
        if speaker is not None:
            return Quote(start, end, speaker, verb.text, "direct", 0.9)
    for finder in (_dash_speaker, _according_speaker, _colon_speaker):
        speaker = finder(doc, cast, span, sents, sentences)
        if speaker is not None:
            return Quote(start, end, speaker, _cue_of(finder), "direct", 0.8)
    words = len([t for t in span if t.is_alpha])
    if words >= (MIN_FOLLOWING_WORDS if follows else MIN_UNATTRIBUTED_WORDS) and _covers_sentence(span, sents):
        speaker = _previous_speaker(sentences.before(span, 2), cast) or last
        return Quote(start, end, speaker, "", "direct", 0.5 if speaker else 0.3)
    return None


def _cue_of(finder) -> str:
    return {"_dash_speaker": "—", "_according_speaker": "according to", "_colon_speaker": ":"}[finder.__name__]


def _is_reporting(token) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in lexicons().reporting_verbs


def _nearest_verb(sents, start: int, end: int):
    candidates = [t for s in sents for t in s
                  if _is_reporting(t) and not start <= t.idx < end and _subject(t) is not None
                  and not start <= _subject(t).idx < end]
    return min(candidates, key=lambda t: min(abs(t.idx - end), abs(t.idx - start)), default=None)


def _subject(verb):
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    if (verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")) and verb.head is not verb:
        return _subject(verb.head)  # "She shot back, saying ...": the subject of the verb it hangs on
    return None


def _speaker_of(verb, cast: Cast, pos: int) -> Speaker | None:
    subject = _subject(verb)
    return None if subject is None else speaker_from_token(subject, cast, pos)


def speaker_from_token(token, cast: Cast, pos: int) -> Speaker | None:
    """The speaker a subject token names, resolving pronouns, surnames and "the company"."""
    lower = token.lower_
    if lower in ("i", "me", "you", "this", "that", "which", "who", "there"):
        return None
    if lower in PERSON_PRONOUNS:
        return _resolved(cast.last_speaker_before(pos) or cast.last_before(pos, ("PERSON",)), cast)
    if lower in GROUP_PRONOUNS:
        return _resolved(cast.last_before(pos, ("ORG", "PERSON")), cast)
    entity = _entity_of(token)
    if entity is not None:
        name, label = cast.resolve(name_of(entity), entity.label_)
        title = cast.titles.get(name, "") or _own_title(token, entity)
        return Speaker(name, title, label)
    if looks_named(token) and token.lower_ in cast.full_names:
        full = cast.full_names[token.lower_]
        return Speaker(full, cast.titles.get(full, ""), "PERSON")
    member = _member_of_collective(token)
    if member is not token:  # "a group of twelve illustrators": the illustrators, uncounted
        words = [t for t in member.lefts if t.dep_ in ("compound", "amod")] + [member]
        return Speaker(" ".join(t.text for t in words), "", "GROUP")
    phrase = _noun_phrase(token)
    if is_org_anaphor(phrase):
        return _resolved(cast.last_before(pos, ("ORG",)) or cast.protagonist_after(pos), cast)
    titled = _titled_person(token, cast, pos)
    if titled is not None:
        return _resolved(titled, cast)
    phrase = clean_title(phrase)
    if not phrase:
        return None
    if token.pos_ in ("ADV", "ADJ", "VERB", "ADP", "CCONJ") and not token.is_title:  # "basically said": a bad parse
        return Speaker("", "", "GROUP")
    if AGE_RE.search(phrase):  # "the 32-year-old labourer" stays as written: guessing the person
        return Speaker(phrase, "", "GROUP")  # last named was wrong more often than right on GGT
    if is_junk(phrase, long_ok=True) and phrase.lower() not in KEPT:  # "43 percent", "the who": unattributed
        return Speaker("", "", "GROUP")
    return Speaker(phrase, "", "GROUP")


COLLECTIVES = {"group", "number", "handful", "couple", "majority", "minority", "dozens", "hundreds", "thousands"}


def _member_of_collective(token):
    """"A group of twelve illustrators" speaks as the illustrators."""
    if token.lemma_.lower() not in COLLECTIVES:
        return token
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), token) if of is not None else token


def _titled_person(token, cast: Cast, pos: int):
    """"The senator" is the last person the article gave that title; "a senator" is nobody yet."""
    if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    noun = token.lemma_.lower()
    return cast.by_title(TITLE_WORDS.get(noun, noun), pos)


def _resolved(mention, cast: Cast) -> Speaker | None:
    if mention is None:
        return None
    return Speaker(mention.name, cast.titles.get(mention.name, ""), mention.label)


def _entity_of(token):
    """The PERSON/ORG entity at the token, or named by its apposition ("its head, Tom")."""
    for candidate in (token, *[c for c in token.children if c.dep_ == "appos"]):
        if candidate.ent_type_ in ("PERSON", "ORG"):
            for ent in candidate.doc.ents:
                if ent.start <= candidate.i < ent.end:
                    return ent
    compounds = [c for c in token.children if c.dep_ == "compound"
                 and (c.ent_type_ == "ORG" or (c.ent_type_ == "PERSON" and token.lemma_.lower() in SPOKESPEOPLE))]
    if compounds and not any(c.dep_ == "compound" and not c.ent_type_ for c in token.children):
        return _entity_of(compounds[0])
    return None


def _own_title(token, entity) -> str:
    """A title written around this mention: the subject noun when the name is its apposition."""
    if token.i < entity.start or token.i >= entity.end:
        return clean_title(_noun_phrase(token))
    from .people import appositive_title

    return appositive_title(entity)


def _noun_phrase(token) -> str:
    """The subject's words: determiners and modifiers on the left, one prepositional phrase right."""
    lefts = [t.left_edge for t in token.lefts if t.dep_ in ("det", "amod", "compound", "poss", "nummod")]
    first = min(lefts, key=lambda t: t.i, default=token)
    last = next((r.right_edge for r in token.rights if r.dep_ == "prep"), token)
    text = token.doc[first.i: last.i + 1].text
    head = token.idx - first.idx  # a comma before the head joins adjectives ("the lanky, bespectacled professor")
    cut = re.search(r",|\bwho\b|\bwhich\b", text[head:])
    return (text[:head + cut.start()] if cut else text).strip()


def _dash_speaker(doc, cast: Cast, span, sents, sentences) -> Speaker | None:
    match = _DASH_RE.match(sentences.text[span.end_char: span.end_char + 220])
    if not match:
        return None
    name, _, title = match.group(1).partition(",")
    name = bare_name(name)
    if not name or len(name.split()) > 5:
        return None
    full = cast.canonical(name)
    return Speaker(full, clean_title(title) or cast.titles.get(full, ""), "PERSON")


def _according_speaker(doc, cast: Cast, span, sents, sentences) -> Speaker | None:
    for sent in sents:
        for token in sent:
            if token.lower_ == "according" and not span.start <= token.i < span.end:
                speaker = _according_object(token, cast)
                if speaker is not None:
                    return speaker
    return None


def _according_object(token, cast: Cast) -> Speaker | None:
    for prep in token.children:
        if prep.lower_ == "to":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return speaker_from_token(_named_in(obj), cast, token.idx)
    return None


def _named_in(token):
    """Prefer a named entity inside the phrase ("a study by the X Lab" -> X Lab)."""
    if token.ent_type_ in ("PERSON", "ORG"):
        return token
    for t in token.subtree:
        if t.ent_type_ in ("PERSON", "ORG"):
            return t
    return token


def _colon_speaker(doc, cast: Cast, span, sents, sentences) -> Speaker | None:
    before = sentences.text[max(0, span.start_char - 3): span.start_char].strip()
    if not before.endswith(":"):
        return None
    prev = [t for s in sentences.before(span, 1) for t in s] + [t for t in sents[0] if t.i < span.start]
    for token in reversed(prev):
        if _is_reporting(token) and _subject(token) is not None:
            return speaker_from_token(_subject(token), cast, token.idx)
    return None


def _previous_speaker(sents: list, cast: Cast) -> Speaker | None:
    """A quotation standing alone continues the speaker of a sentence just before it."""
    for sent in reversed(sents):
        for token in sent:
            if _is_reporting(token) and _subject(token) is not None:
                return speaker_from_token(_subject(token), cast, token.idx)
    return None


def _covers_sentence(span, sents) -> bool:
    total = sum(len(s.text) for s in sents[:1]) or 1
    return len(span.text) >= 0.6 * total


# -- reported speech -----------------------------------------------------------------

def _reported(doc, cast: Cast) -> list[Quote]:
    found = []
    for token in doc:
        if _is_reporting(token):
            found.extend(_that_clause(token, cast) or _object_clause(token, cast))
        elif token.lower_ == "according":
            found.extend(_according_clause(token, cast))
    return found


def _that_clause(verb, cast: Cast) -> list[Quote]:
    subject = _subject(verb)
    if subject is not None and subject.lower_ == "who" and verb.dep_ == "relcl":
        subject = verb.head  # "senior members who say they will not stand again": the members
    clauses = _complements(verb)
    if not clauses and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and \
            subject is not None and subject.dep_ == "nsubj":  # "X, we are told, Y" names a listener
        clauses = [verb.head]  # "X, she said, Y": the sentence the attribution interrupts
    if subject is None or not clauses:
        return []
    aside = range(verb.left_edge.i, verb.right_edge.i + 1) if clauses[0] is verb.head else range(0)
    words = [t for clause in clauses for t in clause.subtree
             if not (t.dep_ == "mark" and t.lower_ in ("that", "whether", "if")) and t.i not in aside]
    words = _trim(_without_journalist_clause(words, clauses[-1]))
    if len(words) < 4:
        return []
    speaker = speaker_from_token(subject, cast, verb.idx)
    if speaker is None:
        return []
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    if any(c.dep_ == "neg" for c in verb.children):  # "does not deny that X": keeps its polarity, never asserts X
        first = min((c for c in verb.children if c.dep_ == "neg" or (c.dep_ == "aux" and c.i < verb.i)),
                    key=lambda t: t.i)
        return [Quote(first.idx, end, speaker, verb.doc[first.i: verb.i + 1].text, "indirect", 0.6)]
    return [Quote(start, end, speaker, verb.text, "indirect", 0.7)]


DIRECTIVES = {"urge", "ask", "advise", "tell", "encourage", "implore", "warn", "invite"}
NAMING = {"call", "describe", "label", "brand", "dub", "term"}


def _object_clause(verb, cast: Cast) -> list[Quote]:
    """What a verb with no reported clause still reports: a directive ("urged parents to report
    any camera they find") or a naming ("called the scheme a betrayal", "described the tool as a
    stopwatch"); the speaker is the verb's subject."""
    lemma, subject = verb.lemma_.lower(), _subject(verb)
    if subject is None or subject.dep_ != "nsubj":
        return []
    words: list = []
    if lemma in DIRECTIVES:
        told = next((c for c in verb.children if c.dep_ == "xcomp" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)), None)
        if told is not None:
            target = next((c for c in verb.children if c.dep_ == "dobj"), told)
            words = list(verb.doc[min(target.left_edge.i, told.left_edge.i): told.right_edge.i + 1])
    elif lemma in NAMING:
        named = next((c for c in verb.children if c.dep_ == "oprd"), None) or next(
            (p for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"),
            None)
        words = list(named.subtree) if named is not None else []
    words = _trim(words)
    speaker = speaker_from_token(subject, cast, verb.idx) if len(words) >= 3 else None
    if speaker is None:
        return []
    return [Quote(words[0].idx, words[-1].idx + len(words[-1].text), speaker, verb.text, "indirect", 0.6)]


def _complements(verb) -> list:
    """The clauses a reporting verb reports, in order: the one before it ('"...," he said, eyes
    welling up' reports what comes first), else all those after it ("says staff slept badly,
    skipped breaks and ..." is parsed as three). A dateline the parser hung on the verb ("LONDON —
    Malik says ...") is no clause."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    before = [c for c in clauses if c.i < verb.i and sum(1 for _ in c.subtree) >= 4]
    after = [c for c in clauses if c.i > verb.i]
    if not clauses:  # "told the programme that the scheme ...", parsed as a clause of "programme"
        after = [a for o in verb.children if o.dep_ in ("dobj", "dative") for a in o.children
                 if a.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in a.children)][:1]
    return before[:1] or after


def _without_journalist_clause(words: list, clause) -> list:
    """Drop a trailing "even though / although / while ..." clause of the reported clause."""
    for token in clause.subtree:
        if token.dep_ == "advcl" and token.i > clause.i and any(
                c.dep_ == "mark" and c.lower_ in JOURNALIST_MARKS for c in token.children):
            cut = token.left_edge.i
            if cut > 0 and token.doc[cut - 1].lower_ == "even":
                cut -= 1
            return [t for t in words if t.i < cut]
    return words


def _according_clause(token, cast: Cast) -> list[Quote]:
    speaker = _according_object(token, cast)
    if speaker is None:
        return []
    sent = token.sent
    phrase = _according_phrase(token)
    before = _trim([t for t in sent if t.i < phrase[0].i])
    after = _trim([t for t in sent if t.i > phrase[-1].i])
    words = after if len(after) >= len(before) else before
    if len(words) < 4:
        return []
    return [Quote(words[0].idx, words[-1].idx + len(words[-1].text), speaker, "according to", "indirect", 0.7)]


def _according_phrase(token) -> list:
    """"According to X, a Y at Z, <clause>": the parser may hang the clause's subject on the
    appositive ("..., Z, employers that cannot justify it face fines"); the phrase ends at its
    second comma."""
    phrase = list(token.subtree)
    commas = [i for i, t in enumerate(phrase) if t.text == ","]
    return phrase[:commas[1]] if len(commas) >= 2 else phrase


def _trim(words):
    while words and (words[0].is_punct or words[0].is_space):
        words = words[1:]
    while words and (words[-1].is_punct or words[-1].is_space) and words[-1].text not in ('"', "”"):
        words = words[:-1]
    return words


def _overlaps(quote: Quote, spans: list[tuple[int, int]]) -> bool:
    """Whether over half of *quote* lies in one of the sorted, disjoint *spans*."""
    size = max(quote.end - quote.start, 1)
    i = bisect_right(spans, (quote.start, float("inf"))) - 1
    return any(min(quote.end, e) - max(quote.start, s) > 0.5 * size
               for s, e in spans[max(i, 0): i + 3])


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    kept: list[Quote] = []
    for quote in quotes:  # sorted by start: only the last kept quote can overlap
        if not kept or not _overlaps(quote, [(kept[-1].start, kept[-1].end)]):
            kept.append(quote)
    return kept
