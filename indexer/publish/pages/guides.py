"""The discussion guides: each guide's page, teacher's printable guide and student handout; the index."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ...model.guides import list_guides
from ..context import SiteContext
from ..guides import render_texts
from ..page import Page
from ..render import header, render


def pages(ctx: SiteContext) -> Iterator[Page]:
    guides = list_guides(ctx.kb)
    for guide in guides:
        _, page, teacher, student = render_texts(ctx.kb, guide.slug, ctx)
        yield Page(f"guides/{guide.slug}.md", partial(str, page))
        yield Page(f"guides/{guide.slug}.print.html", partial(str, teacher))
        yield Page(f"guides/{guide.slug}.student.html", partial(str, student))
    yield Page("guides/index.md", partial(render, "guides_index.md.j2", guides=guides,
                                          header=header("Discussion guides", "corpus/guides/", ["guide"])))
