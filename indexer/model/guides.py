"""Discussion guides: corpus/guides/<slug>.yml, written once by `agora guide new`, then the
educator's. Reading never writes; a unit id that no longer exists is reported, not dropped."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from ..atomic import atomic_write_text
from ..errors import AgoraError
from ..slugs import path_in
from .files import Strict, read_yaml, validate
from .kb import KnowledgeBase
from .vocab import Audience

HEADER = ("# A discussion guide. Edit freely: reorder or delete unit ids, add your own questions\n"
          "# and notes. `agora guide render` never writes this file.\n")


class GuideFile(Strict):
    title: str
    question: str
    audience: Audience
    minutes: int
    learning_goals: list[str]
    sections: dict[str, list[str] | None]
    questions: dict[str, list[str] | None]
    activity: dict
    notes: str = ""
    answers: dict[str, str] = {}  # question -> what a good answer holds (the teacher's version only)
    issue: str = ""
    query: str = ""


class Guide(GuideFile):
    slug: str
    missing: list[str] = Field(default_factory=list, exclude=True)  # filled when rendering


def guide_path(kb: KnowledgeBase, slug: str) -> Path:
    return path_in(kb.guides_dir, slug, ".yml")


def save_guide(kb: KnowledgeBase, guide: Guide) -> None:
    import yaml

    data = guide.model_dump(exclude={"slug", "missing"})
    atomic_write_text(guide_path(kb, guide.slug), HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                                          width=100))


def load_guide(kb: KnowledgeBase, slug: str) -> Guide:
    try:
        path = guide_path(kb, slug)
    except ValueError:
        raise AgoraError(f"{slug!r} is not a guide slug (see `agora guide list`)") from None
    if not path.exists():
        raise AgoraError(f"no guide {slug!r} in {kb.guides_dir}")
    data = validate(GuideFile, read_yaml(path) or {}, path)
    return Guide(slug=slug, **data.model_dump())


def list_guides(kb: KnowledgeBase) -> list[Guide]:
    return [load_guide(kb, p.stem) for p in sorted(kb.guides_dir.glob("*.yml"))]
