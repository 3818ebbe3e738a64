"""HTML pages -> drafts, with trafilatura (main text, title, byline, date, site)."""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from .draft import Draft

_HTML_RE = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|p|div|article|main|title|h1|br)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_RE.search(text[:20_000]))


def parse_html(html: str, source: str, url: str = "") -> Draft:
    if not looks_like_html(html):
        raise InputError(source, "does not look like HTML (no HTML tags); save it as .txt to add it as text")
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError(source, "no article text found in the page")
    return Draft(
        text=_paragraphs(doc.text),
        title=doc.title or "",
        authors=_authors(doc.author),
        published=_date(doc.date),
        source=doc.sitename or "",
        url=url or doc.url or "",
    )


def _paragraphs(text: str) -> str:
    """trafilatura puts one paragraph per line; the corpus separates them by blank lines."""
    return "\n\n".join(line for line in text.split("\n") if line.strip())


def _authors(value: str | None) -> list[str]:
    if not value:
        return []
    return [a.strip() for a in re.split(r";|\band\b", value) if a.strip()]


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
