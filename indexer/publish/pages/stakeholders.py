"""One page per stakeholder (what they say, what is said about them) and the stakeholder index."""

from __future__ import annotations

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
        entry = ctx.registry.entries.get(sid)
        aliases = entry.aliases[:12] if entry else []
        balance = Counter(u.stance for u in said[sid] + about[sid])
        lists = {"said": ctx.newest(said[sid]), "about": ctx.newest(about[sid])}
        shown = {k: v[:SHOWN] for k, v in lists.items()}
        values = dict(name=name, aliases=aliases, balance={k: balance.get(k, 0) for k in STANCES},
                      totals={k: len(v) for k, v in lists.items()})
        yield Page(f"stakeholders/{sid}.md", partial(stakeholder_page, ctx, shown, **values),
                   basis(values, [card_parts(ctx, u) for k in shown for u in shown[k]]))
    yield Page("stakeholders/index.md", partial(
        render, "stakeholders_index.md.j2", header=header("Stakeholders", "corpus/units/", searchable=False), rows=rows,
        unpaged=len(ctx.stakeholder_rows) - len(rows), least=ctx.kb.settings.stakeholder_page_min))


def stakeholder_page(ctx: SiteContext, shown: dict[str, list[Unit]], *, name: str, **values) -> str:
    top = header(name, "corpus/units/ and corpus/stakeholders.yml", ["stakeholder"])
    return render("stakeholder.md.j2", header=top, name=name, name_md=name, said=shown["said"],
                  about=shown["about"], **values, unit=lambda u: unit_card(ctx, u, "../../"))
