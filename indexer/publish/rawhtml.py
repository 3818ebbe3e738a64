"""A Markdown extension that passes our finished HTML through untouched and unparsed.

Generated pages are Markdown headings around blocks of HTML that Jinja2 has already escaped.
python-markdown would feed every such block through its HTML parser (md_in_html), which was
three quarters of `mkdocs build` on a knowledge base (0.14 s per article page). Blocks between
RAW_OPEN and RAW_CLOSE go straight into the HTML stash instead. Article text cannot forge a
marker: it reaches the page HTML-escaped, so it has no "<!--".

mkdocs.yml lists it as `indexer.publish.rawhtml`; without it the blocks are parsed as before.
"""

from __future__ import annotations

import re

from markdown import Extension
from markdown.preprocessors import Preprocessor

RAW_OPEN = "<!--agora:raw-->"
RAW_CLOSE = "<!--/agora:raw-->"
_MARKERS = re.compile(re.escape(RAW_OPEN) + "|" + re.escape(RAW_CLOSE))


class RawBlocks(Preprocessor):
    """Each outermost RAW_OPEN ... RAW_CLOSE region becomes one stashed block (markers nested
    inside it, a unit card within an issue's column, are dropped)."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if RAW_OPEN not in text:
            return lines
        out, depth, start, pos = [], 0, 0, 0
        for marker in _MARKERS.finditer(text):
            if marker.group() == RAW_OPEN:
                if depth == 0:
                    out.append(text[pos:marker.start()])
                    start = marker.end()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    block = _MARKERS.sub("", text[start:marker.start()])
                    out.append(f"\n\n{self.md.htmlStash.store(block)}\n\n")
                    pos = marker.end()
        out.append(text[pos:] if depth == 0 else text[start:])
        return "".join(out).split("\n")


class RawHtmlExtension(Extension):
    def extendMarkdown(self, md) -> None:  # noqa: N802 (python-markdown's name)
        # after whitespace normalisation (30), which strips the stash's control characters
        # from the source, and before the HTML block parser (20)
        md.preprocessors.register(RawBlocks(md), "agora_raw", 25)


def makeExtension(**kwargs) -> RawHtmlExtension:  # noqa: N802 (python-markdown's entry point)
    return RawHtmlExtension(**kwargs)


def raw(html: str):
    """A Jinja2 filter: mark a finished block of HTML to be passed through."""
    from markupsafe import Markup

    return Markup(f"\n{RAW_OPEN}{html}{RAW_CLOSE}\n")
