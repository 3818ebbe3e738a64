"""Issues (debates): the analyst's corpus/issues/<slug>.yml, and the machine's proposals.

A curated issue is a file. A proposed issue is found by discovery at index time and kept in
.agora/proposed-issues.json (derived, rebuilt from the corpus). Whatever the analyst does to a
proposal (accept, rename, merge, split) writes it as a curated file; removing an issue leaves
a file with `status: dismissed`, so discovery never proposes those articles again.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, field_validator

from ..atomic import atomic_write_text
from ..slugs import is_valid_slug
from .files import Strict, read_yaml, validate, yaml_dumper
from .kb import KnowledgeBase
from .vocab import Stance

PROPOSALS = "proposed-issues.json"


class IssueFile(Strict):
    """What the analyst writes in corpus/issues/<slug>.yml."""

    question: str
    title: str = ""
    description: str = ""
    aliases: list[str] = []
    articles: list[str] = []  # pinned by the analyst
    removed: list[str] = []  # never assigned automatically
    stances: dict[str, Stance] = {}  # unit id -> the analyst's side toward this question, for this issue only
    status: Literal["curated", "dismissed"] = "curated"

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
    status: Literal["curated", "proposed", "dismissed"] = "curated"

    def model_post_init(self, _context) -> None:
        self.title = self.title or self.slug

    @property
    def search_text(self) -> str:
        """What an issue is matched by: its question, title, aliases and description."""
        return " ".join([self.question, self.title, *self.aliases, self.description])

    @property
    def proposed(self) -> bool:
        return self.status == "proposed"


class Proposals(BaseModel):
    """The last discovery: its proposals, and what its last full pass grouped (new articles since
    join the proposals they are near; too many new ones, or other settings, mean a full pass)."""

    issues: list[Issue] = []
    discovered: list[str] = []  # the articles of the last full pass
    basis: str = ""  # the settings of the last full pass


def issue_files(kb: KnowledgeBase) -> list[Issue]:
    """Every file in corpus/issues/, dismissed ones included."""
    issues = []
    for path in sorted(kb.issues_dir.glob("*.yml")):
        if is_valid_slug(path.stem):
            data = validate(IssueFile, read_yaml(path) or {}, path)
            issues.append(Issue(slug=path.stem, **data.model_dump()))
    return issues


def load_proposals(kb: KnowledgeBase) -> list[Issue]:
    """The last discovery's proposals; none when unreadable (`agora index` rebuilds them)."""
    return load_discovery(kb).issues


def load_discovery(kb: KnowledgeBase) -> Proposals:
    try:
        return Proposals.model_validate_json((kb.state_dir / PROPOSALS).read_bytes())
    except (OSError, ValueError):
        return Proposals()


def save_proposals(kb: KnowledgeBase, found: Proposals) -> None:
    atomic_write_text(kb.state_dir / PROPOSALS, found.model_dump_json(indent=1))


def load_issues(kb: KnowledgeBase, proposed: bool = True) -> list[Issue]:
    """The live issues: curated files, then the proposals whose slug no file has taken."""
    files = issue_files(kb)
    taken = {i.slug for i in files}
    live = [i for i in files if i.status == "curated"]
    return live + [i for i in load_proposals(kb) if i.slug not in taken] if proposed else live


def save_issue(kb: KnowledgeBase, issue: Issue) -> None:
    """Write the issue as the analyst's file (a proposal becomes curated unless dismissed)."""
    import yaml

    status = "dismissed" if issue.status == "dismissed" else "curated"
    data = {"title": issue.title, "question": issue.question, "description": issue.description,
            "aliases": issue.aliases, "articles": issue.articles, "removed": issue.removed,
            "stances": dict(sorted(issue.stances.items())), "status": status}
    data = {k: v for k, v in data.items() if v or k == "question"}
    if status == "curated":
        data.pop("status")
    kb.issues_dir.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=yaml_dumper(), sort_keys=False, allow_unicode=True, width=100)
    atomic_write_text(kb.issues_dir / f"{issue.slug}.yml", text)
