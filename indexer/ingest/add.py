"""Ingestion: parse every input, then write the new articles under the KB lock.

Extraction is the next step (`indexer.add` runs both); ingestion never imports it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from ..errors import InputError
from ..model.articles import Article, Corpus
from ..model.kb import KnowledgeBase
from .decode import decode_bytes
from .draft import Draft, finish_draft
from .html import looks_like_html, parse_html
from .sidecar import FileMetadata, date_in_name
from .sources import Input, expand
from .text import parse_markdown, parse_text

Status = Literal["added", "unchanged", "failed"]
MIN_BODY_CHARS = 40


@dataclass
class Overrides:
    """Metadata given on the command line; wins over what the input says. *per_file* holds
    a folder's sidecar (`--metadata`): file name -> its own title, date, outlet, authors, url."""

    topics: list[str] = field(default_factory=list)
    source: str = ""
    published: date | None = None
    url: str = ""
    title: str = ""
    authors: list[str] = field(default_factory=list)
    per_file: dict[str, FileMetadata] = field(default_factory=dict)

    def for_input(self, label: str) -> Overrides:
        """These overrides with the sidecar's values for *label* filling what the command line left empty."""
        from pathlib import Path

        found = self.per_file.get(Path(label).name)
        if found is None:
            return self
        return Overrides(topics=self.topics, source=self.source or found.outlet, title=self.title or found.title,
                         published=self.published or found.date, url=self.url or found.url,
                         authors=self.authors or found.authors)


@dataclass
class AddResult:
    source: str
    status: Status
    slug: str = ""
    message: str = ""
    language: str = "en"


def add_sources(
    kb: KnowledgeBase,
    sources: Iterable[str],
    *,
    overrides: Overrides | None = None,
    on_result: Callable[[AddResult], None] | None = None,
    on_input: Callable[[int], None] | None = None,
) -> list[AddResult]:
    """Add articles from files, folders, URLs or '-' (stdin). Good inputs are added even
    when others fail; each failure is a result with a one-line message."""
    overrides = overrides or Overrides()
    settings = kb.settings
    results: list[AddResult] = []
    parsed: list[tuple[str, Article]] = []
    inputs, failures = _expand_all(sources, settings.max_input_bytes, settings.fetch_timeout)
    if on_input:
        on_input(len(inputs))
    results.extend(failures)
    for failure in failures:
        if on_result:
            on_result(failure)
    for item in inputs:
        try:
            parsed.append((item.label, _article_from(item, overrides)))
        except InputError as exc:
            results.append(AddResult(item.label, "failed", message=exc.reason))
        except (ValueError, LookupError, RecursionError, MemoryError) as exc:  # parser failures
            results.append(AddResult(item.label, "failed", message=f"cannot parse ({exc.__class__.__name__})"))
        else:
            continue
        if on_result:
            on_result(results[-1])
    results.extend(_write_new(kb, parsed, on_result=on_result))
    return results


def _expand_all(sources: Iterable[str], max_bytes: int, timeout: float) -> tuple[list[Input], list[AddResult]]:
    inputs, failures = [], []
    for source in sources:
        try:
            inputs.extend(expand(source, max_bytes=max_bytes, timeout=timeout))
        except InputError as exc:
            failures.append(AddResult(exc.source, "failed", message=exc.reason))
    return inputs, failures


def _article_from(item: Input, overrides: Overrides) -> Article:
    overrides = overrides.for_input(item.label)
    draft = parse_bytes(item.read(), item.label, item.kind, item.url, title=overrides.title.strip())
    return _to_article(draft, item, overrides)


def parse_bytes(data: bytes, label: str, kind: str, url: str = "", *, title: str = "") -> Draft:
    """Bytes of one input -> a finished draft (clean text and metadata). kind: text,
    markdown, html, pdf, docx or sniff. A given *title* replaces the detected one (and is the
    line dropped from the body if the text repeats it). Raises InputError with a one-line reason."""
    draft = _parse(data, label, kind, url)
    draft.title = title or draft.title
    return finish_draft(draft)


def _parse(data: bytes, label: str, kind: str, url: str) -> Draft:
    if kind in ("pdf", "docx"):
        from .documents import parse_docx, parse_pdf

        return (parse_pdf if kind == "pdf" else parse_docx)(data, label)
    text = decode_bytes(data, label, html=kind in ("html", "sniff"))
    if kind == "sniff":
        kind = "html" if looks_like_html(text) else "text"
    parser = {"html": parse_html, "markdown": parse_markdown, "text": parse_text}[kind]
    return parser(text, label, url)


def _to_article(draft: Draft, item: Input, overrides: Overrides) -> Article:
    from .language import detect_language

    if len(draft.text) < MIN_BODY_CHARS:
        raise InputError(item.label, "no article text left after removing page furniture")
    return Article(
        title=overrides.title.strip() or draft.title.strip() or item.label,
        body=draft.text,
        url=overrides.url or draft.url or item.url,
        source=overrides.source or draft.source,
        authors=overrides.authors or draft.authors,
        published=overrides.published or draft.published or date_in_name(item.label),
        topics=sorted(set(draft.topics) | set(overrides.topics)),
        language=detect_language(draft.text),
        input=item.label if item.label == "<stdin>" or item.url else _relative_label(item.label),
    )


def _relative_label(label: str) -> str:
    from pathlib import Path

    return Path(label).name


def _write_new(kb: KnowledgeBase, parsed: list[tuple[str, Article]], *,
               on_result: Callable[[AddResult], None] | None) -> list[AddResult]:
    corpus = Corpus(kb)
    results: list[AddResult] = []
    with kb.write_lock():
        known = corpus.hashes()
        for label, article in parsed:
            if article.sha256 in known:
                result = AddResult(label, "unchanged", known[article.sha256], "already in the corpus")
            else:
                corpus.save(article)
                known[article.sha256] = article.slug
                result = AddResult(label, "added", article.slug, article.title, article.language)
            results.append(result)
            if on_result:
                on_result(result)
    return results


