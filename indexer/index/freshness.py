"""Whether `agora index` has anything to do: a digest of everything its results derive from.

The corpus files, the settings, the embedder and Agora's own code and models, by name, size and
modification time (cheap: no file is read). `agora index` records the digest when it finishes;
when the next run finds the same one and its results still in place, it stops there instead of
reading the whole corpus again (17-20 s at 10,000 articles).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..model.kb import KnowledgeBase

STATE = "indexed.json"


def digest(kb: KnowledgeBase, embedder_name: str) -> str:
    h = hashlib.sha256()
    settings = kb.settings.model_dump_json()
    h.update(f"{embedder_name}\0{settings}\n".encode())
    package = Path(__file__).resolve().parents[1]
    for folder in (kb.corpus_dir, package):
        _files_into(h, folder)
    return h.hexdigest()


def _files_into(h, folder: Path) -> None:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
        for name in sorted(files):
            if name.startswith("."):  # a writer's temporary file
                continue
            path = os.path.join(root, name)
            try:
                st = os.stat(path)
            except FileNotFoundError:
                continue
            h.update(f"{os.path.relpath(path, folder)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())


def unchanged_units(kb: KnowledgeBase, found: str, derived: list[Path]) -> int | None:
    """The number of units indexed when the last run recorded this digest; None when anything
    differs or a derived file is gone."""
    try:
        state = json.loads((kb.state_dir / STATE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    if state.get("digest") != found or not all(p.exists() for p in derived):
        return None
    return int(state.get("units", 0))


def remember(kb: KnowledgeBase, found: str, units: int) -> None:
    from ..atomic import atomic_write_text

    atomic_write_text(kb.state_dir / STATE, json.dumps({"digest": found, "units": units}))


def forget(kb: KnowledgeBase) -> None:
    (kb.state_dir / STATE).unlink(missing_ok=True)
