"""One page per article (its units, stakeholders and highlighted text) and the article index."""

from __future__ import annotations

import html
from collections import defaultdict

from markupsafe import Markup

from ...model.articles import Article
from ...model.units import Unit
from ...model.vocab import KIND_LABELS
from ..context import SiteContext
from ..render import MODALITY_NOTES, header, render, unit_card


def pages(ctx: SiteContext) -> dict[str, str]:
    out = {f"articles/{slug}.md": article_page(ctx, a, ctx.by_article.get(slug, []))
           for slug, a in ctx.articles.items()}
    newest = sorted(ctx.articles.values(), key=lambda a: (str(a.published or ""), a.slug), reverse=True)
    out["articles/index.md"] = render("articles_index.md.j2", header=header("Articles", "corpus/articles/"),
                                      articles=newest)
    return out


def article_page(ctx: SiteContext, a: Article, units: list[Unit]) -> str:
    groups = defaultdict(list)
    roles: dict[str, set] = defaultdict(set)
    for u in units:
        groups[u.kind].append(u)
        for s in u.stakeholders:
            roles[s.id].add(s.role)
    tags = list(a.topics) + [KIND_LABELS[k] for k in KIND_LABELS if groups[k]] + sorted(
        {ctx.registry.name_of(s.id) for u in units for s in u.stakeholders if s.role != "mentioned"})[:8]
    return render(
        "article.md.j2", header=header(a.title, f"corpus/articles/{a.slug}.md", tags), a=a,
        counts=[(k, len(groups[k])) for k in KIND_LABELS if groups[k]], sections=KIND_LABELS.items(), groups=groups,
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
