"""The local pool's workers are forked from a process that loaded the models (Linux).

Reports written for these tests in other provinces' styles; the records from the pool must be
those of this process.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import pytest

from tests.forked import forked
from yxnlp import pipeline
from yxnlp.batch import engines

REPORTS = {
    "a.txt": "某县2024年工作总结\n一、经济运行\n全县生产总值增长5.8%，宏达机械等12家企业投产。\n",
    "b.txt": "某区2025年工作计划\n一、主要目标\n力争规上工业增加值增长7%以上。\n",
    "c.txt": "某镇2024年工作总结\n一、项目建设\n青山湖科技城产业园完成投资3.2亿元。\n" * 3,
}


@pytest.fixture
def reports(tmp_path: Path) -> list[Path]:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, "utf-8")
    return sorted(tmp_path.glob("*.txt"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are spawned elsewhere")
def test_workers_fork_from_a_warm_process() -> None:
    with engines._preloaded("jieba", False) as ctx:
        assert ctx.get_start_method() == "fork"
        assert pipeline.warm_up.cache_info().currsize >= 1  # loaded here, before any fork
        assert gc.get_freeze_count() > 100_000  # loaded objects out of the sweeps


def _comparable(record_json: str | None) -> dict[str, object]:
    assert record_json is not None
    data = json.loads(record_json)
    data["provenance"].pop("created")
    return data  # type: ignore[no-any-return]


def test_pool_records_are_this_process_records(reports: list[Path]) -> None:
    serial = {o.path: o for o in engines.serial_engine(segmenter="jieba", ner=False)(reports)}
    pooled = {o.path: o for o in engines.process_engine(workers=2, segmenter="jieba", ner=False)(reports)}
    assert set(pooled) == set(serial) == {str(p) for p in reports}
    for path, outcome in pooled.items():
        assert _comparable(outcome.record_json) == _comparable(serial[path].record_json)


def test_largest_reports_start_first(reports: list[Path]) -> None:
    order = engines.largest_last(reports)
    assert order[-1].name == "c.txt"  # popped first
    assert [p.stat().st_size for p in order] == sorted(p.stat().st_size for p in reports)


def _blas_threads_after_a_file(path: str) -> list[int]:
    from threadpoolctl import threadpool_info

    engines.process_file(path, segmenter="jieba", ner=False)
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_a_batch_worker_runs_one_blas_thread(reports: list[Path]) -> None:
    """Each worker holds numpy's BLAS to one thread (the model's matrix products), so that two
    workers do not start a BLAS thread per core each; checked in a forked child, as a worker
    is, leaving this process's BLAS as it was."""
    threads = forked(lambda: _blas_threads_after_a_file(str(reports[0])), seconds=120)
    assert threads and set(threads) == {1}
