"""The Markdown extension that passes our finished HTML blocks through unparsed."""

from __future__ import annotations

import re

import markdown

from indexer.publish.rawhtml import raw

EXTENSIONS = ["attr_list", "md_in_html", "toc"]


def convert(text: str, *extra: str) -> str:
    return markdown.markdown(text, extensions=[*extra, *EXTENSIONS])


def squeeze(html: str) -> str:
    """The HTML without whitespace and without our markers (comments the parser leaves in)."""
    return "".join(re.sub(r"<!--/?agora:raw-->", "", html).split())


def test_blocks_come_out_as_the_html_parser_leaves_them():
    card = '<div class="agora-unit" id="u-1"><p>A <a href="../x/">claim</a> &amp; more</p></div>'
    page = f"## Claims\n\n{raw(card)}{raw(card)}\n## Text\n\n{raw('<div><p>body</p></div>')}"
    fast, parsed = convert(page, "indexer.publish.rawhtml"), convert(page)
    assert squeeze(fast) == squeeze(parsed) and 'id="claims"' in fast and fast.count("agora-unit") == 2


def test_a_card_inside_a_block_is_one_block():
    card = raw('<div class="agora-unit"><p>inner</p></div>')
    page = raw(f'<div class="agora-col"><h3>For</h3>{card}</div>')
    html = convert(page, "indexer.publish.rawhtml")
    assert "agora:raw" not in html and squeeze(html) == squeeze('<div class="agora-col"><h3>For</h3>'
                                                                 '<div class="agora-unit"><p>inner</p></div></div>')


def test_markdown_between_blocks_is_still_markdown():
    html = convert(f"{raw('<div>x</div>')}\n*emphasis* and `code`\n", "indexer.publish.rawhtml")
    assert "<em>emphasis</em>" in html and "<code>code</code>" in html


def test_an_unclosed_marker_loses_no_text():
    html = convert("<!--agora:raw--><div>kept</div>\n\nafter\n", "indexer.publish.rawhtml")
    assert "kept" in html and "after" in html
