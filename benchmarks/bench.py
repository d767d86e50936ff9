"""Speed of yxnlp, always against a baseline measured in the same run.

    .venv/bin/python benchmarks/bench.py [--repeat 50] [--runs 3] [--json out/bench.json]

Measures, on the seed report repeated ``--repeat`` times (one long text):
- jieba segmentation alone (``jieba.lcut``): the baseline;
- segmentation into a spaCy ``Doc`` (:func:`yxnlp.segment.segment`), jieba and pkuseg, and
  through spaCy's own Chinese tokenizer (``nlp(text)``, up to its ``max_length``) for reference;
- the full pipeline ``process()`` with rules only (``ner=False``) and with the NER model,
  each after :func:`yxnlp.pipeline.warm_up` as in a batch worker;
- the CLI's cold start: ``yxnlp extract`` of one file in a fresh process (median of 3).
Each row is timed ``--runs`` times in turn with the others (the first ``process()`` right after
``warm_up``, the later ones as a worker's next reports), and the best run counts, as ``timeit``
reports it: the machine is shared, and a slower run measures the other load, not the code. The
first run's time is kept beside it (``first_seconds`` in the JSON). Prints chars/s and the ratio
of each to the jieba baseline. Not a test: no timing asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_cba11b42fa3c7c35.txt"


def timed(fns: dict[str, Callable[[], object]], *, runs: int) -> dict[str, list[float]]:
    """Wall times of ``runs`` calls of each function, in turns (one call of each, then the next
    round), so that a spell of load on the machine falls on every row alike."""
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(runs):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    return times


def cold_start(path: Path) -> float:
    exe = Path(sys.executable).with_name("yxnlp")
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([str(exe), "extract", str(path), "-o", "/dev/null"], check=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3, help="timed runs of each row; the best counts")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--skip-pkuseg", action="store_true")
    args = ap.parse_args(argv)

    import jieba

    import yxnlp
    from yxnlp import pipeline
    from yxnlp.segment import load_tokenizer, segment

    seed = SEED.read_text(encoding="utf-8")
    text = "\n".join([seed] * args.repeat)
    n = len(text)
    jieba.lcut(seed)  # warm-up: dictionary load
    fns: dict[str, Callable[[], object]] = {"jieba.lcut (baseline)": lambda: jieba.lcut(text)}
    segment(seed, segmenter="jieba")
    fns["segment(), jieba"] = lambda: segment(text, segmenter="jieba")
    nlp = load_tokenizer("jieba")
    if n <= nlp.max_length:
        fns["spaCy zh tokenizer, jieba"] = lambda: nlp(text)
    if not args.skip_pkuseg:
        segment(seed, segmenter="pkuseg")
        fns["segment(), pkuseg"] = lambda: segment(text, segmenter="pkuseg")
    pipeline.warm_up("jieba", ner=True)  # as a batch worker starts: loaded once, then frozen
    fns["process(), rules only"] = lambda: yxnlp.process(text, source="b.txt", ner=False)
    fns["process(), rules + NER"] = lambda: yxnlp.process(text, source="b.txt", ner=True)
    times = timed(fns, runs=max(1, args.runs))

    base = min(times["jieba.lcut (baseline)"])
    print(f"text: seed x {args.repeat} = {n:,} chars; best of {args.runs} runs")
    print(f"{'what':34} {'seconds':>9} {'chars/s':>12} {'vs jieba':>9} {'first run':>10}")
    results = []
    for name, runs in times.items():
        sec = min(runs)
        cps = n / sec
        print(f"{name:34} {sec:9.3f} {cps:12,.0f} {sec / base:8.1f}x {runs[0]:9.3f}s")
        results.append({"what": name, "seconds": sec, "chars_per_s": cps, "x_jieba": sec / base,
                        "first_seconds": runs[0], "runs": runs})  # fmt: skip
    cold = cold_start(SEED)
    print(f"{'CLI cold start (yxnlp extract seed)':34} {cold:9.3f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        payload = {"chars": n, "runs": args.runs, "rows": results, "cli_cold_start_s": cold}
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
