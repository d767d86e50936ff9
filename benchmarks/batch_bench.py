"""Benchmark ``yxnlp batch`` over the shipped corpus and the seed.

Runs the real command in a subprocess, once per worker count with the local process pool, then
on Dask (``--dask local``: a LocalCluster of ``--dask-workers`` processes), each into a fresh
output folder and store, then re-runs the last local one unchanged. Reports wall time, files/s,
chars/s, the CPU seconds of the batch and its workers (and so the cores the shared machine gave
the run: a speed-up needs free cores), the peak RSS of the batch process and of its largest worker and the peak total RSS of
the process tree, sampled every 100 ms, with the load average before each run; prints a table
and writes JSON. ``--pss`` also samples the total PSS (proportional set size: pages shared by
forked workers counted once) every second; reading it walks each process's page tables and
stalls its memory mappings, which slows the run (Dask's workers most, as they trim freed memory
eagerly): time and PSS are best measured in separate runs.

    python benchmarks/batch_bench.py out/batch_bench.json [--workers 1 2] [--dask-workers 2]
        [--no-ner] [--pss] [--rounds 5]

A speed-up measured once swings with whatever else the machine runs: the 2-worker run needs
both cores, the 1-worker run leaves one free to absorb the rest. ``--rounds N`` runs the
engines N times in turns and reports each round's ratios and their median.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from yxnlp.cli import run; run()"]


class PeakRss:
    """Samples the RSS (and now and then the PSS) of a process and its descendants."""

    def __init__(self, pid: int, *, every: float = 0.1, pss_every: int = 0) -> None:
        self.pid, self.every, self.pss_every = pid, every, pss_every
        self.total = 0
        self.total_pss = 0
        self.root = 0  # the batch process itself
        self.worker = 0  # its largest descendant
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        tick = 0
        while not self._stop.is_set():
            try:
                children = root.children(recursive=True)
            except psutil.Error:
                children = []
            sizes = {p.pid: _rss(p) for p in [root, *children]}
            self.total = max(self.total, sum(sizes.values()))
            self.root = max(self.root, sizes.get(self.pid, 0))
            self.worker = max([self.worker, *(sizes[c.pid] for c in children)])
            if self.pss_every and tick % self.pss_every == 0:
                self.total_pss = max(self.total_pss, sum(_pss(p) for p in [root, *children]))
            tick += 1
            self._stop.wait(self.every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def _rss(p: psutil.Process) -> int:
    try:
        return int(p.memory_info().rss)
    except psutil.Error:
        return 0


def _pss(p: psutil.Process) -> int:
    try:
        return int(getattr(p.memory_full_info(), "pss", 0))
    except psutil.Error:
        return 0


def run_batch(
    inputs: list[str], out: Path, *, workers: int, ner: bool, dask: bool = False, pss: bool = False
) -> dict[str, Any]:
    command = [*CLI, "batch", *inputs, "--out", str(out / "records"), "--db", str(out / "yxnlp.duckdb"),
               "--workers", str(workers), "--no-progress"]  # fmt: skip
    if not ner:
        command.append("--no-ner")
    if dask:
        command += ["--dask", "local"]
    load = round(psutil.getloadavg()[0], 2)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    rss = PeakRss(proc.pid, pss_every=10 if pss else 0)
    _, err = proc.communicate()
    wall = time.perf_counter() - start
    rss.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = [line for line in err.decode("utf-8", "replace").splitlines() if " files: " in line]
    counts = re.search(
        r"(\d+) processed, (\d+) unchanged, (\d+) failed", summary[-1] if summary else ""
    )
    return {
        "engine": "dask local" if dask else "local pool",
        "processed": int(counts.group(1)) if counts else None,
        "unchanged": int(counts.group(2)) if counts else None,
        "failed": int(counts.group(3)) if counts else None,
        "workers": workers,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 1),  # of the batch and every worker it waited for
        "cores_used": round(cpu / wall, 2),  # what the shared machine gave the run
        "exit": proc.returncode,
        "load_before": load,
        "summary": summary[-1] if summary else err.decode("utf-8", "replace")[-500:],
        "peak_rss_batch_mb": round(rss.root / 2**20, 1),
        "peak_rss_largest_worker_mb": round(rss.worker / 2**20, 1),
        "peak_rss_total_mb": round(rss.total / 2**20, 1),
        "peak_pss_total_mb": round(rss.total_pss / 2**20, 1) if pss else None,
    }


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _ratios_by_round(runs: list[dict[str, Any]]) -> dict[str, list[float]]:
    """Each round's 2-worker speed-up and Dask-to-pool ratio (runs of one round ran in turn)."""
    out: dict[str, list[float]] = {"speed_up_2_workers_vs_1": [], "dask_wall_vs_local_pool": []}
    for round_ in sorted({r["round"] for r in runs if r["kind"] == "fresh"}):
        wall = {(r["engine"], r["workers"]): r["wall_s"] for r in runs
                if r["kind"] == "fresh" and r["round"] == round_}  # fmt: skip
        if ("local pool", 1) in wall and ("local pool", 2) in wall:
            out["speed_up_2_workers_vs_1"].append(round(wall["local pool", 1] / wall["local pool", 2], 2))
        if ("dask local", 2) in wall and ("local pool", 2) in wall:
            out["dask_wall_vs_local_pool"].append(round(wall["dask local", 2] / wall["local pool", 2], 2))
    return {name: values for name, values in out.items() if values}


