"""One page per issue (key points, blindspots, trend, the two-column debate) and the issue index."""

from __future__ import annotations

from collections import Counter, defaultdict

from markupsafe import Markup

from ...index.crossref import IssueResult
from ...model.issues import Issue
from ...model.units import Unit
from ...model.vocab import ARGUED_KINDS, SIDES
from ..charts import stance_bar, trend_chart
from ..context import SiteContext
from ..render import header, render, unit_card


def pages(ctx: SiteContext) -> dict[str, str]:
    out = {}
    for issue in ctx.issues:
        slugs = ctx.issue_articles(issue)
        units = [u for u in ctx.issue_units(issue) if u.article in ctx.articles]
        out[f"issues/{issue.slug}.md"] = issue_page(ctx, issue, units, slugs)
    out["issues/index.md"] = render("issues_index.md.j2", header=header("Issues", "corpus/issues/"),
                                    issues=[_summary(ctx, i) for i in ctx.issues])
    return out


def _summary(ctx: SiteContext, issue: Issue) -> tuple[Issue, int, dict]:
    """(issue, articles, units per side and a bar of them) for the issues index: the same
    counts as the issue's own page, `agora issues` and the database."""
    counts = Counter(u.stance for u in ctx.issue_units(issue))
    sides = {side: counts.get(side, 0) for side in (*SIDES, "neutral")}
    bar = Markup(stance_bar(sides["for"], sides["against"], sides["neutral"]))
    return issue, len(ctx.issue_articles(issue)), {**sides, "bar": bar}


def issue_page(ctx: SiteContext, issue: Issue, units: list[Unit], slugs: list[str]) -> str:
    counts = Counter(u.stance for u in units)
    found = ctx.crossref.issues.get(issue.slug, IssueResult())
    keypoints = {side: [(ctx.by_id[k.representative], ctx.units_by_id(k.units), k)
                        for k in found.keypoints.get(side, []) if k.representative in ctx.by_id] for side in SIDES}
    grouped = {uid for side in SIDES for k in found.keypoints.get(side, []) for uid in k.units}
    others = {side: [u for u in units if u.stance == side and u.kind in ARGUED_KINDS and u.id not in grouped]
              for side in SIDES}
    blindspots = found.blindspots if issue.slug in ctx.crossref.issues else None
    source = ".agora/proposed-issues.json" if issue.proposed else f"corpus/issues/{issue.slug}.yml"
    return render(
        "issue.md.j2", keypoints=keypoints, others=others, blindspots=blindspots,
        trend=Markup(trend_chart(found.trends)) if found.trends else "", names=ctx.registry.name_of,
        header=header(issue.title, source, ["issue", *(["proposed"] if issue.proposed else [])]), issue=issue,
        chart=Markup(stance_bar(counts.get("for", 0), counts.get("against", 0), counts.get("neutral", 0))),
        pro=by_who(ctx, units, "for"), con=by_who(ctx, units, "against"),
        riskopp=[u for u in units if u.kind in ("risk", "opportunity")],
        articles=[ctx.articles[s] for s in slugs], base="../../", unit=lambda u: unit_card(ctx, u, "../../"))


def by_who(ctx: SiteContext, units: list[Unit], stance: str) -> list[tuple[str, list[Unit]]]:
    """The side's arguments grouped by who makes them, most prolific first."""
    groups = defaultdict(list)
    for u in units:
        if u.stance == stance and u.kind in ARGUED_KINDS:
            who = u.speaker or (ctx.registry.name_of(u.stakeholders[0].id) if u.stakeholders else "Reporting")
            groups[who].append(u)
    return sorted(groups.items(), key=lambda kv: -len(kv[1]))
