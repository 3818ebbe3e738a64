"""One page per stakeholder (what they say, what is said about them) and the stakeholder index."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator
from functools import partial

from ...model.units import Unit
from ...model.vocab import STANCES
from ..context import SiteContext
from ..page import Page, basis
from ..render import card_parts, header, render, unit_card

SHOWN = 100  # newest units shown in each list; the page counts them all


def pages(ctx: SiteContext) -> Iterator[Page]:
    said, about = ctx.by_stakeholder
    rows = ctx.paged_rows
    for sid, name, _, _ in rows:
        values = summary(ctx, sid, name)
        shown = {"said": ctx.newest(said[sid])[:SHOWN], "about": ctx.newest(about[sid])[:SHOWN]}
        yield Page(f"stakeholders/{sid}.md", partial(stakeholder_page, ctx, shown, **values),
                   basis(values, [card_parts(ctx, u) for k in shown for u in shown[k]]))
    yield Page("stakeholders/index.md", partial(
        render, "stakeholders_index.md.j2", header=header("Stakeholders", "corpus/units/", searchable=False), rows=rows,
        unpaged=len(ctx.stakeholder_rows) - len(rows), least=ctx.kb.settings.stakeholder_page_min))


def summary(ctx: SiteContext, sid: str, name: str) -> dict:
    """The name, other names, units said and about, and the balance of their stances."""
    said, about = (units[sid] for units in ctx.by_stakeholder)
    entry = ctx.registry.entries.get(sid)
    balance = Counter(u.stance for u in said + about)
    return dict(name=name, aliases=entry.aliases[:12] if entry else [], balance={k: balance.get(k, 0) for k in STANCES},
                totals={"said": len(said), "about": len(about)})


def search_entries(ctx: SiteContext) -> list[dict]:
    """The browser search's entry for each stakeholder page: its name, other names and counts
    (mkdocs' search plugin would parse each page whole to find them)."""
    return [{"location": f"stakeholders/{sid}/", "title": html.escape(name), "tags": ["stakeholder"],
             "text": render("stakeholder_summary.html.j2", **summary(ctx, sid, name))}
            for sid, name, _, _ in ctx.paged_rows]


def stakeholder_page(ctx: SiteContext, shown: dict[str, list[Unit]], *, name: str, **values) -> str:
    top = header(name, "corpus/units/ and corpus/stakeholders.yml", ["stakeholder"], searchable=False)
    return render("stakeholder.md.j2", header=top, name=name, name_md=name, said=shown["said"],
                  about=shown["about"], **values, unit=lambda u: unit_card(ctx, u, "../../"))
