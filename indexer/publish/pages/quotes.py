"""Quotes by speaker."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ..context import SiteContext
from ..render import header, md_text, render, unit_card


def pages(ctx: SiteContext) -> dict[str, str]:
    by_speaker = defaultdict(list)
    for u in ctx.units:
        if u.kind == "quote" and u.speaker:
            by_speaker[u.speaker].append(u)
    speakers = [(Markup(md_text(s)), by_speaker[s]) for s in sorted(by_speaker, key=str.lower)]
    top = header("Quotes by speaker", "corpus/units/", ["quote"], searchable=False)  # every card is excluded anyway
    return {"quotes.md": render("quotes.md.j2", header=top,
                                speakers=speakers, unit=lambda u: unit_card(ctx, u, "../"))}
