"""The page types of the site. Each module's `pages(ctx)` returns {path under docs/: text},
rendered from its templates; a new page type is a module here, its template and a line in PAGES."""

from __future__ import annotations

from . import articles, ask, guides, home, issues, quotes, risks, stakeholders

PAGES = (articles, stakeholders, issues, guides, quotes, risks, home, ask)
