"""The ArgKP-2021 pairs (CDLA-Sharing-1.0) as key point groups, and the seeded motion split that
scripts/train_keypoints.py trains on and bench/keypoints_eval.py holds out."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass, field
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "arguments" / "ibm-argkp"
FILE = "ArgKP-2021_dev.derived.csv"
HOLDOUT_SEED = 31
HELD_OUT = 8  # of 28 motions


@dataclass
class Group:
    """One motion and side: its arguments, its key points, and which key points each argument matches."""

    topic: str
    stance: int
    arguments: list[str] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    matches: dict[str, set[str]] = field(default_factory=dict)  # argument -> matching key points
    misses: dict[str, set[str]] = field(default_factory=dict)  # argument -> key points labelled no match

    def gold(self, argument: str) -> str | None:
        """The argument's key point when exactly one matches (the KPA-2021 clustering view)."""
        found = self.matches.get(argument, set())
        return next(iter(found)) if len(found) == 1 else None


def available() -> bool:
    return (DATA / FILE).exists()


def groups() -> list[Group]:
    out: dict[tuple[str, int], Group] = {}
    with (DATA / FILE).open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            key = (row["topic"], int(row["stance"]))
            group = out.setdefault(key, Group(*key))
            argument, point = row["argument"].strip(), row["key_point"].strip()
            if argument not in group.matches:
                group.arguments.append(argument)
                group.matches[argument], group.misses[argument] = set(), set()
            if point not in group.key_points:
                group.key_points.append(point)
            (group.matches if row["label"] == "1" else group.misses)[argument].add(point)
    return [out[k] for k in sorted(out)]


def split() -> tuple[list[str], list[str]]:
    """(training motions, held-out motions): a seeded draw of HELD_OUT of the 28."""
    motions = sorted({g.topic for g in groups()})
    held = set(random.Random(HOLDOUT_SEED).sample(motions, HELD_OUT))
    return [m for m in motions if m not in held], sorted(held)
