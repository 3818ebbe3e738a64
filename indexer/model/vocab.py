"""One vocabulary: the kinds, stances, roles and modes every layer speaks of.

Add a unit kind here (and to the extractor that finds it, and to agora.css for its
colour); the CLI, search, the server's validation, the site and the exports read it.
"""

from __future__ import annotations

from typing import Literal, get_args

Kind = Literal["claim", "risk", "opportunity", "quote"]
Stance = Literal["for", "against", "neutral"]
Side = Literal["for", "against"]
Role = Literal["speaker", "affected", "actor", "beneficiary", "mentioned"]
Status = Literal["auto", "accepted", "rejected", "edited"]
Modality = Literal["is", "will", "could", "should"]
QuoteType = Literal["", "direct", "indirect"]
Origin = Literal["machine", "analyst"]
StakeholderKind = Literal["group", "organisation", "person"]
Audience = Literal["secondary", "university", "professional"]
Mode = Literal["dense", "lexical", "hybrid"]

KINDS: tuple[str, ...] = get_args(Kind)
STANCES: tuple[str, ...] = get_args(Stance)
SIDES: tuple[str, ...] = get_args(Side)
ROLES: tuple[str, ...] = get_args(Role)
STATUSES: tuple[str, ...] = get_args(Status)
STAKEHOLDER_KINDS: tuple[str, ...] = get_args(StakeholderKind)
AUDIENCES: tuple[str, ...] = get_args(Audience)
MODES: tuple[str, ...] = get_args(Mode)
REVIEWED: frozenset[str] = frozenset({"accepted", "rejected", "edited"})

# Site sections in reading order, and which kind wins when two extractors mark one span.
KIND_LABELS: dict[str, str] = {"quote": "Quotes", "claim": "Claims", "risk": "Risks", "opportunity": "Opportunities"}
KIND_PRIORITY: dict[str, int] = {"quote": 0, "risk": 1, "opportunity": 2, "claim": 3}
ARGUED_KINDS: tuple[str, ...] = ("quote", "claim")  # the kinds that stand in a pro/con column

# Search limits shared by `agora search` and `agora serve`'s /api/search.
MAX_RESULTS = 100
MAX_QUERY_CHARS = 500


PLURALS = {"opportunity": "opportunities"}  # the rest take an s


def count(n: int, word: str) -> str:
    """"1 quote", "12 quotes", "2 opportunities": the one way pages and tables count."""
    return f"{n} {word if n == 1 else PLURALS.get(word, f'{word}s')}"
