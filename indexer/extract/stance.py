"""Each argued unit's default stance: toward its article's own question, by the stance model.

The question is the article's title (a headline states what the debate is about); within an
issue, the index re-asks toward the issue's question (index/stances.py)."""

from __future__ import annotations

from ..model.units import Unit
from ..model.vocab import ARGUED_KINDS


def apply_model(units: list[Unit], question: str) -> int:
    """Set the stance of the unreviewed argued units; returns how many were asked."""
    from ..encoders.stance import stance

    asked = [u for u in units if u.kind in ARGUED_KINDS and not u.reviewed]
    if not asked or not question.strip():
        return 0
    for unit, result in zip(asked, stance([u.plain_text for u in asked], question), strict=True):
        unit.stance = result.label
    return len(asked)


def with_stance(units: list[Unit], title: str, method: str) -> list[Unit]:
    """The units, their stance toward the title asked of the model when `method` is "model"."""
    if method == "model":
        apply_model(units, title)
    return units
