"""Quotes by speaker, most quoted first: each speaker's newest quotes, the rest on their page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial

from markupsafe import Markup

from ..context import SiteContext
from ..page import Page
from ..render import header, md_text, render, unit_card

SPEAKERS = 200  # speakers on the page; the rest are in the Ask page's search and the database
PER_SPEAKER = 3  # quotes shown per speaker


def pages(ctx: SiteContext) -> Iterator[Page]:
    yield Page("quotes.md", partial(quotes_page, ctx))


def quotes_page(ctx: SiteContext) -> str:
    by_speaker = defaultdict(list)
    for u in ctx.units:
        if u.kind == "quote" and u.speaker:
            by_speaker[u.speaker].append(u)
    ranked = sorted(by_speaker, key=lambda s: (-len(by_speaker[s]), s.lower()))[:SPEAKERS]
    speakers = [(s, Markup(md_text(s)), ctx.speaker_ids.get(s, ""), ctx.newest(by_speaker[s])[:PER_SPEAKER],
                 len(by_speaker[s])) for s in ranked]
    top = header("Quotes by speaker", "corpus/units/", ["quote"], searchable=False)  # every card is excluded anyway
    return render("quotes.md.j2", header=top, speakers=speakers, hidden=len(by_speaker) - len(ranked),
                  paged=ctx.paged, unit=lambda u: unit_card(ctx, u, "../"))