def corpus_size(out: Path) -> tuple[int, int]:
    """(files, chars) of the records written: the lengths of their source texts."""
    files = chars = 0
    for path in (out / "records").glob("*.json"):
        if path.name == "index.json":
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        files += 1
        chars += int(data["document"]["length"])
    return files, chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("result", type=Path, help="write the measurements here as JSON")
    parser.add_argument("--inputs", nargs="+", default=["seeds", "corpus"])
    parser.add_argument("--workers", nargs="+", type=int, default=[1, 2])
    parser.add_argument("--dask-workers", type=int, default=2, help="0: no Dask run")
    parser.add_argument("--no-ner", action="store_true", help="rules only (no NER model)")
    parser.add_argument("--pss", action="store_true", help="also sample PSS (slows the runs)")
    parser.add_argument(
        "--rounds", type=_positive, default=1,
        help="run the engines this many times, in turns; ratios are per round, then the median",
    )  # fmt: skip
    args = parser.parse_args(argv)

    load_at_start = [round(x, 2) for x in psutil.getloadavg()]
    runs: list[dict[str, Any]] = []
    plan = [(w, False) for w in args.workers]
    plan += [(args.dask_workers, True)] if args.dask_workers else []
    with tempfile.TemporaryDirectory(prefix="yxnlp-bench-") as tmp:
        last = Path(tmp)
        for round_ in range(1, args.rounds + 1):
            for workers, dask in plan:
                folder = Path(tmp) / f"r{round_}-{'dask' if dask else 'w'}{workers}"
                run = run_batch(
                    args.inputs, folder, workers=workers, ner=not args.no_ner, dask=dask,
                    pss=args.pss,
                )  # fmt: skip
                files, chars = corpus_size(folder)
                run.update(files=files, chars=chars, kind="fresh", round=round_)
                run["files_per_s"] = round(files / run["wall_s"], 3)
                run["chars_per_s"] = round(chars / run["wall_s"])
                runs.append(run)
                if not dask:
                    last = folder
        rerun = run_batch(args.inputs, last, workers=args.workers[-1], ner=not args.no_ner)
        rerun.update(kind="unchanged re-run", files=runs[0]["files"], chars=runs[0]["chars"],
                     round=args.rounds)  # fmt: skip
        rerun["files_per_s"] = round(rerun["files"] / rerun["wall_s"], 3)
        rerun["chars_per_s"] = round(rerun["chars"] / rerun["wall_s"])
        runs.append(rerun)
        if rerun["processed"]:
            print(
                f"note: the re-run processed {rerun['processed']} files: the package's rule files"
                " changed during the benchmark (the pipeline version hashes them)",
                file=sys.stderr,
            )

    by_round = _ratios_by_round(runs)
    ratios = {name: round(statistics.median(values), 2) for name, values in by_round.items()}
    result = {
        "inputs": args.inputs,
        "ner": not args.no_ner,
        "machine": {
            "cpus": psutil.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "load_average_at_start": load_at_start,
        "load_average_at_end": [round(x, 2) for x in psutil.getloadavg()],
        "ratios": ratios,  # the median over the rounds
        "ratios_by_round": by_round,
        "runs": runs,
    }
    args.result.parent.mkdir(parents=True, exist_ok=True)
    args.result.write_text(
        json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )

    table = Table(
        title=f"yxnlp batch over {' '.join(args.inputs)} (ner={'on' if not args.no_ner else 'off'})"
    )
    for column in ("round", "run", "engine", "workers", "files", "processed", "wall s", "cpu s", "cores", "chars/s",
                   "RSS batch MB", "RSS worker MB", "RSS total MB", "PSS total MB", "load", "exit"):  # fmt: skip
        table.add_column(column, justify="left" if column in ("run", "engine") else "right")
    for r in runs:
        table.add_row(str(r["round"]), r["kind"], r["engine"], str(r["workers"]), str(r["files"]), str(r["processed"]),
                      f"{r['wall_s']:.1f}", f"{r['cpu_s']:.0f}", f"{r['cores_used']:.2f}", str(r["chars_per_s"]),
                      str(r["peak_rss_batch_mb"]), str(r["peak_rss_largest_worker_mb"]),
                      str(r["peak_rss_total_mb"]), str(r["peak_pss_total_mb"]), str(r["load_before"]),
                      str(r["exit"]))  # fmt: skip
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    for name, value in ratios.items():
        rounds = by_round[name]
        spread = f" (median of {len(rounds)} rounds: {', '.join(map(str, rounds))})" if len(rounds) > 1 else ""
        print(f"{name.replace('_', ' ')}: {value}{spread}")
    print(f"wrote {args.result}")
    return 0 if all(r["exit"] in (0, 1) for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
