"""Start-up of the command line: the median wall time of fresh processes, beside ``python -c pass``.

    .venv/bin/python benchmarks/startup.py [--json benchmarks/results/startup.json] [--runs 5]
        [--db out/yxnlp.duckdb]

Commands: ``yxnlp --help``; ``yxnlp query`` (a count over the documents) on a store;
``yxnlp show`` of a record (the seed's, written first); ``yxnlp extract`` of the seed with the
NER model and rules only. The store is ``--db`` (the demo's ``out/yxnlp.duckdb``) or, without
it, one built here by ``yxnlp batch --no-ner`` over the seed and Shanghai's five reports (a
query's start-up does not depend on the store's size). Each command runs ``--runs`` times in
a fresh process; the load average is recorded beside each, and the median CPU seconds of a
process (user + system). Not a test: nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_cba11b42fa3c7c35.txt"
YXNLP = str(Path(sys.executable).with_name("yxnlp"))


def median_wall(command: list[str], *, runs: int) -> tuple[float, list[float], float]:
    """The median wall seconds of ``runs`` fresh processes, each run's, and the median CPU
    seconds (user + system) of a process, which depends less on the shared machine's load."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), times, statistics.median(cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", type=Path, help="a store to query (default: one built here)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="yxnlp-startup-") as tmp:
        work = Path(tmp)
        db = args.db
        if db is None:
            db = work / "y.duckdb"
            subprocess.run(
                [YXNLP, "batch", str(SEED), "corpus/shanghai", "--out", str(work / "records"),
                 "--db", str(db), "--no-ner", "--no-progress"],
                cwd=ROOT, check=True, capture_output=True,
            )  # fmt: skip
        record = work / "seed.json"
        subprocess.run([YXNLP, "extract", str(SEED), "-o", str(record), "--no-ner"],
                       cwd=ROOT, check=True, capture_output=True)  # fmt: skip
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "yxnlp --help": [YXNLP, "--help"],
            "yxnlp query (demo store)": [YXNLP, "query", "SELECT count(*) FROM documents",
                                         "--db", str(db)],
            "yxnlp show (a record)": [YXNLP, "show", str(record), "--html", str(work / "s.html"),
                                      "--text", str(SEED)],
            "yxnlp extract seed (model)": [YXNLP, "extract", str(SEED), "-o", str(work / "a.json")],
            "yxnlp extract seed (rules only)": [YXNLP, "extract", str(SEED), "-o",
                                                str(work / "b.json"), "--no-ner"],
        }  # fmt: skip
        rows: list[dict[str, Any]] = []
        print(f"{'command':34} {'median s':>9}  runs (s)                         load  CPU s")
        for name, command in commands.items():
            load = os.getloadavg()[0]
            median, times, cpu = median_wall(command, runs=args.runs)
            rows.append({"command": name, "median_s": round(median, 3),
                         "runs_s": [round(t, 3) for t in times], "load_before": round(load, 2),
                         "median_cpu_s": round(cpu, 3)})  # fmt: skip
            shown = " ".join(f"{t:.2f}" for t in times)
            print(f"{name:34} {median:9.3f}  {shown:32} {load:5.2f}  {cpu:5.2f}", flush=True)
    result = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "runs": args.runs,
        "rows": rows,
    }  # fmt: skip
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
