"""The unit vectors of an index as one matrix: what `agora index` computes the debates from.

At 200,000 units a dict of one array per unit, stacked again into a matrix for the debates,
held every vector twice (about 200 MB each); the table holds them once, and gives the matrix
itself when asked for its rows in its own order."""

from __future__ import annotations

from collections.abc import Iterator, Mapping


class VectorTable(Mapping):
    """unit id -> vector (a row of `matrix`, not a copy)."""

    def __init__(self, ids: list[str], matrix) -> None:
        self.ids, self.matrix = ids, matrix
        self.row = {uid: i for i, uid in enumerate(ids)}

    def __getitem__(self, uid: str):
        return self.matrix[self.row[uid]]

    def __contains__(self, uid: object) -> bool:
        return uid in self.row

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def rows(self, ids: list[str]):
        """The vectors of `ids` as a matrix: the table's own when they are its ids in order."""
        return self.matrix if ids == self.ids else self.matrix[[self.row[uid] for uid in ids]]


def stack(vectors: Mapping, ids: list[str]):
    """The vectors of `ids` as a matrix (from a table without copying when it can)."""
    import numpy as np

    if isinstance(vectors, VectorTable):
        return vectors.rows(ids)
    return np.stack([vectors[uid] for uid in ids]) if ids else np.zeros((0, 1), dtype=np.float32)
