"""How ``process()`` scales with the text, beside ``jieba.lcut`` on the same text in the same run.

    .venv/bin/python benchmarks/scale.py [--json benchmarks/results/scale.json] [--no-model]
        [--stress] [--repeat 1 10 100]

Each measurement runs in a fresh subprocess (clean peak RSS): it loads yxnlp, warms it up on
the seed (rules, gazetteer, model: loaded once, not counted), then times ``process()`` and
``jieba.lcut`` on the same text in turns, at least three pairs and at least two seconds, and
reads the process's peak RSS. Texts: the seed repeated 1×, 10×, 100× (``--repeat``) and the
longest corpus report, rules only and with the NER model. Reported: the median wall and CPU
seconds of each and the median of the per-pair ratios to jieba (taking turns keeps both under
the same load: the machine is shared, and its load average is recorded beside each row).

``--stress`` adds (``--stress-only`` runs only) the long inputs of issue 12, one run each: the
seed repeated to 15 MiB (rules only and with the model); a text of more than 1,000,000
characters; a 990,000-character line without punctuation (rules only and with the model); an
HTML page of 20,000 nested divs (``ingest.html_text``, the parser and tree walks:
``ingest.read`` refuses a page nested deeper than 200 levels before parsing it). Not a test:
nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
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


def corpus_longest() -> Path:
    return max((ROOT / "corpus").rglob("*.txt"), key=lambda p: len(p.read_text("utf-8")))


def make_text(kind: str, arg: int) -> str:
    """The text of one case: ``seed`` × arg, ``file`` (a corpus report), ``mib`` (the seed
    repeated to ``arg`` MiB of UTF-8), ``unpunctuated`` (the seed's ideographs, letters and
    digits only, repeated to ``arg`` characters)."""
    seed = SEED.read_text("utf-8")
    if kind == "seed":
        return "\n".join([seed] * arg)
    if kind == "mib":
        copies = arg * 2**20 // len((seed + "\n").encode("utf-8"))
        return "\n".join([seed] * copies)
    if kind == "unpunctuated":
        flat = re.sub(r"[^\u4e00-\u9fff0-9A-Za-z.%]", "", seed)
        return (flat * (arg // len(flat) + 1))[:arg]
    raise ValueError(kind)


def _pairs(
    process: Any, baseline: Any | None, *, at_least: float, least: int = 3
) -> dict[str, Any]:
    """Median wall and CPU seconds of ``process`` and of ``baseline``, called in turns (so that
    both see the same load) until ``at_least`` seconds have passed and ``least`` pairs ran; and
    the median of the per-pair ratios."""
    rows: list[tuple[float, float, float, float]] = []
    start = time.perf_counter()
    while len(rows) < least or time.perf_counter() - start < at_least:
        w, c = time.perf_counter(), time.process_time()
        process()
        pw, pc = time.perf_counter() - w, time.process_time() - c
        bw = bc = float("nan")
        if baseline is not None:
            w, c = time.perf_counter(), time.process_time()
            baseline()
            bw, bc = time.perf_counter() - w, time.process_time() - c
        rows.append((pw, pc, bw, bc))
    out: dict[str, Any] = {
        "wall_s": statistics.median(r[0] for r in rows),
        "cpu_s": statistics.median(r[1] for r in rows),
        "calls": len(rows),
    }
    if baseline is not None:
        out["jieba_wall_s"] = statistics.median(r[2] for r in rows)
        out["jieba_cpu_s"] = statistics.median(r[3] for r in rows)
        out["x_jieba"] = statistics.median(r[2] / r[0] for r in rows)
        out["x_jieba_cpu"] = statistics.median(r[3] / max(r[1], 1e-9) for r in rows)
    return out


def child(spec: dict[str, Any]) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    import jieba

    import yxnlp
    from yxnlp import ingest

    seed = SEED.read_text("utf-8")
    ner = bool(spec["ner"])
    if spec["kind"] == "html":
        depth = int(spec["arg"])
        page = "<html><body>" + "<div>" * depth + "一、概况\n全县生产总值增长6%。" + "</div>" * depth
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "nested.html"
            path.write_text(page + "</body></html>", "utf-8")
            try:  # ingest.read refuses a page nested deeper than ingest.html.MAX_DEPTH
                ingest.read(path)
            except yxnlp.InputError:
                pass
            w, c = time.perf_counter(), time.process_time()
            text = ingest.html_text(path.read_bytes(), path=path)[0]  # the walk itself
            wall, cpu = time.perf_counter() - w, time.process_time() - c
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return {"chars": len(text), "wall_s": wall, "cpu_s": cpu, "calls": 1, "peak_rss": peak}
    if spec["kind"] == "file":
        text = Path(spec["path"]).read_text("utf-8")
    else:
        text = make_text(spec["kind"], int(spec["arg"]))
    jieba.lcut(seed)
    yxnlp.process(seed, source="warm-up.txt", ner=ner)
    once = bool(spec.get("once"))
    out = _pairs(
        lambda: yxnlp.process(text, source="b.txt", ner=ner),
        None if once else lambda: jieba.lcut(text),
        at_least=0.0 if once else 2.0,
        least=1 if once else 3,
    )
    out.update(chars=len(text), peak_rss=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
    return out


def measure(spec: dict[str, Any]) -> dict[str, Any]:
    """Run :func:`child` in a fresh interpreter; its result with the load around it."""
    load = os.getloadavg()[0]
    proc = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(spec)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    row: dict[str, Any] = {**spec, "load_before": round(load, 2),
                           "load_after": round(os.getloadavg()[0], 2)}  # fmt: skip
    if proc.returncode != 0:
        row["error"] = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return row
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    row.update(got)
    row["chars_per_s"] = round(got["chars"] / got["wall_s"])
    row["chars_per_cpu_s"] = round(got["chars"] / max(got["cpu_s"], 1e-9))
    row["peak_rss_mb"] = round(got["peak_rss"] / 2**20, 1)
    for key in ("x_jieba", "x_jieba_cpu"):
        if key in got:
            row[key] = round(got[key], 3)
    return row


def cases(args: argparse.Namespace) -> list[dict[str, Any]]:
    longest = corpus_longest()
    out: list[dict[str, Any]] = []
    for ner in [] if args.stress_only else [False] if args.no_model else [False, True]:
        out += [{"name": f"seed x{n}", "kind": "seed", "arg": n, "ner": ner} for n in args.repeat]
        out.append({"name": f"longest corpus report ({longest.relative_to(ROOT)})",
                    "kind": "file", "path": str(longest), "arg": 0, "ner": ner})  # fmt: skip
    if args.stress or args.stress_only:
        out += [
            {"name": "seed repeated to 15 MiB", "kind": "mib", "arg": 15, "ner": False, "once": True},
            {"name": "seed repeated to 15 MiB", "kind": "mib", "arg": 15, "ner": True, "once": True},
            {"name": "seed x170 (> 1,000,000 chars)", "kind": "seed", "arg": 170, "ner": False,
             "once": True},
            {"name": "990,000 chars, no punctuation", "kind": "unpunctuated", "arg": 990_000,
             "ner": False, "once": True},
            {"name": "990,000 chars, no punctuation", "kind": "unpunctuated", "arg": 990_000,
             "ner": True, "once": True},
            {"name": "HTML, 20,000 nested divs (html_text)", "kind": "html", "arg": 20_000,
             "ner": False, "once": True},
        ]  # fmt: skip
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--repeat", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--no-model", action="store_true", help="rules only")
    ap.add_argument("--stress", action="store_true", help="add the long inputs (rules only)")
    ap.add_argument("--stress-only", action="store_true", help="only the long inputs")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(json.loads(args.child))))
        return 0

    rows = []
    head = f"{'case':44} {'ner':>3} {'chars':>10} {'wall s':>8} {'chars/s':>9} {'cpu c/s':>9} "
    print(head + f"{'x jieba':>8} {'(cpu)':>6} {'peak MB':>8} {'load':>5}")
    for spec in cases(args):
        row = measure(spec)
        rows.append(row)
        if "error" in row:
            print(f"{row['name']:44} {'y' if row['ner'] else 'n':>3} ERROR {row['error']}")
            continue
        print(f"{row['name'][:44]:44} {'y' if row['ner'] else 'n':>3} {row['chars']:>10,} "
              f"{row['wall_s']:>8.2f} {row['chars_per_s']:>9,} {row['chars_per_cpu_s']:>9,} "
              f"{row.get('x_jieba', float('nan')):>8.3f} {row.get('x_jieba_cpu', float('nan')):>6.3f} "
              f"{row['peak_rss_mb']:>8.1f} {row['load_before']:>5.2f}", flush=True)  # fmt: skip
    result = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "model": _model_name(),
        "rows": rows,
    }
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(f"wrote {args.json}")
    return 0 if all("error" not in r for r in rows) else 1


def _model_name() -> str | None:
    from yxnlp.extract import ner

    return ner.model_name()


if __name__ == "__main__":
    sys.exit(main())
