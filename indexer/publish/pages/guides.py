"""The discussion guides: each guide's page, teacher's printable guide and student handout; the index."""

from __future__ import annotations

from ...model.guides import list_guides
from ..context import SiteContext
from ..guides import render_texts
from ..render import header, render


def pages(ctx: SiteContext) -> dict[str, str]:
    guides = list_guides(ctx.kb)
    out = {}
    for guide in guides:
        _, page, teacher, student = render_texts(ctx.kb, guide.slug, ctx)
        out[f"guides/{guide.slug}.md"] = page
        out[f"guides/{guide.slug}.print.html"] = teacher
        out[f"guides/{guide.slug}.student.html"] = student
    out["guides/index.md"] = render("guides_index.md.j2", header=header("Discussion guides", "corpus/guides/",
                                                                        ["guide"]), guides=guides)
    return out
