"""The sample knowledge base in the repository is what the pipeline builds from it today: its
units what extraction gives, its pages what `agora index` and `agora publish` write on a fresh
clone. Regenerate with `agora extract --all`, then `agora index` and `agora publish` in a
clone without .agora/."""

from __future__ import annotations

import shutil

from conftest import ROOT


def _files(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_committed_demo_is_what_a_fresh_clone_builds(tmp_path, agora):
    copy = tmp_path / "demo"
    copy.mkdir()
    for part in ("corpus", "docs"):
        shutil.copytree(ROOT / part, copy / part)
    shutil.copy(ROOT / "mkdocs.yml", copy)
    for step in (("extract", "--all", "-q"), ("index", "-q"), ("publish", "--no-build")):
        done = agora(*step, kb=copy)
        assert done.returncode == 0, done.stderr.decode()
    for part in ("corpus", "docs"):
        now, committed = _files(copy / part), _files(ROOT / part)
        assert sorted(now) == sorted(committed), f"{part}/: files differ"
        changed = [name for name in committed if now[name] != committed[name]]
        assert not changed, f"regenerate the demo: {changed[:5]}"
