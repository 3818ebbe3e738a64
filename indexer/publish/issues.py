"""Curated issues (debates): corpus/issues/<slug>.yml with a question and its articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CorpusFileError
from ..kb import KnowledgeBase
from ..slugs import is_valid_slug


@dataclass
class Issue:
    slug: str
    title: str
    question: str
    description: str = ""
    aliases: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # pinned by the analyst
    removed: list[str] = field(default_factory=list)  # never assigned automatically


def load_issues(kb: KnowledgeBase) -> list[Issue]:
    import yaml

    issues = []
    for path in sorted(kb.issues_dir.glob("*.yml")):
        if not is_valid_slug(path.stem):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            raise CorpusFileError(str(path), "not valid YAML") from None
        if not isinstance(data, dict) or not isinstance(data.get("question"), str):
            raise CorpusFileError(str(path), "field 'question' is missing")
        unknown = set(data) - {"title", "question", "description", "aliases", "articles", "removed"}
        if unknown:
            raise CorpusFileError(str(path), f"unknown field {sorted(unknown)[0]!r}")
        issues.append(Issue(path.stem, str(data.get("title") or path.stem), data["question"],
                            str(data.get("description") or ""), list(data.get("aliases") or []),
                            [str(a) for a in data.get("articles") or []],
                            [str(a) for a in data.get("removed") or []]))
    return issues
