"""The parsed-units cache: the same units as the YAML, always the file's current content."""

from __future__ import annotations

import os

import pytest

from indexer.errors import CorpusFileError
from indexer.model.unit_cache import FILE
from indexer.model.units import Unit, all_units, save_units, units_path


def units(n: int, article: str, speaker: str = "Ana Ruiz") -> list[Unit]:
    return [Unit(id=f"abc-{i}-{i + 5}", article=article, kind="quote", text=f"text {i}", start=i, end=i + 5,
                 speaker=speaker, stance="for", confidence=0.7) for i in range(n)]


def test_the_cache_gives_the_yaml_units_and_follows_every_edit(kb):
    save_units(kb, "one", units(3, "one"))
    save_units(kb, "two", units(2, "two"))
    first = list(all_units(kb))
    assert (kb.state_dir / FILE).exists()
    assert list(all_units(kb)) == first  # from the cache now
    path = units_path(kb, "one")
    stat = path.stat()
    path.write_text(path.read_text().replace("Ana Ruiz", "Ana Ruix"))  # same size, same time: racy
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert {u.speaker for u in all_units(kb) if u.article == "one"} == {"Ana Ruix"}
    path.unlink()
    assert [u.article for u in all_units(kb)] == ["two", "two"]


def test_a_broken_file_is_reported_whatever_the_cache_holds(kb):
    save_units(kb, "one", units(2, "one"))
    list(all_units(kb))
    units_path(kb, "one").write_text("units: [unclosed")
    with pytest.raises(CorpusFileError, match="not valid YAML"):
        list(all_units(kb))


def test_a_damaged_cache_is_only_slower(kb):
    save_units(kb, "one", units(2, "one"))
    list(all_units(kb))
    (kb.state_dir / FILE).write_bytes(b"not a database at all" * 100)
    for suffix in ("-wal", "-shm"):
        (kb.state_dir / (FILE + suffix)).unlink(missing_ok=True)
    assert [u.id for u in all_units(kb)] == ["abc-0-5", "abc-1-6"]
