"""Curated issues (debates): corpus/issues/<slug>.yml with a question and its articles."""

from __future__ import annotations

from pydantic import field_validator

from ..slugs import is_valid_slug
from .files import Strict, read_yaml, validate
from .kb import KnowledgeBase


class IssueFile(Strict):
    """What the analyst writes in corpus/issues/<slug>.yml."""

    question: str
    title: str = ""
    description: str = ""
    aliases: list[str] = []
    articles: list[str] = []  # pinned by the analyst
    removed: list[str] = []  # never assigned automatically

    @field_validator("title", "description", mode="before")
    @classmethod
    def _none_as_empty(cls, value: object) -> object:
        return "" if value is None else str(value)

    @field_validator("aliases", "articles", "removed", mode="before")
    @classmethod
    def _list_as_text(cls, value: object) -> object:
        return [] if value is None else [str(v) for v in value] if isinstance(value, list) else value


class Issue(IssueFile):
    slug: str

    def model_post_init(self, _context) -> None:
        self.title = self.title or self.slug

    @property
    def search_text(self) -> str:
        """What an issue is matched by: its question, title, aliases and description."""
        return " ".join([self.question, self.title, *self.aliases, self.description])


def load_issues(kb: KnowledgeBase) -> list[Issue]:
    issues = []
    for path in sorted(kb.issues_dir.glob("*.yml")):
        if is_valid_slug(path.stem):
            data = validate(IssueFile, read_yaml(path) or {}, path)
            issues.append(Issue(slug=path.stem, **data.model_dump()))
    return issues
