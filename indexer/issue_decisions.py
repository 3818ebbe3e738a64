"""The analyst's decisions on issues: new, accept, rename, merge, split, remove, pin, unpin and
side (a unit's side toward this issue's question).

Each writes corpus/issues/ (a touched proposal becomes curated), under the write lock.
Discovery never undoes one: a group whose articles mostly belong to a curated or dismissed
issue is not proposed again. Articles follow at the next `agora index`.
"""

from __future__ import annotations

from .errors import AgoraError
from .model.articles import Corpus
from .model.issues import Issue, issue_files, load_issues, save_issue
from .model.kb import KnowledgeBase
from .slugs import is_valid_slug, slugify


class IssueNotFound(AgoraError):
    pass


def find_issue(kb: KnowledgeBase, slug: str) -> Issue:
    """A live issue (curated or proposed) by slug, or a one-line error naming the known ones."""
    live = {i.slug: i for i in load_issues(kb)}
    if slug not in live:
        known = ", ".join(sorted(live)) or "none yet: `agora index` proposes some"
        raise IssueNotFound(f"no issue {slug!r} (issues: {known})")
    return live[slug]


def current_articles(kb: KnowledgeBase, issue: Issue) -> list[str]:
    """The issue's articles as last assigned by `agora index`, with its pinned ones."""
    from .index.results import load

    found = load(kb, links=False).issues.get(issue.slug)
    return sorted(set(found.articles if found else []) | set(issue.articles))


def new_issue(kb: KnowledgeBase, question: str, *, title: str = "", slug: str = "",
              articles: list[str] | None = None) -> Issue:
    question = question.strip()
    if not question:
        raise AgoraError("an issue needs a question, e.g. --question \"Should employers record keystrokes?\"")
    slug = slug or slugify(title or question, fallback="issue")
    if not is_valid_slug(slug):
        raise AgoraError(f"{slug!r} is not a slug (lowercase letters, digits and hyphens)")
    with kb.write_lock():
        if any(i.slug == slug for i in issue_files(kb)):
            raise AgoraError(f"corpus/issues/{slug}.yml already exists; choose another --slug")
        issue = Issue(slug=slug, question=question, title=title, articles=_known(kb, articles or []))
        save_issue(kb, issue)
    return issue


def accept(kb: KnowledgeBase, slug: str) -> Issue:
    """Keep a proposal as the analyst's issue, with its articles pinned."""
    with kb.write_lock():
        issue = find_issue(kb, slug)
        if not issue.proposed:
            raise AgoraError(f"{slug!r} is already a curated issue")
        issue = issue.model_copy(update={"status": "curated", "articles": current_articles(kb, issue)})
        save_issue(kb, issue)
    return issue


def rename(kb: KnowledgeBase, slug: str, *, title: str | None = None, question: str | None = None) -> Issue:
    if not (title or question):
        raise AgoraError("give --title, --question or both")
    with kb.write_lock():
        issue = find_issue(kb, slug)
        update = {k: v.strip() for k, v in (("title", title), ("question", question)) if v and v.strip()}
        if issue.proposed:
            update.update(status="curated", articles=current_articles(kb, issue))
        issue = issue.model_copy(update=update)
        save_issue(kb, issue)
    return issue


def merge(kb: KnowledgeBase, keep: str, drop: str) -> Issue:
    """DROP's articles, aliases and title move into KEEP; DROP's file goes."""
    if keep == drop:
        raise AgoraError("merge needs two different issues")
    with kb.write_lock():
        kept, dropped = find_issue(kb, keep), find_issue(kb, drop)
        articles = sorted(set(current_articles(kb, kept)) | set(current_articles(kb, dropped)))
        aliases = [a for a in [*kept.aliases, dropped.title, *dropped.aliases] if a and a != kept.title]
        kept = kept.model_copy(update={"status": "curated", "articles": articles,
                                       "removed": [r for r in kept.removed if r not in articles],
                                       "aliases": list(dict.fromkeys(aliases))})
        save_issue(kb, kept)
        (kb.issues_dir / f"{dropped.slug}.yml").unlink(missing_ok=True)
    return kept


def split(kb: KnowledgeBase, slug: str, articles: list[str], *, question: str, title: str = "",
          new_slug: str = "") -> tuple[Issue, Issue]:
    """Move ARTICLES out of SLUG into a new issue; SLUG never takes them back automatically."""
    if not articles:
        raise AgoraError("name the articles to split off with --article")
    with kb.write_lock():
        issue = find_issue(kb, slug)
        moving = _known(kb, articles)
        rest = [a for a in current_articles(kb, issue) if a not in moving]
        issue = issue.model_copy(update={"status": "curated", "articles": rest,
                                         "removed": sorted(set(issue.removed) | set(moving))})
    created = new_issue(kb, question, title=title, slug=new_slug, articles=moving)
    with kb.write_lock():
        save_issue(kb, issue)
    return issue, created


def remove(kb: KnowledgeBase, slug: str) -> Issue:
    """Dismiss the issue: its file stays with `status: dismissed`, so discovery leaves its articles alone."""
    with kb.write_lock():
        issue = find_issue(kb, slug)
        issue = issue.model_copy(update={"status": "dismissed", "articles": current_articles(kb, issue)})
        save_issue(kb, issue)
    return issue


def pin(kb: KnowledgeBase, slug: str, articles: list[str], *, keep: bool = True) -> Issue:
    """Pin articles to the issue (keep) or keep them out of it for good (not keep)."""
    with kb.write_lock():
        issue = find_issue(kb, slug)
        named = set(_known(kb, articles))
        base = current_articles(kb, issue) if issue.proposed else issue.articles
        if keep:
            update = {"articles": sorted(set(base) | named), "removed": [r for r in issue.removed if r not in named]}
        else:
            update = {"articles": [a for a in base if a not in named], "removed": sorted(set(issue.removed) | named)}
        issue = issue.model_copy(update={**update, "status": "curated"})
        save_issue(kb, issue)
    return issue


def set_side(kb: KnowledgeBase, slug: str, unit: str, stance: str) -> tuple[Issue, str]:
    """Record the analyst's side of one unit toward this issue's question (for, against or
    neutral), for this issue only: the unit's own stance, and other issues, are left alone.
    Returns the issue and the unit's full id."""
    from .model.units import find_unit
    from .model.vocab import STANCES

    if stance not in STANCES:
        raise AgoraError(f"the side must be one of {', '.join(STANCES)}, not {stance!r}")
    with kb.write_lock():
        issue = find_issue(kb, slug)
        found = find_unit(kb, unit)
        update = {"stances": {**issue.stances, found.id: stance}, "status": "curated"}
        if issue.proposed:
            update["articles"] = current_articles(kb, issue)
        issue = issue.model_copy(update=update)
        save_issue(kb, issue)
    return issue, found.id


def _known(kb: KnowledgeBase, articles: list[str]) -> list[str]:
    from .errors import ArticleNotFound

    slugs = Corpus(kb).by_slug()
    for slug in articles:
        if slug not in slugs:
            raise ArticleNotFound(f"no article {slug!r} (see `agora list`)")
    return sorted(set(articles))
