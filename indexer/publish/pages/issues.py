"""One page per issue (key points, blindspots, trend, the two-column debate) and the issue index."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import partial

from markupsafe import Markup

from ...index.results import IssueResult
from ...model.issues import Issue
from ...model.units import Unit
from ...model.vocab import ARGUED_KINDS, SIDES
from ..charts import stance_bar, trend_chart
from ..context import SiteContext
from ..page import Page, basis
from ..render import card_parts, header, heading, render, unit_card

KEYPOINTS = 25  # key points shown per side, the most often made first
MEMBERS = 10  # units shown under a key point
PER_SIDE = 100  # units in each column of the debate, and in each list of "other arguments"
LISTED = 100  # risks and opportunities, and articles


def pages(ctx: SiteContext) -> Iterator[Page]:
    for issue in ctx.issues:
        yield Page(f"issues/{issue.slug}.md", partial(issue_page, ctx, issue), issue_basis(ctx, issue))
    yield Page("issues/index.md", partial(render, "issues_index.md.j2", header=header("Issues", "corpus/issues/"),
                                          issues=[_summary(ctx, i) for i in ctx.issues]))


def _summary(ctx: SiteContext, issue: Issue) -> tuple[Issue, int, dict]:
    """(issue, articles, units per side and a bar of them) for the issues index: the same
    counts as the issue's own page, `agora issues` and the database."""
    counts = Counter(u.stance for u in ctx.issue_units(issue))
    sides = {side: counts.get(side, 0) for side in (*SIDES, "neutral")}
    bar = Markup(stance_bar(sides["for"], sides["against"], sides["neutral"]))
    return issue, len(ctx.issue_articles(issue)), {**sides, "bar": bar}


def issue_basis(ctx: SiteContext, issue: Issue) -> str:
    """Everything the issue's page shows: the issue, what the index found for it, its units with
    their stance toward its question, and its articles."""
    found = ctx.crossref.issues.get(issue.slug)
    articles = [ctx.articles[s] for s in ctx.issue_articles(issue)]
    units = ctx.issue_units(issue)  # ctx.units holds only the units of articles it has
    return basis(issue.model_dump_json(), found.model_dump_json() if found else "",
                 [card_parts(ctx, u) for u in units], [ctx.by_id[u.id].stance for u in units if u.id in ctx.by_id],
                 [(a.slug, a.title, a.source, a.published) for a in articles],
                 [ctx.registry.name_of(sid) for sid in (found.blindspots.unquoted_stakeholders if found else [])])


def issue_page(ctx: SiteContext, issue: Issue) -> str:
    """The issue's page; long lists show their newest units and say how many there are."""
    slugs = ctx.issue_articles(issue)
    units = ctx.newest(ctx.issue_units(issue))
    counts = Counter(u.stance for u in units)
    found = ctx.crossref.issues.get(issue.slug, IssueResult())
    keypoints = {side: [(ctx.by_id[k.representative], ctx.newest(ctx.units_by_id(k.units))[:MEMBERS], k)
                        for k in _shown_keypoints(ctx, found, side)] for side in SIDES}
    grouped = {uid for side in SIDES for k in found.keypoints.get(side, []) for uid in k.units}
    others = {side: [u for u in units if u.stance == side and u.kind in ARGUED_KINDS and u.id not in grouped]
              for side in SIDES}
    newest_articles = sorted((ctx.articles[s] for s in slugs), key=lambda a: -ctx.ordinal.get(a.slug, 0))[:LISTED]
    blindspots = found.blindspots if issue.slug in ctx.crossref.issues else None
    source = ".agora/proposed-issues.json" if issue.proposed else f"corpus/issues/{issue.slug}.yml"
    return render(
        "issue.md.j2", keypoints=keypoints, others={side: others[side][:PER_SIDE] for side in SIDES},
        keypoints_total={side: len(found.keypoints.get(side, [])) for side in SIDES},
        others_total={side: len(others[side]) for side in SIDES},
        argued=Counter(u.stance for u in units if u.kind in ARGUED_KINDS),
        riskopp_total=sum(u.kind in ("risk", "opportunity") for u in units), blindspots=blindspots,
        trend=Markup(trend_chart(found.trends)) if found.trends else "", names=ctx.registry.name_of,
        header=header(issue.title, source, _tags(issue), searchable=False), issue=issue,
        chart=Markup(stance_bar(counts.get("for", 0), counts.get("against", 0), counts.get("neutral", 0))),
        pro=by_who(ctx, units, "for"), con=by_who(ctx, units, "against"), shown=PER_SIDE,
        riskopp=[u for u in units if u.kind in ("risk", "opportunity")][:LISTED], articles=newest_articles,
        total_articles=len(slugs), base="../../", unit=lambda u: unit_card(ctx, u, "../../"))


def _shown_keypoints(ctx: SiteContext, found: IssueResult, side: str) -> list:
    return [k for k in found.keypoints.get(side, []) if k.representative in ctx.by_id][:KEYPOINTS]


def _tags(issue: Issue) -> list[str]:
    return ["issue", *(["proposed"] if issue.proposed else [])]


def search_entries(ctx: SiteContext) -> list[dict]:
    """The browser search's entries for each issue page: its title and question, the key points
    it shows and its blindspots. Issue pages are left out of mkdocs' search plugin, which would
    parse each page whole (a thousand unit cards at 10,000 articles) to find these words."""
    entries = []
    for issue in ctx.issues:
        found, where = ctx.crossref.issues.get(issue.slug, IssueResult()), f"issues/{issue.slug}/"
        points = " ".join(f"<p>{label}: {html.escape(heading(ctx.by_id[k.representative])[:200])}</p>"
                          for side, label in (("for", "For"), ("against", "Against"))
                          for k in _shown_keypoints(ctx, found, side))
        unquoted = ", ".join(html.escape(ctx.registry.name_of(sid)) for sid in found.blindspots.unquoted_stakeholders)
        entries += [{"location": where, "title": html.escape(issue.title), "tags": _tags(issue),
                     "text": f"<p>{html.escape(issue.question)}</p>"},
                    *([{"location": f"{where}#key-points", "title": "Key points", "text": points}] if points else []),
                    *([{"location": f"{where}#blindspots", "title": "Blindspots",
                        "text": f"<p>Discussed but never quoted: {unquoted}</p>"}] if unquoted else [])]
    return entries


def by_who(ctx: SiteContext, units: list[Unit], stance: str) -> list[tuple[str, list[Unit]]]:
    """The side's newest PER_SIDE arguments grouped by who makes them, most prolific first."""
    groups = defaultdict(list)
    for u in [u for u in units if u.stance == stance and u.kind in ARGUED_KINDS][:PER_SIDE]:
        who = u.speaker or (ctx.registry.name_of(u.stakeholders[0].id) if u.stakeholders else "Reporting")
        groups[who].append(u)
    return sorted(groups.items(), key=lambda kv: -len(kv[1]))
