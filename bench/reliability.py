"""Reliability figures: crash runs and survivals, fuzz inputs tried, XSS payloads tried.

Runs the crash, fuzz and XSS test files with larger budgets than CI:
  python bench/reliability.py [CRASH_RUNS] [FUZZ_EXAMPLES]   (default 12 and 1000)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from _shared import ROOT


def main() -> None:
    runs = sys.argv[1] if len(sys.argv) > 1 else "12"
    examples = sys.argv[2] if len(sys.argv) > 2 else "1000"
    env = {**os.environ, "AGORA_CRASH_RUNS": runs, "AGORA_FUZZ_EXAMPLES": examples, "HYPOTHESIS_PROFILE": "explore"}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                             "tests/cli/test_crash.py", "tests/cli/test_fuzz_cli.py", "tests/ingest/test_parse_fuzz.py",
                             "tests/extract/test_extract_fuzz.py", "tests/publish/test_xss.py"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if re.search(r"kills during|random kills|cli fuzz|payloads,|passed|failed", line):
            print(line.strip(" ."))
    print(f"fuzz: {examples} examples per fuzzed entry point (parsing, extraction, the CLI), 6 hostile files, "
          "corrupted corpus files")
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
