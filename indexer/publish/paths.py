"""Where generated pages live under docs/ (all paths come from validated slugs)."""

from __future__ import annotations

from pathlib import Path

from ..kb import KnowledgeBase
from ..slugs import path_in

GENERATED_DIRS = ("articles", "stakeholders", "issues", "quotes", "guides")


def article_page(kb: KnowledgeBase, slug: str) -> Path:
    return path_in(kb.docs_dir / "articles", slug, ".md")
