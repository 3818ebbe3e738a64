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


class Question(Strict):
    """A question with what a good answer holds, kept together in the file so that an educator
    who rewords the question keeps its answer (the teacher's version shows it)."""
    ask: str
    answer: str = ""


class GuideFile(Strict):
    title: str
    question: str
    audience: Audience
    minutes: int
    learning_goals: list[str]
    sections: dict[str, list[str] | None]
    questions: dict[str, list[str | Question] | None]  # a plain string is a question without an answer
    activity: dict
    notes: str = ""
    answers: dict[str, str] = {}  # question -> answer: files written before questions held their answers
    issue: str = ""
    query: str = ""


class Guide(GuideFile):
    """A guide in memory: questions as their text, answers by question text."""
    slug: str
    questions: dict[str, list[str] | None]
    missing: list[str] = Field(default_factory=list, exclude=True)  # filled when rendering


def guide_path(kb: KnowledgeBase, slug: str) -> Path:
    return path_in(kb.guides_dir, slug, ".yml")


def save_guide(kb: KnowledgeBase, guide: Guide) -> None:
    import yaml

    data = guide.model_dump(exclude={"slug", "missing", "answers"})
    data["questions"] = {level: [_item(q, guide.answers) for q in qs or []] for level, qs in guide.questions.items()}
    atomic_write_text(guide_path(kb, guide.slug), HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True,
                                                                          width=100))


def _item(question: str, answers: dict[str, str]) -> str | dict[str, str]:
    return {"ask": question, "answer": answers[question]} if answers.get(question) else question


def load_guide(kb: KnowledgeBase, slug: str) -> Guide:
    try:
        path = guide_path(kb, slug)
    except ValueError:
        raise AgoraError(f"{slug!r} is not a guide slug (see `agora guide list`)") from None
    if not path.exists():
        raise AgoraError(f"no guide {slug!r} in {kb.guides_dir}")
    data = validate(GuideFile, read_yaml(path) or {}, path)
    answers = dict(data.answers)
    questions: dict[str, list[str] | None] = {}
    for level, items in data.questions.items():
        questions[level] = [item if isinstance(item, str) else item.ask for item in items or []]
        answers.update({item.ask: item.answer for item in items or [] if isinstance(item, Question) and item.answer})
    return Guide(slug=slug, **{**data.model_dump(exclude={"questions", "answers"}), "questions": questions,
                               "answers": answers})


def list_guides(kb: KnowledgeBase) -> list[Guide]:
    return [load_guide(kb, p.stem) for p in sorted(kb.guides_dir.glob("*.yml"))]
