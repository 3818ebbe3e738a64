"""PDF (pypdf) and Word .docx (python-docx) -> drafts: text in reading order, metadata from
the file's properties, page headers, footers and page numbers removed."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date, datetime

from ..errors import InputError
from .draft import Draft

_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)
_SENTENCE_END_RE = re.compile(r"[.!?:;\"”’)\]]$")
EDGE_LINES = 2  # lines at the top and bottom of a page that may be running headers or footers


def parse_pdf(data: bytes, source: str) -> Draft:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(source, "the PDF is encrypted")
        pages = [_page_lines(page) for page in reader.pages]
        meta = reader.metadata or {}
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file; each is one line here
        raise InputError(source, f"not a readable PDF ({exc.__class__.__name__})") from None
    text = "\n\n".join(_paragraphs(lines) for lines in _without_running_lines(pages))
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text.strip():
        raise InputError(source, "the PDF has no text layer (a scan needs OCR first)")
    return Draft(text=text, title=_meta(meta, "/Title"), authors=_names(_meta(meta, "/Author")),
                 published=_pdf_date(_meta(meta, "/CreationDate")))


def _meta(meta, key: str) -> str:
    value = meta.get(key)
    return str(value).strip() if value else ""


def _page_lines(page) -> list[tuple[float, str]]:
    """(height on the page, text) per line, in reading order, from pypdf's text runs."""
    lines: list[list] = []

    def visit(text, cm, tm, _font, _size) -> None:
        y = tm[5] * cm[3] + cm[5]
        for i, piece in enumerate(text.split("\n")):
            if i or not lines or (piece.strip() and abs(lines[-1][0] - y) > 1 and lines[-1][1].strip()):
                lines.append([y, ""])
            if piece:
                if not lines[-1][1]:
                    lines[-1][0] = y
                lines[-1][1] += piece

    page.extract_text(visitor_text=visit)
    return [(y, text) for y, text in lines if text.strip()]


def _without_running_lines(pages: list[list[tuple[float, str]]]) -> list[list[tuple[float, str]]]:
    """Drop page numbers, and lines at a page's top or bottom that recur on most pages
    (digits ignored, so 'Report 2026 - page 3' counts as the same line on every page)."""
    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.strip().lower())

    width = max((len(t) for lines in pages for _, t in lines), default=0)
    edges = Counter(key(t) for lines in pages for t in {*_edge(lines)} if len(t) < 0.7 * width)
    running = {k for k, n in edges.items() if len(pages) >= 2 and n >= max(2, (len(pages) + 1) // 2)}
    out = []
    for lines in pages:
        edge = set(_edge(lines))
        out.append([(y, t) for y, t in lines if not _PAGE_NUMBER_RE.match(t)
                    and not (t in edge and key(t) in running)])
    return out


def _edge(lines: list[tuple[float, str]]) -> list[str]:
    texts = [t for _, t in lines]
    return texts[:EDGE_LINES] + texts[-EDGE_LINES:]


def _paragraphs(lines: list[tuple[float, str]]) -> str:
    """Re-join a page's lines into paragraphs: a gap wider than the usual line spacing, or a
    short line that ends a sentence, closes one; a word hyphenated across lines is rejoined."""
    gaps = sorted(abs(a[0] - b[0]) for a, b in zip(lines, lines[1:], strict=False) if abs(a[0] - b[0]) > 1)
    spacing = gaps[len(gaps) // 4] if gaps else 0  # the usual line spacing: paragraph gaps are the wider ones
    width = max((len(t) for _, t in lines), default=0)
    paragraphs, current, previous_y = [], "", None
    for y, raw in lines:
        line = raw.strip()
        if current and previous_y is not None and spacing and abs(previous_y - y) > 1.3 * spacing:
            paragraphs.append(current)
            current = ""
        hyphenated = current.endswith("-") and line[:1].islower()
        current = current[:-1] + line if hyphenated else f"{current} {line}".strip()
        if _SENTENCE_END_RE.search(line) and len(raw.rstrip()) < 0.5 * width:
            paragraphs.append(current)
            current = ""
        previous_y = y
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)


def _pdf_date(value: str) -> date | None:
    """PDF dates look like D:20261003142500+02'00'."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value)
    try:
        return date(*map(int, match.groups())) if match else None
    except ValueError:
        return None


def parse_docx(data: bytes, source: str) -> Draft:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged zip or XML: one line, like every bad input
        raise InputError(source, f"not a readable Word .docx file ({exc.__class__.__name__})") from None
    title, paragraphs = "", []
    for block in _blocks(document):
        text = block["text"].strip()
        if not text:
            continue
        if not title and block["style"] in ("Title", "Heading 1"):
            title = text
            continue
        paragraphs.append(text)
    props = document.core_properties
    return Draft(text="\n\n".join(paragraphs), title=(props.title or title or "").strip(),
                 authors=_names(props.author or ""), published=_as_date(props.created))


def _blocks(document) -> list[dict]:
    """Body paragraphs and table rows in document order (headers and footers live elsewhere)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            out.append({"text": item.text, "style": item.style.name if item.style is not None else ""})
        elif isinstance(item, Table):
            for row in item.rows:
                cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
                out.append({"text": " | ".join(cells), "style": "Table"})
    return out


def _names(value: str) -> list[str]:
    return [n.strip() for n in re.split(r";|,|\band\b", value) if n.strip()]


def _as_date(value: datetime | None) -> date | None:
    return value.date() if isinstance(value, datetime) else None
