"""The Ask page: semantic search through `agora serve`'s /api/search (says so on a static host)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from ...model.vocab import KINDS, MAX_QUERY_CHARS, STANCES
from ..context import SiteContext
from ..page import Page
from ..render import header, render


def pages(ctx: SiteContext) -> Iterator[Page]:
    top = header("Ask: search arguments by meaning", "corpus/units/")
    yield Page("ask.md", partial(render, "ask.md.j2", header=top, kinds=KINDS, stances=STANCES,
                                 max_query=MAX_QUERY_CHARS))
