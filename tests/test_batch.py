"""Batch: discovery, output names, incremental re-runs, bad files, a SIGKILL mid-way (a killed
parent and Ctrl-C: ``test_batch_signals.py``)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Generator, Sequence
from pathlib import Path

import duckdb
import pytest
from rich.console import Console

from tests.fixtures_batch import write_reports
from yxnlp import batch
from yxnlp.batch import MANIFEST, Outcome, assign_names, discover, process_file, run_batch
from yxnlp.cli import main
from yxnlp.errors import InputError, ModelError
from yxnlp.record import Record
from yxnlp.store import TABLES, Store

ROOT = Path(__file__).resolve().parents[1]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outputs(out: Path) -> dict[str, Record]:
    return {
        p.name: Record.from_json(p.read_bytes())
        for p in sorted(out.glob("*.json"))
        if p.name != MANIFEST
    }


def assert_store_matches_outputs(db: Path, out: Path) -> None:
    """Every stored document has all its rows, once, and equals its JSON record."""
    records = {r.document.id: r for r in outputs(out).values()}
    store = Store(db)
    stored = store.document_ids()
    assert stored <= set(records)
    with duckdb.connect(str(db), read_only=True) as con:
        for table in TABLES:
            key = "id" if table == "documents" else "document_id"
            per_doc = dict(
                con.execute(f"SELECT {key}, count(*) FROM {table} GROUP BY 1").fetchall()
            )
            for doc in stored:
                r = records[doc]
                want = {
                    "documents": 1,
                    "records": 1,
                    "sections": len(r.sections),
                    "indicators": len(r.indicators),
                    "entities": len(r.entities),
                    "mentions": sum(len(e.mentions) for e in r.entities),
                }[table]
                assert per_doc.get(doc, 0) == want, (table, doc)
            assert set(per_doc) <= stored, table
    for doc in stored:
        assert store.record(doc) == records[doc]


# --- discovery and names -------------------------------------------------------------------------


def test_discover_takes_reports_only(tmp_path: Path) -> None:
    for name in ["a.txt", "b.html", "c.HTM", "d.docx", "e.pdf", "manifest.csv", "README.md",
                 ".hidden.txt", ".git/x.txt", "sub/f.txt", "sub/notes.json"]:  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in discover([tmp_path, tmp_path / "a.txt"])]
    assert found == ["a.txt", "b.html", "c.HTM", "d.docx", "e.pdf", "sub/f.txt"]


def test_discover_names_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        discover([tmp_path / "nope"])


NAMES = [
    pytest.param(["x/a.txt", "x/b.txt"], ["a.json", "b.json"], id="unique-stems"),
    pytest.param(["shanghai/2024.txt", "national/2024.txt", "national/2023.txt"],
                 ["shanghai__2024.json", "national__2024.json", "2023.json"], id="same-stem-two-folders"),
    pytest.param(["p/q/2024.txt", "r/q/2024.txt"], ["p__q__2024.json", "r__q__2024.json"], id="same-parent-name"),
    pytest.param(["d/a.txt", "d/a.pdf"], ["a_txt.json", "a_pdf.json"], id="same-folder-two-formats"),
    pytest.param(["d/index.txt", "d/errors.txt"], ["d__index.json", "d__errors.json"], id="reserved-names"),
]  # fmt: skip


@pytest.mark.parametrize(("files", "names"), NAMES)
def test_output_names(tmp_path: Path, files: list[str], names: list[str]) -> None:
    paths = [tmp_path / f for f in files]
    assigned = assign_names(paths)
    assert [assigned[p] for p in paths] == names


def test_names_from_the_manifest_are_kept(tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "2024.txt", tmp_path / "b" / "2024.txt"
    assigned = assign_names([second, first], taken={"2024.json": str(first.resolve())})
    assert assigned == {first: "2024.json", second: "b__2024.json"}


# --- runs ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("reports")
    write_reports(folder / "zj", 3, paragraphs=4)
    write_reports(folder / "gd", 1, paragraphs=6)  # county0_2021.txt again: a stem collision
    (folder / "manifest.csv").write_text("path,title\n", encoding="utf-8")
    return folder


def test_batch_writes_records_and_the_store(reports: Path, tmp_path: Path) -> None:
    out, db = tmp_path / "out", tmp_path / "y.duckdb"
    result = run_batch([reports], out=out, db=db, ner=False)
    assert (result.total, result.processed, result.skipped, result.failed) == (4, 4, 0, [])
    assert sorted(outputs(out)) == ["county1_2021.json", "county2_2021.json", "gd__county0_2021.json", "zj__county0_2021.json"]  # fmt: skip
    assert Store(db).document_ids() == {sha(p) for p in discover([reports])}
    assert (out / "errors.jsonl").read_text(encoding="utf-8") == ""
    assert_store_matches_outputs(db, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    entry = manifest["files"][str((reports / "zj" / "county1_2021.txt").resolve())]
    assert entry["output"] == "county1_2021.json"
    assert entry["sha256"] == sha(reports / "zj" / "county1_2021.txt")
    assert entry["options"] == "jieba"


def test_rerun_skips_unchanged_and_redoes_changed(reports: Path, tmp_path: Path) -> None:
    src = tmp_path / "src"
    write_reports(src, 3, paragraphs=4)
    out, db = tmp_path / "out", tmp_path / "y.duckdb"
    run_batch([src], out=out, db=db, ner=False)
    again = run_batch([src], out=out, db=db, ner=False)
    assert (again.processed, again.skipped, again.restored) == (0, 3, 0)

    changed = src / "county1_2021.txt"
    old_id = sha(changed)
    changed.write_text(
        changed.read_text(encoding="utf-8") + "三、其他\n全县新建5G基站300个。\n", encoding="utf-8"
    )
    third = run_batch([src], out=out, db=db, ner=False)
    assert (third.processed, third.skipped) == (1, 2)
    ids = Store(db).document_ids()
    assert old_id not in ids and sha(changed) in ids and len(ids) == 3
    assert_store_matches_outputs(db, out)


def test_a_lost_store_is_restored_from_the_records(reports: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([reports / "zj"], out=out, ner=False)
    result = run_batch([reports / "zj"], out=out, db=tmp_path / "new.duckdb", ner=False)
    assert (result.processed, result.skipped, result.restored) == (0, 3, 3)
    assert_store_matches_outputs(tmp_path / "new.duckdb", out)


def test_a_new_pipeline_version_redoes_everything(
    reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    run_batch([reports / "zj"], out=out, ner=False)
    monkeypatch.setattr(batch.manifest, "pipeline_version", lambda: "9.9.9+feedfacecafe")
    assert run_batch([reports / "zj"], out=out, ner=False).processed == 3
    assert run_batch([reports / "zj"], out=out, ner=False).processed == 0


def test_progress_bar_shows_rate_and_eta(reports: Path, tmp_path: Path) -> None:
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=140)
    run_batch([reports / "gd"], out=tmp_path / "out", ner=False, progress=True, console=console)
    text = screen.getvalue()
    assert "files/s" in text and "ETA" in text and "1/1" in text


# --- bad files in the middle of a batch ----------------------------------------------------------


def truncated_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="County work report 2025: GDP grew 6.5 percent.")
    data = bytes(pdf.output())
    return data[: len(data) // 2]


def test_bad_files_are_reported_while_the_others_land(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src"
    good = write_reports(src, 2, paragraphs=4)
    good[0].rename(src / "a_ok.txt")
    good[1].rename(src / "f_ok.txt")
    (src / "b_binary.txt").write_bytes(bytes(range(256)) * 16)
    (src / "c_empty.txt").write_bytes(b"")
    gbk = "河南省许昌市长葛市人民政府\n一、2024年工作回顾\n全市地区生产总值增长6.5%，规模以上工业增加值增长8%。\n"
    (src / "d_gbk.txt").write_bytes(gbk.encode("gbk"))
    (src / "e_truncated.pdf").write_bytes(truncated_pdf())
    out, db = tmp_path / "out", tmp_path / "y.duckdb"

    status = main(["batch", str(src), "--out", str(out), "--db", str(db), "--no-ner"])

    assert status == 1
    errors = [
        json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert sorted((Path(e["path"]).name, e["kind"]) for e in errors) == [
        ("b_binary.txt", "input"), ("c_empty.txt", "input"), ("e_truncated.pdf", "input"),
    ]  # fmt: skip
    for e in errors:
        assert e["reason"].startswith(e["path"] + ": ")
    assert sorted(outputs(out)) == ["a_ok.json", "d_gbk.json", "f_ok.json"]
    assert outputs(out)["d_gbk.json"].document.length == len(gbk)
    assert len(Store(db).document_ids()) == 3
    assert_store_matches_outputs(db, out)
    err = capsys.readouterr().err
    assert "6 files: 3 processed, 0 unchanged, 3 failed" in err
    assert "e_truncated.pdf" in err

    # the failures are retried next time, the successes are not
    again = run_batch([src], out=out, db=db, ner=False)
    assert (again.processed, again.skipped, len(again.failed)) == (0, 3, 3)


# --- killed mid-way ------------------------------------------------------------------------------


@pytest.mark.slow
def test_sigkill_mid_way_then_rerun_leaves_a_consistent_store(tmp_path: Path) -> None:
    src = tmp_path / "src"
    files = write_reports(src, 10, paragraphs=16)
    out, db = tmp_path / "out", tmp_path / "y.duckdb"
    command = [sys.executable, "-c", "from yxnlp.cli import run; run()", "batch", str(src),
               "--out", str(out), "--db", str(db), "--workers", "2", "--no-ner", "--no-progress"]  # fmt: skip
    proc = subprocess.Popen(
        command, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 180
    try:
        while not outputs(out) if out.is_dir() else True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "no record appeared"
            time.sleep(0.02)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the batch and its workers, without warning
        proc.wait()
    done_at_kill = len(outputs(out))
    assert 1 <= done_at_kill < len(files), "the kill should land mid-way"
    assert_store_matches_outputs(db, out)  # already consistent: whole documents or none

    assert main(["batch", str(src), "--out", str(out), "--db", str(db), "--no-ner"]) == 0

    assert Store(db).document_ids() == {sha(f) for f in files}
    assert len(outputs(out)) == len(files)
    assert_store_matches_outputs(db, out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert sorted(manifest) == sorted(str(f.resolve()) for f in files)
    assert not list(out.glob(".*.tmp"))
    with duckdb.connect(str(db), read_only=True) as con:
        dupes = con.execute("SELECT count(*) FROM (SELECT document_id, id FROM indicators GROUP BY ALL HAVING count(*) > 1)").fetchone()  # fmt: skip
    assert dupes == (0,)


# --- engines -------------------------------------------------------------------------------------


def test_a_model_error_stops_the_batch_and_keeps_the_work_done(tmp_path: Path) -> None:
    write_reports(tmp_path / "src", 3, paragraphs=2)
    out = tmp_path / "out"

    def engine(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        yield process_file(str(files[0]), segmenter="jieba", ner=False)
        yield Outcome(str(files[1]), reason="models/ner: NER model not found", kind="model")
        raise AssertionError("the batch goes on after a model error")

    with pytest.raises(ModelError, match="NER model not found"):
        run_batch([tmp_path / "src"], out=out, engine=engine, ner=False)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert [Path(k).name for k in manifest] == ["county0_2021.txt"]


def test_an_internal_failure_is_reported_with_its_kind(tmp_path: Path) -> None:
    write_reports(tmp_path / "src", 2, paragraphs=2)

    def engine(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        yield Outcome(str(files[0]), reason=f"{files[0]}: ZeroDivisionError: boom", kind="internal")
        yield process_file(str(files[1]), segmenter="jieba", ner=False)

    result = run_batch([tmp_path / "src"], out=tmp_path / "out", engine=engine, ner=False)
    assert not result.ok and result.processed == 1
    assert [(Path(f.path).name, f.kind) for f in result.failed] == [
        ("county0_2021.txt", "internal")
    ]


def test_once_a_worker_is_idle_each_record_reaches_the_store_as_it_lands(tmp_path: Path) -> None:
    """With two workers and one file left, the store already holds all the others."""
    write_reports(tmp_path / "src", 4, paragraphs=2)
    db = tmp_path / "y.duckdb"
    seen: list[int] = []

    def engine(files: Sequence[Path]) -> Generator[Outcome, None, None]:
        for f in files:
            if f == files[-1]:  # the last file is still running on the other worker
                seen.append(len(Store(db).document_ids()))
            yield process_file(str(f), segmenter="jieba", ner=False)

    result = run_batch([tmp_path / "src"], out=tmp_path / "out", db=db, engine=engine,
                       workers=2, ner=False)  # fmt: skip
    assert result.processed == 4 and seen == [3]
    assert len(Store(db).document_ids()) == 4


def test_workers_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["batch", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "0"]) == 2
    assert "--workers must be at least 1" in capsys.readouterr().err


def test_a_second_batch_on_the_same_folder_is_refused(reports: Path, tmp_path: Path) -> None:
    import fcntl

    out = tmp_path / "out"
    out.mkdir()
    with (out / ".lock").open("a") as held:  # a batch already running there
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(InputError, match="another yxnlp batch is writing to this folder"):
            run_batch([reports / "gd"], out=out, ner=False)
    assert run_batch([reports / "gd"], out=out, ner=False).processed == 1  # released


# --- one list of report suffixes -----------------------------------------------------------------

# (file name, is a report): discovery, process() and the CLI all follow ingest.SUFFIXES
SUFFIX_CASES = [
    ("a.txt", True), ("b.HTML", True), ("c.htm", True), ("d.docx", True), ("e.pdf", True),
    ("f.text", False),  # read by process() before, skipped by batch: now neither
    ("g.md", False), ("h.csv", False), ("i.doc", False),
]  # fmt: skip


@pytest.mark.parametrize(("name", "report"), SUFFIX_CASES)
def test_one_list_of_report_suffixes(tmp_path: Path, name: str, report: bool) -> None:
    from yxnlp import ingest, pipeline

    path = tmp_path / name
    path.write_text("一、概况\n全县生产总值增长6%。\n", encoding="utf-8")
    assert (path.suffix.lower() in ingest.SUFFIXES) == report
    assert (discover([tmp_path]) == [path]) == report
    assert pipeline._is_path(f"reports/2025/{name}") == report  # a path, not report text
    if not report:
        with pytest.raises(InputError, match=f"unsupported format '{path.suffix}'"):
            pipeline.process(path, ner=False)


def test_batch_help_names_the_suffixes(capsys: pytest.CaptureFixture[str]) -> None:
    from yxnlp import ingest

    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    assert "/".join(ingest.SUFFIXES) in " ".join(capsys.readouterr().out.split())
