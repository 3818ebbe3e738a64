"""The CLI fuzzed with hostile arguments (in-process, as `agora` runs them): every run ends
with exit 0, 1 or 2, and a failure is one `error:` line, never an internal error."""

from __future__ import annotations

import contextlib
import io
import os
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer import Agora

EXAMPLES_MAX = int(os.environ.get("AGORA_FUZZ_EXAMPLES", "150"))
NASTY = st.sampled_from(["", " ", "..", "../..", "/", "-", "--", "\n", "x\ny", "\x00", "é", "a" * 300, "Bad_Slug",
                         "nope-1-2", "employees:boss", "for", "quote", "hybrid", "0", "-1", "101", "2026-13-40",
                         "*", "%s", "{{x}}", "<script>", "'", '"', "$(id)", "`id`", "~"])
VALUE = st.one_of(NASTY, st.text(max_size=20))
COMMANDS = {  # what a user could type, without `serve` and `review` (they wait for a person)
    "list": [], "show": [None], "remove": [None], "extract": [None, "--all"], "index": [], "doctor": [],
    "search": [None, "--kind", "--stance", "--mode", "-n", "--since", "--until", "--article", "--sides"],
    "related": [None], "issues": [], "export": ["--format", "--kind", "-o"], "import": [None],
    "unit accept": [None], "unit reject": [None], "unit edit": [None, "--stance", "--kind", "--stakeholder"],
    "unit add": [None, "--start", "--end", "--kind"], "stakeholder merge": [None, None],
    "stakeholder rename": [None, None], "guide render": [None], "guide new": [None, "--issue", "--minutes"],
    "guide list": [], "eval": [], "publish": ["--no-build"], "add": [None, "--date", "--title", "--no-extract"],
}
FLAGS = {"--all", "--sides", "--no-build", "--no-extract"}


@st.composite
def argv(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    args = command.split()
    for option in draw(st.lists(st.sampled_from(COMMANDS[command] or [None]), max_size=4)):
        if option is None:
            args.append(draw(VALUE))
        elif option in FLAGS:
            args.append(option)
        else:
            args += [option, draw(VALUE)]
    return args


def run(args: list[str]) -> tuple[int, str]:
    from indexer.cli import main

    err, out = io.StringIO(), io.StringIO()
    old = sys.argv
    sys.argv = ["agora", *args]
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
            main()
    finally:
        sys.argv = old
    code = done.value.code if isinstance(done.value.code, int) else 1
    return code, err.getvalue()


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory):
    from conftest import EXAMPLES

    kb = Agora.init(tmp_path_factory.mktemp("fuzz") / "kb")
    kb.add([str(EXAMPLES / "keystroke-monitoring-bank.txt")], extract=False)
    return kb.kb


def test_hostile_arguments_never_crash(small_kb, monkeypatch, tmp_path):
    monkeypatch.setenv("AGORA_KB", str(small_kb.root))
    monkeypatch.setenv("AGORA_EMBEDDING_MODEL", "fake")
    monkeypatch.setenv("AGORA_LOCK_TIMEOUT", "5")
    here = tmp_path / "up" / "cwd"  # `init` and `-o` with odd names land here; ".." and "../.." are
    here.mkdir(parents=True)  # near-empty folders, not pytest's root with every other test's files
    monkeypatch.chdir(here)
    seen = {"runs": 0, "failed": 0}

    @settings(max_examples=EXAMPLES_MAX, deadline=None, suppress_health_check=list(HealthCheck))
    @given(argv())
    def check(args):
        code, err = run(args)
        seen["runs"] += 1
        seen["failed"] += code != 0
        assert code in (0, 1, 2), (args, code, err)
        assert "internal error" not in err and "Traceback" not in err, (args, err)
        if code and args[0] != "doctor":  # doctor's exit 1 is its report of problems, on stdout
            lines = [ln for ln in err.splitlines() if ln.strip()]
            assert any(ln.startswith("error:") for ln in lines) or "Usage:" in err, (args, err)

    check()
    print(f"cli fuzz: {seen['runs']} argument lists, {seen['failed']} refused cleanly, 0 internal errors")
