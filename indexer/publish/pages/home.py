"""The home page: counts, issues, latest articles, top stakeholders and two charts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial

from markupsafe import Markup

from ...model.units import monthly_sides
from ...model.vocab import KIND_LABELS, count
from ..charts import bar_list, trend_chart
from ..context import SiteContext
from ..page import Page
from ..render import header, render


def pages(ctx: SiteContext) -> Iterator[Page]:
    yield Page("index.md", partial(home, ctx))


def home(ctx: SiteContext) -> str:
    kinds = Counter(u.kind for u in ctx.units)
    top = ctx.paged_rows[:10]
    return render(
        "home.md.j2", header=header("Agora", "corpus/"), articles=len(ctx.articles), units=len(ctx.units),
        counts=" · ".join(count(kinds.get(k, 0), k) for k in KIND_LABELS),
        issues=ctx.issues, latest=sorted(ctx.articles.values(), key=lambda a: str(a.published or ""), reverse=True)[:8],
        people=top, mentions=Markup(bar_list([(n, s + a) for _, n, s, a in top[:8]])),
        over_time=Markup(trend_chart(monthly_sides(ctx.units, ctx.published))))
