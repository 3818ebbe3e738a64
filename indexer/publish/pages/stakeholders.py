"""One page per stakeholder (what they say, what is said about them) and the stakeholder index."""

from __future__ import annotations

from collections import Counter

from ...model.vocab import STANCES
from ..context import SiteContext
from ..render import header, render, unit_card


def pages(ctx: SiteContext) -> dict[str, str]:
    said, about = ctx.by_stakeholder
    out = {}
    rows = ctx.paged_rows
    for sid, name, _, _ in rows:
        entry = ctx.registry.entries.get(sid)
        balance = Counter(u.stance for u in said[sid] + about[sid])
        out[f"stakeholders/{sid}.md"] = render(
            "stakeholder.md.j2", header=header(name, "corpus/units/ and corpus/stakeholders.yml", ["stakeholder"]),
            name=name, name_md=name, aliases=entry.aliases[:12] if entry else [], said=said[sid],
            about=about[sid], balance={k: balance.get(k, 0) for k in STANCES},
            unit=lambda u: unit_card(ctx, u, "../../"))
    out["stakeholders/index.md"] = render("stakeholders_index.md.j2", header=header("Stakeholders", "corpus/units/"),
                                          rows=rows, unpaged=len(ctx.stakeholder_rows) - len(rows),
                                          least=ctx.kb.settings.stakeholder_page_min)
    return out
