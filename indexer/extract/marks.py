"""Find direct quotations by their quotation marks, across paragraphs when reopened.

A paragraph that ends inside a quotation continues it only when the next paragraph
reopens it with an opening mark (the news convention); otherwise the unclosed mark is
ignored rather than guessed at.
"""

from __future__ import annotations

import re

OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
MAX_QUOTE_CHARS = 4000
_PARAGRAPH_RE = re.compile(r"\n\s*\n")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quotation, marks included."""
    spans: list[tuple[int, int]] = []
    pending: int | None = None  # start of a quotation left open by the previous paragraph
    for start, end in _paragraphs(text):
        para = text[start:end]
        reopened = pending is not None and para[:1] in OPENING + STRAIGHT
        found, open_at = _scan(para, start, pending if reopened else None, skip_first=reopened)
        spans.extend(found)
        pending = open_at
    return [(s, e) for s, e in spans if e - s <= MAX_QUOTE_CHARS]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for match in _PARAGRAPH_RE.finditer(text):
        bounds.append((pos, match.start()))
        pos = match.end()
    bounds.append((pos, len(text)))
    return bounds


def _scan(para: str, offset: int, open_at: int | None, *, skip_first: bool) -> tuple[list, int | None]:
    spans = []
    for i, ch in enumerate(para):
        if skip_first and i == 0:
            continue
        pos = offset + i
        if ch in OPENING and open_at is None:
            open_at = pos
        elif ch in CLOSING and open_at is not None:
            spans.append((open_at, pos + 1))
            open_at = None
        elif ch == STRAIGHT:
            if open_at is None:
                open_at = pos
            else:
                spans.append((open_at, pos + 1))
                open_at = None
    return spans, open_at
