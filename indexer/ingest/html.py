"""HTML pages -> drafts, with trafilatura (main text, title, byline, date, site)."""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from .draft import Draft

TRAFILATURA_MAX_CHARS = 2_000_000  # above this (after dropping scripts and styles) trafilatura's time grows
# faster than the page; such pages are read by a linear pass over their block elements instead.
_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "figcaption")
_FURNITURE = ("nav", "header", "footer", "aside", "form", "menu", "button", "select")
_HTML_RE = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|p|div|article|main|title|h1|br)\b", re.I)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_RE.search(text[:20_000]))


def parse_html(html: str, source: str, url: str = "") -> Draft:
    if not looks_like_html(html):
        raise InputError(source, "does not look like HTML (no HTML tags); save it as .txt to add it as text")
    import trafilatura

    if len(html) > TRAFILATURA_MAX_CHARS:
        html = _without_code(html, source)
        if len(html) > TRAFILATURA_MAX_CHARS:
            return _large_page(html, source, url)
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


def _tree(html: str, source: str):
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    except (ValueError, etree.ParserError) as exc:
        raise InputError(source, f"cannot parse the page ({exc.__class__.__name__})") from None


def _without_code(html: str, source: str) -> str:
    """The page without scripts, styles, SVG and comments: what inflates a page but holds no text."""
    import lxml.html
    from lxml import etree

    tree = _tree(html, source)
    etree.strip_elements(tree, "script", "style", "noscript", "svg", "template", "iframe", etree.Comment,
                         with_tail=False)
    return lxml.html.tostring(tree, encoding="unicode")


def _large_page(html: str, source: str, url: str) -> Draft:
    """A linear read of a very large page: the text of its block elements in document order,
    outside navigation, headers, footers and forms; title from <title> or the first <h1>."""
    tree = _tree(html, source)
    for element in list(tree.iter(*_FURNITURE)):
        if element.getparent() is not None:
            element.drop_tree()
    paragraphs = []
    for element in tree.iter(*_BLOCKS):
        if any(a.tag in _BLOCKS for a in element.iterancestors()):
            continue  # its text is in the enclosing block already
        text = " ".join(element.text_content().split())
        if text:
            paragraphs.append(text)
    if not paragraphs:
        raise InputError(source, "no article text found in the page")
    titles = tree.xpath("//title/text()") or tree.xpath("//h1//text()")
    return Draft(text="\n\n".join(paragraphs), title=" ".join(" ".join(titles[:1]).split()), url=url)
