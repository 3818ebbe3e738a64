"""Articles: one Markdown file with YAML front matter per article in corpus/articles/."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import field_validator

from ..atomic import atomic_write_text
from ..errors import ArticleNotFound, CorpusFileError
from ..slugs import is_valid_slug, path_in, slugify, unique_slug
from ..textnorm import coerce_date
from .files import Strict, parse_yaml, validate
from .kb import KnowledgeBase
from .unit_cache import FrontMatterCache, digest, read_through

FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n?(.*)\Z", re.S)


def text_sha256(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass
class Article:
    title: str
    body: str
    slug: str = ""
    id: str = ""
    url: str = ""
    source: str = ""
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    added: str = ""
    language: str = "en"
    sha256: str = ""
    topics: list[str] = field(default_factory=list)
    input: str = ""

    def __post_init__(self) -> None:
        self.sha256 = self.sha256 or text_sha256(self.body)
        self.id = self.id or self.sha256[:12]

    def metadata(self) -> dict[str, object]:
        meta = asdict(self)
        del meta["body"]
        meta["published"] = self.published.isoformat() if self.published else ""
        return meta

    def to_markdown(self) -> str:
        import yaml

        header = yaml.safe_dump(self.metadata(), sort_keys=False, allow_unicode=True, width=1000)
        return f"---\n{header}---\n{self.body}\n"


class FrontMatter(Strict):
    """The YAML header of corpus/articles/<slug>.md, as an analyst may edit it."""

    title: str
    slug: str = ""  # written for readers of the file; the file name is what counts
    id: str = ""
    url: str = ""
    source: str = ""
    authors: list[str] = []
    published: date | None = None
    added: str = ""
    language: str = "en"
    sha256: str = ""
    topics: list[str] = []
    input: str = ""

    @field_validator("title")
    @classmethod
    def _title_not_empty(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("slug", "id", "url", "source", "added", "language", "sha256", "input", mode="before")
    @classmethod
    def _scalar_as_text(cls, value: object) -> object:
        return "" if value is None else value if isinstance(value, str | list | dict) else str(value)

    @field_validator("authors", "topics", mode="before")
    @classmethod
    def _none_as_empty(cls, value: object) -> object:
        return [] if value is None else value

    @field_validator("published", mode="before")
    @classmethod
    def _date(cls, value: object) -> date | None:
        try:
            return coerce_date(value)
        except ValueError:
            raise ValueError(f"not a date: {value!r}") from None


def parse_article(text: str, path: Path, cache: FrontMatterCache | None = None) -> Article:
    """The article in *text*; with a cache, its front matter is parsed only when it changed."""
    match = FRONT_MATTER_RE.match(text)
    if not match:
        raise CorpusFileError(str(path), "no YAML front matter (the file must start with ---)")
    key = digest(match.group(1).encode("utf-8")) if cache is not None else ""
    front = _cached_front(cache, path.stem, key)
    if front is None:
        meta = parse_yaml(match.group(1), path) or {}
        if not isinstance(meta, dict):
            raise CorpusFileError(str(path), "front matter must be a mapping")
        front = validate(FrontMatter, meta, path)
        if cache is not None:
            cache.put(path.stem, key, front.model_dump_json())
    return Article(body=match.group(2).strip("\n"), **{**front.model_dump(), "slug": path.stem})


def _cached_front(cache: FrontMatterCache | None, slug: str, key: str) -> FrontMatter | None:
    hit = cache.get(slug, key) if cache is not None else None
    try:
        return FrontMatter.model_validate_json(hit) if hit is not None else None
    except ValueError:
        return None  # written by another version of FrontMatter: parse the YAML again


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class Corpus:
    """Read and write the articles of one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def article_path(self, slug: str) -> Path:
        return path_in(self.kb.articles_dir, slug, ".md")

    def slugs(self) -> list[str]:
        if not self.kb.articles_dir.is_dir():
            return []
        return sorted(p.stem for p in self.kb.articles_dir.glob("*.md") if is_valid_slug(p.stem))

    def get(self, slug: str, cache: FrontMatterCache | None = None) -> Article:
        try:
            path = self.article_path(slug)
        except ValueError as exc:
            raise ArticleNotFound(str(exc)) from None
        if not path.exists():
            raise ArticleNotFound(f"no article {slug!r} in {self.kb.articles_dir} (see `agora list`)")
        return parse_article(path.read_text(encoding="utf-8"), path, cache)

    def find(self, ref: str) -> Article:
        """The article named by its slug, a unique start of its slug, or a start of its id
        (at least four characters, as `agora search` shows it)."""
        ref, slugs = ref.strip(), self.slugs()
        if ref in slugs:
            return self.get(ref)
        starts = [s for s in slugs if s.startswith(ref)] if ref else []
        if not starts and len(ref) >= 4:
            starts = [a.slug for a in self.articles(errors=[]) if a.id.startswith(ref)]
        if len(starts) == 1:
            return self.get(starts[0])
        if not starts:
            return self.get(ref)  # says why: an invalid slug, or no such article
        raise ArticleNotFound(f"{ref!r} names {len(starts)} articles ({', '.join(sorted(starts)[:3])}, ...): "
                              "give more of the slug")

    def articles(self, *, errors: list[CorpusFileError] | None = None) -> Iterator[Article]:
        """Every readable article (front matter through the parsed-files cache, unit_cache.py);
        unreadable ones go to *errors* (or raise)."""
        yield from read_through(FrontMatterCache(self.kb), self.slugs(), self.get, errors)

    def by_slug(self, *, errors: list[CorpusFileError] | None = None) -> dict[str, Article]:
        """Every readable article by slug; unreadable ones are skipped (or go to *errors*)."""
        return {a.slug: a for a in self.articles(errors=[] if errors is None else errors)}

    def hashes(self) -> dict[str, str]:
        """sha256 of the body -> slug, for every readable article."""
        return {a.sha256: a.slug for a in self.articles(errors=[])}

    def new_slug(self, title: str) -> str:
        return unique_slug(slugify(title), set(self.slugs()))

    def save(self, article: Article) -> Path:
        """Write atomically; the caller holds the KB write lock."""
        if not article.slug:
            article.slug = self.new_slug(article.title)
        article.added = article.added or now_iso()
        path = self.article_path(article.slug)
        atomic_write_text(path, article.to_markdown())
        return path

    def remove(self, slug: str) -> None:
        try:
            path = self.article_path(slug)
        except ValueError:
            raise ArticleNotFound(f"{slug!r} is not an article slug (see `agora list`)") from None
        if not path.exists():
            raise ArticleNotFound(f"no article {slug!r} in {self.kb.articles_dir} (see `agora list`)")
        path.unlink()
