"""A parsed input before it becomes an article: metadata found in it plus clean text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..textnorm import is_boilerplate, normalize_text, parse_date, strip_boilerplate

_BYLINE_RE = re.compile(r"^by\s+(?P<names>.+)$", re.I)
_NAME_RE = re.compile(r"^(?:Dr\.?\s+|Prof\.?\s+)?[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")
HEADER_LINES = 10
TITLE_WORDS = 12


@dataclass
class Draft:
    text: str
    title: str = ""
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    source: str = ""
    url: str = ""
    topics: list[str] = field(default_factory=list)


def finish_draft(draft: Draft) -> Draft:
    """Normalise text, drop furniture, take title/byline/date from the header lines."""
    lines = normalize_text(draft.text).split("\n")
    if not draft.title:
        draft.title = _first_line_title(lines)
    lines = _drop_title_lines(lines, draft.title)
    lines = _take_header_metadata(lines, draft)
    draft.text = strip_boilerplate("\n".join(lines))
    draft.title = normalize_text(draft.title).replace("\n", " ")[:300]
    return draft


def _first_line_title(lines: list[str]) -> str:
    """The first real line, if more text follows it; a text of one paragraph keeps its words
    as the body and is titled by its first words."""
    filled = [ln for ln in lines if ln.strip() and not is_boilerplate(ln)]
    if len(filled) > 1:
        return filled[0]
    words = filled[0].split() if filled else []
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")


def _drop_title_lines(lines: list[str], title: str) -> list[str]:
    """Remove repeats of the title among the first lines (pages often print it twice)."""
    key = _fold(title)
    head = [line for line in lines[:HEADER_LINES] if _fold(line) != key]
    return head + lines[HEADER_LINES:]


def _take_header_metadata(lines: list[str], draft: Draft) -> list[str]:
    kept: list[str] = []
    seen = 0
    for i, line in enumerate(lines):
        seen += bool(line.strip())
        if seen > HEADER_LINES:
            kept.extend(lines[i:])
            break
        if len(line.split()) > 14 or not _header_line(line, draft):
            kept.append(line)
        elif not draft.authors and kept and _byline_name(kept[-1]):
            draft.authors = [_byline_name(kept.pop())]  # "Name, Desk" above a dateline
    return kept


def _header_line(line: str, draft: Draft) -> bool:
    """Consume a byline/dateline into *draft*; True if the line was metadata."""
    found = parse_date(line)
    parts = [p.strip() for p in re.split(r"\s*[|·•—–]\s*", line) if p.strip()]
    rest = [p for p in parts if not parse_date(p) and not is_boilerplate(p)]
    names = [_byline_name(p) for p in rest]
    if found and all(names):
        draft.published = draft.published or found
        draft.authors = draft.authors or [n for n in names if n]
        return True
    if len(rest) == 1 and _BYLINE_RE.match(rest[0]) and names[0]:
        draft.authors = draft.authors or [names[0]]
        return True
    return False


def _byline_name(part: str) -> str:
    match = _BYLINE_RE.match(part)
    name = (match.group("names") if match else part).split(",")[0].strip()
    return name if _NAME_RE.match(name) else ""


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
