"""Run every benchmark and evaluation; print each table and save the raw output as JSON.

Usage: python bench/run_all.py [--quick]
--quick uses small sizes (a smoke run of a few minutes); without it, the sizes the issues
name (100k units, 1,000 articles, all ArguAna queries) take about an hour on 2 cores.
Evaluations that need ../shared/data print 'skipped' when it is absent.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent

FULL = [("html_ingest.py", []), ("extract_quotes.py", []), ("extract_speed.py", ["10"]), ("claims_ibm.py", ["60"]),
        ("stance_ukp.py", []), ("keypoints_argkp.py", []), ("keypoints_eval.py", []), ("discovery_eval.py", []),
        ("stakeholders_eval.py", []), ("retrieval_arguana.py", []), ("match_eval.py", []),
        ("team_index.py", []), ("export_speed.py", []),
        ("search_speed.py", ["10000", "100000"]), ("publish_speed.py", ["100", "1000"]),
        ("ingest_speed.py", ["500"]), ("reliability.py", ["12", "1000"]), ("debates_scale.py", ["20000"]),
        ("site_scale.py", ["10000"]), ("index_speed.py", ["279"]), ("stance_eval.py", ["--limit", "300"])]
QUICK = [("html_ingest.py", []), ("extract_quotes.py", []), ("extract_speed.py", ["2"]), ("claims_ibm.py", ["10"]),
         ("keypoints_argkp.py", []), ("keypoints_eval.py", ["--arguana", "200"]), ("discovery_eval.py", []),
         ("stakeholders_eval.py", []), ("retrieval_arguana.py", ["100"]), ("match_eval.py", ["100"]),
         ("team_index.py", ["2000"]), ("export_speed.py", ["100"]), ("search_speed.py", ["5000"]),
         ("publish_speed.py", ["50"]), ("ingest_speed.py", ["30"]), ("debates_scale.py", ["2000"]),
         ("index_speed.py", ["60", "--runs", "1"])]


def main() -> None:
    plan = QUICK if "--quick" in sys.argv else FULL
    results = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": platform.node(),
               "python": platform.python_version(), "runs": []}
    failed = 0
    for script, args in plan:
        started = time.perf_counter()
        run = subprocess.run([sys.executable, script, *args], cwd=HERE, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        print(f"\n## {script} {' '.join(args)}  ({seconds:.0f}s, exit {run.returncode})\n{run.stdout.strip()}")
        if run.returncode:
            print(run.stderr.strip().splitlines()[-1] if run.stderr.strip() else "")
            failed += 1
        results["runs"].append({"script": script, "args": args, "seconds": round(seconds, 1),
                                "exit": run.returncode, "stdout": run.stdout})
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    path = out / f"results-{datetime.now(UTC):%Y%m%dT%H%M%S}.json"
    path.write_text(json.dumps(results, indent=1))
    print(f"\nsaved {path}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
