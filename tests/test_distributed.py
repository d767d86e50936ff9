"""The Dask engine: a LocalCluster of 2 workers gives the same records as a local run."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.fixtures_batch import write_reports
from yxnlp.batch import MANIFEST, engines, process_bytes, run_batch
from yxnlp.cli import main
from yxnlp.store import Store


def comparable(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data["provenance"].pop("created")
    return data


def test_staged_bytes_keep_the_given_name() -> None:
    ok = process_bytes(
        "reports/长葛/2024.txt",
        "一、概况\n全市生产总值增长6%。".encode(),
        segmenter="jieba",
        ner=False,
    )
    assert ok.path == "reports/长葛/2024.txt" and ok.reason is None
    assert ok.record_json is not None
    assert json.loads(ok.record_json)["document"]["source"] == "reports/长葛/2024.txt"
    bad = process_bytes("reports/empty.txt", b"", segmenter="jieba", ner=False)
    assert bad.record_json is None and bad.kind == "input"
    assert bad.reason == "reports/empty.txt: file is empty"


@pytest.mark.slow
def test_local_cluster_gives_the_same_records_as_a_local_run(tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_reports(src / "zj", 3, paragraphs=4)
    write_reports(src / "gd", 1, paragraphs=4)  # a stem collision
    (src / "bad.txt").write_bytes(b"")
    local_out, dask_out = tmp_path / "local", tmp_path / "dask"

    local = run_batch([src], out=local_out, db=tmp_path / "local.duckdb", ner=False)
    status = main(
        ["batch", str(src), "--out", str(dask_out), "--db", str(tmp_path / "dask.duckdb"),
         "--dask", "local", "--workers", "2", "--no-ner", "--no-progress"]
    )  # fmt: skip

    assert status == 1 == (0 if local.ok else 1)
    names = sorted(p.name for p in local_out.glob("*.json") if p.name != MANIFEST)
    assert names == sorted(p.name for p in dask_out.glob("*.json") if p.name != MANIFEST)
    assert len(names) == 4
    for name in names:
        assert comparable(dask_out / name) == comparable(local_out / name), name
    assert (dask_out / "errors.jsonl").read_text() == (local_out / "errors.jsonl").read_text()
    local_manifest = json.loads((local_out / MANIFEST).read_text(encoding="utf-8"))
    assert json.loads((dask_out / MANIFEST).read_text(encoding="utf-8")) == local_manifest
    local_store, dask_store = Store(tmp_path / "local.duckdb"), Store(tmp_path / "dask.duckdb")
    assert dask_store.document_ids() == local_store.document_ids()
    drop = ["created"]
    assert (
        dask_store.documents().drop(columns=drop).equals(local_store.documents().drop(columns=drop))
    )
    assert dask_store.indicators().equals(local_store.indicators())


def _worker_settings() -> dict[str, object]:
    import dask

    return {key: dask.config.get(key) for key in engines.LOCAL_CONFIG}


@pytest.mark.slow
def test_the_local_cluster_workers_run_without_the_dashboard_diagnostics() -> None:
    with engines.connect("local", workers=1) as client:
        settings = list(client.run(_worker_settings).values())
    assert settings == [engines.LOCAL_CONFIG]


def _has_models() -> bool:
    return "yxnlp.pipeline" in sys.modules and "spacy" in sys.modules


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork only on Linux")
def test_preloaded_local_workers_start_with_the_models_loaded() -> None:
    """Forked after this process loaded the models, a worker has them before its first task."""
    with engines.connect("local", workers=1, preload=("jieba", False)) as client:
        assert list(client.run(_has_models).values()) == [True]


@pytest.mark.slow
def test_local_workers_without_preload_load_nothing_before_their_first_task() -> None:
    with engines.connect("local", workers=1) as client:
        assert list(client.run(_has_models).values()) == [False]
