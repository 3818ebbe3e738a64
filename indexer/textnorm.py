"""Text normalisation and boilerplate removal shared by ingestion and extraction."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache
from importlib import resources

# C0/C1 controls except tab and newline; lone surrogates; BOM; bidi overrides that can
# disguise text (the embedding isolates are kept: they are legitimate in RTL text).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufeff\u202a-\u202e]")
_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS_RE = re.compile(r"\n{3,}")

MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_PATTERNS = [
    re.compile(rf"\b(?P<m>{MONTHS})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{MONTHS})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<mn>\d\d)-(?P<d>\d\d)\b"),
]
_READ_TIME = r"\d+\s*min(?:ute)?s?\s+read|\d[\d,.]*k?\s+views?"


def normalize_text(text: str) -> str:
    """NFC, no control characters or lone surrogates, tidy whitespace and blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", _CONTROL_RE.sub("", text))
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANKS_RE.sub("\n\n", "\n".join(lines)).strip()


@lru_cache(maxsize=1)
def _boilerplate_re() -> re.Pattern[str]:
    import yaml

    data = yaml.safe_load(resources.files("indexer.data").joinpath("boilerplate.yml").read_text())
    alternatives = "|".join(f"(?:{p})" for p in data["lines"])
    return re.compile(rf"^\s*(?:{alternatives})\s*$", re.I)


def parse_date(text: str) -> date | None:
    """The first calendar date written in *text* (several common news formats)."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            try:
                return _to_date(match)
            except ValueError:
                continue
    return None


def _to_date(match: re.Match[str]) -> date:
    parts = match.groupdict()
    month = int(parts["mn"]) if parts.get("mn") else _month_number(parts["m"])
    return date(int(parts["y"]), month, int(parts["d"]))


def _month_number(name: str) -> int:
    names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    return names.index(name[:3].lower()) + 1


def is_date_line(line: str) -> bool:
    """A line made only of a date, a read time and a view count (dateline furniture)."""
    rest = line
    for pattern in _DATE_PATTERNS:
        rest = pattern.sub(" ", rest)
    rest = re.sub(_READ_TIME, " ", rest, flags=re.I)
    rest = re.sub(r"(?:updated|published|posted)\s*:?", " ", rest, flags=re.I)
    rest = re.sub(r"\b\d{1,2}[:.]\d\d\s*(?:am|pm|[a-z]{2,4})?\b", " ", rest, flags=re.I)
    return rest != line and not re.sub(r"[\s|·•,\-–—:]+", "", rest)


def is_boilerplate(line: str) -> bool:
    stripped = line.strip()
    if not stripped:
        return False
    return bool(_boilerplate_re().match(stripped)) or is_date_line(stripped)


def strip_boilerplate(text: str) -> str:
    """Drop furniture lines and glued trailing 'Advertisement' from a normalised text."""
    kept = []
    for line in text.split("\n"):
        line = re.sub(r"(?<=[.!?\"”’])\s*Advertisement$", "", line)
        if not is_boilerplate(line):
            kept.append(line)
    return _BLANKS_RE.sub("\n\n", "\n".join(kept)).strip()


def coerce_date(value: object) -> date | None:
    """A date from YAML (date, datetime or ISO string); ValueError if it is none of those."""
    from datetime import datetime

    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:\n][\"'“‘]?)\s*$")  # the few characters before a word


def truecase(title: str, body: str) -> str:
    """A headline in Title Case as it would read inside one of its article's sentences: "City
    Council Passes Audit Rule for AI Hiring Tools" -> "city council passes audit rule for AI
    hiring tools". A word keeps its capital when the body writes it with a neighbour of the
    headline ("Northgate Bank") or capitalised inside a sentence and never in lower case (a
    name); acronyms stay; a headline in sentence case is left as it is."""
    words = [w.group() for w in _WORD_RE.finditer(title)]
    long = [w for w in words[1:] if len(w) > 3 and not w.isupper()]  # "for", "of", "AI" are no sign
    if len(long) < 2 or sum(w[0].isupper() for w in long) < 0.75 * len(long):
        return title
    lower, named = set(), set()
    for w in _WORD_RE.finditer(body):
        if w.group().islower():
            lower.add(w.group())
        elif w.group()[0].isupper() and not _SENTENCE_START_RE.search(body[max(0, w.start() - 4): w.start()]):
            named.add(w.group())
    kept = set()
    for i, word in enumerate(words):
        pairs = [f"{words[i - 1]} {word}"] if i else []
        pairs += [f"{word} {words[i + 1]}"] if i + 1 < len(words) else []
        if word.isupper() or any(p in body for p in pairs) or (word in named and word.lower() not in lower):
            kept.add(i)
    pieces = iter(range(len(words)))
    return _WORD_RE.sub(lambda m: m.group() if next(pieces) in kept else m.group().lower(), title)
