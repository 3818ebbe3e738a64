"""Long articles in pieces: whole paragraphs up to PIECE_CHARS each, so spaCy's memory stays
bounded and its time linear; units keep their offsets in the whole article."""

from __future__ import annotations

import re
from dataclasses import replace

from ..model.articles import Article
from ..model.units import Unit, unit_id

PIECE_CHARS = 20_000  # a long report is read as many news-article-sized pieces
_BREAK_RE = re.compile(r"(?<=[.!?])\s+")


def split_article(article: Article) -> list[tuple[int, Article]]:
    """(offset, piece) pairs; an article of normal length is one piece at offset 0."""
    body = article.body
    if len(body) <= PIECE_CHARS:
        return [(0, article)]
    out, start = [], 0
    while start < len(body):
        end = _cut(body, start)
        out.append((start, replace(article, body=body[start:end])))
        start = end
    return out


def _cut(body: str, start: int) -> int:
    """End of the piece starting at *start*: a paragraph break, else a sentence end, else a
    space before the limit (one 2 MB line still splits), and never a cut inside a word."""
    limit = start + PIECE_CHARS
    if limit >= len(body):
        return len(body)
    window = body[start:limit]
    for finder in (lambda w: w.rfind("\n\n") + 2, _sentence_end, lambda w: w.rfind(" ") + 1):
        cut = finder(window)
        if cut > PIECE_CHARS // 4:
            return start + cut
    return limit


def _sentence_end(window: str) -> int:
    ends = [m.end() for m in _BREAK_RE.finditer(window)]
    return ends[-1] if ends else 0


def join_units(pieces: list[tuple[int, list[Unit]]]) -> list[Unit]:
    """The pieces' units with offsets and ids in the whole article."""
    out = []
    for offset, units in pieces:
        for u in units:
            if offset:
                start, end = u.start + offset, u.end + offset
                u = u.model_copy(update={"start": start, "end": end, "id": unit_id(u.id.rsplit("-", 2)[0], start, end)})
            out.append(u)
    return out
