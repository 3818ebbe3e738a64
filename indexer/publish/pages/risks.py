"""Risks and opportunities, across all articles."""

from __future__ import annotations

from ..context import SiteContext
from ..render import header, render, unit_card


def pages(ctx: SiteContext) -> dict[str, str]:
    sections = [(label, [u for u in ctx.units if u.kind == kind])
                for kind, label in (("risk", "Risks"), ("opportunity", "Opportunities"))]
    return {"risks.md": render("risks.md.j2", header=header("Risks and opportunities", "corpus/units/",
                                                            ["risk", "opportunity"]),
                               sections=sections, unit=lambda u: unit_card(ctx, u, "../"))}
