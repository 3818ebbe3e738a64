"""mkdocs.yml for a knowledge base: material theme, no third-party requests."""

from __future__ import annotations

from ..atomic import atomic_write_text
from ..model.kb import KnowledgeBase

MKDOCS_YML = """\
site_name: {name}
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false            # no Google Fonts: the site makes no third-party requests
  features:
    - navigation.tabs
    - navigation.sections
    - navigation.top
    - navigation.indexes
    - search.highlight
    - content.tooltips
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: indigo
      toggle: {{icon: material/weather-night, name: Dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: indigo
      toggle: {{icon: material/weather-sunny, name: Light mode}}
# An explicit, small nav keeps `mkdocs build` linear in the number of pages; the
# section index pages list everything else.
nav:
  - Home: index.md
  - Issues: issues/index.md
  - Articles: articles/index.md
  - Stakeholders: stakeholders/index.md
  - Quotes: quotes.md
  - Risks and opportunities: risks.md
  - Guides: guides/index.md
  - Ask: ask.md
validation:
  nav:
    omitted_files: ignore
plugins:
  - search
  - tags
markdown_extensions:
  - indexer.publish.rawhtml   # our finished HTML blocks pass through unparsed
  - attr_list
  - md_in_html
  - admonition
  - pymdownx.details
  - tables
  - toc:
      permalink: true
extra_css:
  - assets/agora.css
"""


def ensure_mkdocs_config(kb: KnowledgeBase) -> None:
    path = kb.root / "mkdocs.yml"
    if not path.exists():
        atomic_write_text(path, MKDOCS_YML.format(name="Agora knowledge base"))
