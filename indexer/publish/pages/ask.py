"""The Ask page: semantic search through `agora serve`'s /api/search (says so on a static host)."""

from __future__ import annotations

from ...model.vocab import KINDS, MAX_QUERY_CHARS, STANCES
from ..context import SiteContext
from ..render import header, render


def pages(ctx: SiteContext) -> dict[str, str]:
    return {"ask.md": render("ask.md.j2", header=header("Ask: search arguments by meaning", "corpus/units/"),
                             kinds=KINDS, stances=STANCES, max_query=MAX_QUERY_CHARS)}
