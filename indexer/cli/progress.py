"""Rich progress bars with rate and ETA on stderr, silent with --quiet."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _bar():
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                    console=Console(stderr=True), transient=True)


def _rate(bar, task) -> str:
    speed = bar.tasks[0].speed
    return f"{speed:.1f}/s" if speed else ""


@contextmanager
def progress_bar(label: str, total: int, *, quiet: bool = False) -> Iterator[Callable[[int], None]]:
    """Yields advance(n=1) for work of a known size."""
    if quiet or total <= 1:
        yield lambda n=1: None
        return
    with _bar() as bar:
        task = bar.add_task(label, total=total, rate="")

        def advance(n: int = 1) -> None:
            bar.advance(task, n)
            bar.update(task, rate=_rate(bar, task))

        yield advance


@contextmanager
def progress_updates(label: str, *, quiet: bool = False) -> Iterator[Callable[[int, int], None]]:
    """Yields update(done, total) for work whose size is known only once it starts."""
    state: dict = {}

    def update(done: int, total: int) -> None:
        if quiet or total <= 1:
            return
        if "bar" not in state:
            state["bar"] = _bar()
            state["bar"].start()
            state["task"] = state["bar"].add_task(label, total=total, rate="")
        bar, task = state["bar"], state["task"]
        bar.update(task, completed=done, rate=_rate(bar, task))

    try:
        yield update
    finally:
        if "bar" in state:
            state["bar"].stop()
