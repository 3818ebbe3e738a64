"""Risks and opportunities across all articles: the newest of each, the rest searchable."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ..context import SiteContext
from ..page import Page
from ..render import header, render, unit_card

SHOWN = 100  # of each kind


def pages(ctx: SiteContext) -> Iterator[Page]:
    yield Page("risks.md", partial(risks_page, ctx))


def risks_page(ctx: SiteContext) -> str:
    sections = []
    for kind, label in (("risk", "Risks"), ("opportunity", "Opportunities")):
        units = ctx.newest([u for u in ctx.units if u.kind == kind])
        sections.append((label, kind, units[:SHOWN], len(units)))
    return render("risks.md.j2", header=header("Risks and opportunities", "corpus/units/", ["risk", "opportunity"]),
                  sections=sections, unit=lambda u: unit_card(ctx, u, "../"))
