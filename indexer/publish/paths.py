"""Where generated pages live under docs/ (all paths come from validated slugs)."""

from __future__ import annotations

from pathlib import Path

from ..model.kb import KnowledgeBase
from ..slugs import path_in

GENERATED_DIRS = ("articles", "archive", "stakeholders", "issues", "guides")


def docs_path(kb: KnowledgeBase, rel: str) -> Path:
    """docs/<folder>/<slug><suffix>; the slug is validated so nothing escapes docs/."""
    folder, _, name = rel.rpartition("/")
    slug, dot, suffix = name.partition(".")
    return path_in(kb.docs_dir / folder, slug, dot + suffix)


def article_page(kb: KnowledgeBase, slug: str) -> Path:
    return docs_path(kb, f"articles/{slug}.md")
