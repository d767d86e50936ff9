"""What writing the store costs a batch, next to the work on the same reports.

Since issue 13 a writable store opens a connection per transaction (so readers in other
processes get their turn between commits) instead of holding one for the whole run, and a
batch upserts the records it landed every two seconds in one transaction instead of one
transaction per record. This times, on the same invented reports:

* ``commit``: ``Store(path, read_only=False).upsert([record])`` per record, into a store that
  grows to ``--records`` documents (the store is opened once);
* ``batch_with_store`` and ``batch_without_store``: ``run_batch`` (one process, rules only) over
  the reports with and without ``db``; their difference is what the store costs a batch;
* ``pipeline``: ``yxnlp.pipeline.process`` of a report (rules only, no NER);
* ``jieba.lcut``: segmenting the report's text, the baseline every speed figure is read against.

Run it on the code to measure, and on an older commit for comparison, by putting that
commit's ``src`` first on ``PYTHONPATH``::

    python benchmarks/store_commits.py --records 40
    git archive <commit> src | tar -x -C /tmp/old && PYTHONPATH=/tmp/old/src python benchmarks/store_commits.py
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(1, str(ROOT))

import jieba  # noqa: E402
from tests.fixtures_batch import write_reports  # noqa: E402

import yxnlp  # noqa: E402
from yxnlp.batch import run_batch  # noqa: E402
from yxnlp.pipeline import process  # noqa: E402
from yxnlp.store import Store  # noqa: E402


def _ms(times: list[float]) -> dict[str, float]:
    return {"median_ms": round(1000 * statistics.median(times), 2),
            "mean_ms": round(1000 * statistics.fmean(times), 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = write_reports(Path(tmp) / "src", args.records, paragraphs=40)
        texts = [f.read_text(encoding="utf-8") for f in files]
        jieba.lcut(texts[0])  # load the dictionary outside the timing
        lcut, work, records = [], [], []
        for f, text in zip(files, texts, strict=True):
            start = time.perf_counter()
            jieba.lcut(text)
            lcut.append(time.perf_counter() - start)
            start = time.perf_counter()
            records.append(process(f, ner=False))
            work.append(time.perf_counter() - start)
        store = Store(Path(tmp) / "y.duckdb", read_only=False)
        commits = []
        for record in records:
            start = time.perf_counter()
            store.upsert([record])
            commits.append(time.perf_counter() - start)
        store.close()
        batch = {}
        for label, db in (("batch_without_store", None), ("batch_with_store", Path(tmp) / "b.duckdb")):
            start = time.perf_counter()
            run_batch([Path(tmp) / "src"], out=Path(tmp) / label, db=db, ner=False)
            batch[label] = round(time.perf_counter() - start, 2)
    result = {
        "yxnlp": str(Path(yxnlp.__file__).parent),
        "records": args.records,
        "chars_per_report": round(statistics.fmean(len(t) for t in texts)),
        "commit": _ms(commits),
        "pipeline": _ms(work),
        "jieba.lcut": _ms(lcut),
        "commit_share_of_pipeline": round(sum(commits) / sum(work), 4),
        **{f"{label}_s": seconds for label, seconds in batch.items()},
        "store_share_of_batch": round(
            batch["batch_with_store"] / batch["batch_without_store"] - 1, 3),
    }
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
