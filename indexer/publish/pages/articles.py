"""One page per article (its units, stakeholders and highlighted text) and the article index."""

from __future__ import annotations

import calendar
import html
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import partial

from markupsafe import Markup

from ...model.articles import Article
from ...model.units import Unit
from ...model.vocab import KIND_LABELS, count
from ..context import SiteContext
from ..page import Page, basis
from ..render import MODALITY_NOTES, card_parts, header, render, unit_card

NO_UNITS = "No arguments found in this article yet."
LATEST = 100  # articles listed on the index page; the rest by month in archive/
ARCHIVE_PAGE = 1000  # rows of one archive page


def pages(ctx: SiteContext) -> Iterator[Page]:
    for slug, a in ctx.articles.items():
        units = ctx.by_article.get(slug, [])
        yield Page(f"articles/{slug}.md", partial(article_page, ctx, a, units), article_basis(ctx, a, units))
    newest = sorted(ctx.articles.values(), key=lambda a: (str(a.published or ""), a.slug), reverse=True)
    months = archive(newest) if len(newest) > LATEST else {}
    for name, rows in months.items():
        top = header(f"Articles, {month_title(name)}", "corpus/articles/", searchable=False)
        yield Page(f"archive/{name}.md", partial(render, "archive.md.j2", header=top, articles=rows, base="../../"))
    top = header("Articles", "corpus/articles/", searchable=False)  # each article is an entry of its own
    yield Page("articles/index.md", partial(
        render, "articles_index.md.j2", header=top, articles=newest[:LATEST], base="../", total=len(newest),
        months=[(name, month_title(name), len(rows)) for name, rows in months.items()]))


def archive(newest: list[Article]) -> dict[str, list[Article]]:
    """Archive pages, newest first: "2025-03" (or "2025-03-2", "-3" past ARCHIVE_PAGE rows), "undated"."""
    months: dict[str, list[Article]] = defaultdict(list)
    for a in newest:
        months[a.published.strftime("%Y-%m") if a.published else "undated"].append(a)
    pages = {}
    for month, rows in months.items():
        for part in range(0, len(rows), ARCHIVE_PAGE):
            pages[month + (f"-{part // ARCHIVE_PAGE + 1}" if part else "")] = rows[part:part + ARCHIVE_PAGE]
    return pages


def month_title(name: str) -> str:
    """ "2025-03" -> "March 2025", "2025-03-2" -> "March 2025 (2)", "undated" -> "undated"."""
    if name == "undated":
        return name
    year, month, *part = name.split("-")
    return f"{calendar.month_name[int(month)]} {year}" + (f" ({part[0]})" if part else "")


def article_basis(ctx: SiteContext, a: Article, units: list[Unit]) -> str:
    """Everything an article's page shows: the article, its units, the units they link to, and
    the names and pages of the stakeholders they name."""
    links = [(u.id, ctx.crossref.related.get(u.id)) for u in units]
    linked = [(uid, side, [card_parts(ctx, r)[0] for r in ctx.units_by_id(link.ids(side))])
              for uid, link in links if link for side in ("also", "counter")]
    fields = {k: v for k, v in vars(a).items() if k != "body"}
    return basis(a.body, fields, [card_parts(ctx, u) for u in units], linked)


def search_entries(ctx: SiteContext) -> list[dict]:
    """The browser search's entry for each article: its title, outlet, authors, date, counts and
    tags. Article pages are left out of mkdocs' search plugin, which would parse every page whole
    to find these few words (half of a site build)."""
    entries = []
    for slug, a in ctx.articles.items():
        units = ctx.by_article.get(slug, [])
        meta = " · ".join(x for x in (a.source, ", ".join(a.authors), str(a.published or "undated")) if x)
        counts = " · ".join(count(n, kind) for kind, n in kind_counts(units)) or NO_UNITS
        entries.append({"location": f"articles/{slug}/", "title": html.escape(a.title.replace("\n", " ")),
                        "text": f"<p>{html.escape(meta)}</p> <p>{counts}</p>", "tags": article_tags(ctx, a, units)})
    return entries


def kind_counts(units: list[Unit]) -> list[tuple[str, int]]:
    kinds = Counter(u.kind for u in units)
    return [(k, kinds[k]) for k in KIND_LABELS if kinds[k]]


def article_tags(ctx: SiteContext, a: Article, units: list[Unit]) -> list[str]:
    kinds = {u.kind for u in units}
    return sorted(set(list(a.topics) + [KIND_LABELS[k] for k in KIND_LABELS if k in kinds] + sorted(
        {ctx.registry.name_of(s.id) for u in units for s in u.stakeholders if s.role != "mentioned"})[:8]))


def article_page(ctx: SiteContext, a: Article, units: list[Unit]) -> str:
    groups = defaultdict(list)
    roles: dict[str, set] = defaultdict(set)
    for u in units:
        groups[u.kind].append(u)
        for s in u.stakeholders:
            roles[s.id].add(s.role)
    top = header(a.title, f"corpus/articles/{a.slug}.md", article_tags(ctx, a, units), searchable=False)
    return render(
        "article.md.j2", header=top, a=a, counts=kind_counts(units), sections=KIND_LABELS.items(), groups=groups,
        unit=lambda u: unit_card(ctx, u, "../../", show_article=False, links=True), base="../../",
        stakeholders=sorted((s, sorted(r)) for s, r in roles.items()), names=ctx.registry.name_of, paged=ctx.paged,
        modalities=[m for m in MODALITY_NOTES if any(u.modality == m for u in units)], body=highlighted(a.body, units))


def highlighted(body: str, units: list[Unit]) -> Markup:
    """The article text, escaped, with each unit's span marked and anchored."""
    out, pos = [], 0
    for u in sorted(units, key=lambda u: (u.start, -u.end)):
        if u.start < pos or u.end > len(body):
            continue
        out.append(html.escape(body[pos:u.start]))
        out.append(f'<mark class="agora-{u.kind}" title="{u.kind}">{html.escape(body[u.start:u.end])}</mark>')
        pos = u.end
    out.append(html.escape(body[pos:]))
    paragraphs = "".join(out).split("\n\n")
    return Markup("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))
