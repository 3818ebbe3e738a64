"""The discussion guides: each guide's page and printable file, and the guide index."""

from __future__ import annotations

from ...model.guides import list_guides
from ..context import SiteContext
from ..guides import render_texts
from ..render import header, render


def pages(ctx: SiteContext) -> dict[str, str]:
    guides = list_guides(ctx.kb)
    out = {}
    for guide in guides:
        _, page, printable = render_texts(ctx.kb, guide.slug)
        out[f"guides/{guide.slug}.md"] = page
        out[f"guides/{guide.slug}.print.html"] = printable
    out["guides/index.md"] = render("guides_index.md.j2", header=header("Discussion guides", "corpus/guides/",
                                                                        ["guide"]), guides=guides)
    return out
