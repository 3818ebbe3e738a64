"""Plain text and Markdown -> drafts."""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..textnorm import coerce_date
from .draft import Draft

_FRONT_RE = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING_RE = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS_RE = re.compile(r"(\*\*|__)(.+?)\1")
_LIST_RE = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+", re.M)


def parse_text(text: str, source: str, url: str = "") -> Draft:
    return Draft(text=text, url=url)


def parse_markdown(text: str, source: str, url: str = "") -> Draft:
    meta, body = _split_front_matter(text, source)
    draft = Draft(text=_markdown_to_text(body), url=url)
    draft.title = str(meta.get("title") or _first_heading(body) or "")
    draft.source = str(meta.get("source") or "")
    draft.url = str(meta.get("url") or url)
    draft.authors = _str_list(meta.get("authors") or meta.get("author"))
    draft.topics = _str_list(meta.get("topics") or meta.get("tags"))
    draft.published = _meta_date(meta.get("published") or meta.get("date"), source)
    return draft


def _split_front_matter(text: str, source: str) -> tuple[dict, str]:
    match = _FRONT_RE.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        raise InputError(source, "front matter is not valid YAML") from None
    if not isinstance(meta, dict):
        raise InputError(source, "front matter must be a mapping of field: value")
    return meta, text[match.end():]


def _first_heading(body: str) -> str:
    match = _HEADING_RE.search(body)
    return match.group(1) if match else ""


def _markdown_to_text(body: str) -> str:
    body = _HEADING_RE.sub(r"\1", body)
    body = _LINK_RE.sub(r"\1", body)
    body = _EMPHASIS_RE.sub(r"\2", body)
    return _LIST_RE.sub("• ", body)


def _str_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


def _meta_date(value: object, source: str) -> date | None:
    try:
        return coerce_date(value)
    except ValueError:
        raise InputError(source, f"invalid date {value!r} in front matter (use YYYY-MM-DD)") from None
