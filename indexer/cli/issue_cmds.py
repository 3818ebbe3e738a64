"""The debates: `agora issues` lists them (and discovers new ones); `agora issue ...` curates them."""

from __future__ import annotations

from typing import Annotated

import typer

from . import app
from .common import JsonOption, KbOption, console, open_kb, print_json

issue_app = typer.Typer(help="Create and curate issues (debates): new, accept, rename, merge, split, remove, "
                             "pin, unpin, side.", no_args_is_help=True)
app.add_typer(issue_app, name="issue")
ArticlesOption = Annotated[list[str] | None, typer.Option("--article", "-a", help="Article slug (repeatable).")]
NEXT = "`agora index` updates its articles and pages"


@app.command("issues")
def issues_(
    kb: KbOption = None,
    discover: Annotated[bool, typer.Option(
        "--discover", help="Sync the index and group every article into proposed issues again.")] = False,
    json_: JsonOption = False,
) -> None:
    """List the issues (debates), curated and proposed, with their articles and for/against counts."""
    from ..index.crossref import issue_summaries

    knowledge_base = open_kb(kb)
    if discover:
        from ..index.index import sync_index

        sync_index(knowledge_base, rediscover=True)
    rows = issue_summaries(knowledge_base)
    if json_:
        print_json([{**r.model_dump(exclude={"counts"}), **r.counts} for r in rows])
        return
    from .tables import issue_table

    console().print(issue_table(rows), markup=False)


def _said(message: str) -> None:
    console(stderr=True).print(message, markup=False)


@issue_app.command("new")
def issue_new(
    question: Annotated[str, typer.Option("--question", "-q", help="The question the debate answers.")],
    title: Annotated[str, typer.Option(help="Short title (default: from the question).")] = "",
    slug: Annotated[str, typer.Option(help="File name in corpus/issues/ (default: from the title).")] = "",
    article: ArticlesOption = None,
    kb: KbOption = None,
) -> None:
    """Write a new curated issue, corpus/issues/SLUG.yml."""
    from ..issue_decisions import new_issue

    issue = new_issue(open_kb(kb), question, title=title, slug=slug, articles=article or [])
    _said(f"created issue {issue.slug}: {issue.question} ({NEXT})")


@issue_app.command("accept")
def issue_accept(slugs: list[str], kb: KbOption = None) -> None:
    """Keep proposed issues as curated ones (their articles pinned)."""
    from ..issue_decisions import accept

    knowledge_base = open_kb(kb)
    for slug in slugs:
        issue = accept(knowledge_base, slug)
        _said(f"accepted {issue.slug}: {len(issue.articles)} articles pinned")


@issue_app.command("rename")
def issue_rename(
    slug: str,
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    question: Annotated[str | None, typer.Option(help="New question.")] = None,
    kb: KbOption = None,
) -> None:
    """Give an issue a new title or question (a proposal becomes curated)."""
    from ..issue_decisions import rename

    issue = rename(open_kb(kb), slug, title=title, question=question)
    _said(f"{issue.slug}: {issue.title} / {issue.question} ({NEXT})")


@issue_app.command("merge")
def issue_merge(keep: str, drop: str, kb: KbOption = None) -> None:
    """Merge issue DROP into KEEP: its articles and title (as an alias) move; DROP goes."""
    from ..issue_decisions import merge

    issue = merge(open_kb(kb), keep, drop)
    _said(f"merged {drop} into {keep}: {len(issue.articles)} articles ({NEXT})")


@issue_app.command("split")
def issue_split(
    slug: str,
    question: Annotated[str, typer.Option("--question", "-q", help="The new issue's question.")],
    article: ArticlesOption = None,
    title: Annotated[str, typer.Option(help="The new issue's title.")] = "",
    new_slug: Annotated[str, typer.Option("--slug", help="The new issue's slug.")] = "",
    kb: KbOption = None,
) -> None:
    """Move the named articles out of SLUG into a new issue."""
    from ..issue_decisions import split

    old, new = split(open_kb(kb), slug, article or [], question=question, title=title, new_slug=new_slug)
    _said(f"split {len(new.articles)} articles from {old.slug} into {new.slug} ({NEXT})")


@issue_app.command("remove")
def issue_remove(slugs: list[str], kb: KbOption = None) -> None:
    """Dismiss issues: they leave the site and discovery never proposes their articles again."""
    from ..issue_decisions import remove

    knowledge_base = open_kb(kb)
    for slug in slugs:
        remove(knowledge_base, slug)
        _said(f"dismissed {slug} (corpus/issues/{slug}.yml keeps the decision)")


@issue_app.command("pin")
def issue_pin(slug: str, articles: list[str], kb: KbOption = None) -> None:
    """Pin articles to an issue: they always belong to it."""
    from ..issue_decisions import pin

    issue = pin(open_kb(kb), slug, articles)
    _said(f"{issue.slug}: {len(issue.articles)} pinned articles ({NEXT})")


@issue_app.command("unpin")
def issue_unpin(slug: str, articles: list[str], kb: KbOption = None) -> None:
    """Keep articles out of an issue for good."""
    from ..issue_decisions import pin

    issue = pin(open_kb(kb), slug, articles, keep=False)
    _said(f"{issue.slug}: {len(issue.removed)} articles kept out ({NEXT})")


@issue_app.command("side")
def issue_side(
    slug: str,
    unit: Annotated[str, typer.Argument(metavar="UNIT_ID", help="A unit id, full or as `agora search` shows it.")],
    stance: Annotated[str, typer.Argument(metavar="SIDE", help="for, against or neutral.")],
    kb: KbOption = None,
) -> None:
    """Set a unit's side toward this issue's question, for this issue only."""
    from ..issue_decisions import set_side

    issue, uid = set_side(open_kb(kb), slug, unit, stance)
    _said(f"{issue.slug}: {uid} is {stance} ({NEXT})")
