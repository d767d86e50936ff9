"""Issue 13, faults around the store: bounded queries, Ctrl-C, a damaged file, readers while a
batch writes, and output paths that cannot be written. Each command's stderr is one line."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures_batch import county_records, write_reports
from tests.forked import forked
from yxnlp.batch import run_batch
from yxnlp.cli import main
from yxnlp.cli.query import DEFAULT_MEMORY, DEFAULT_TIMEOUT
from yxnlp.errors import InputError
from yxnlp.store import Store

ROOT = Path(__file__).resolve().parents[1]
FOREVER = "SELECT count(*) FROM range(1e12::BIGINT)"  # minutes of work for DuckDB


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "y.duckdb"
    with Store(path, read_only=False) as store:
        store.upsert(county_records())
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# --- defect 5: queries are bounded in time and memory, one statement at a time ---------------------


def test_query_defaults_bound_time_and_memory() -> None:
    from yxnlp.cli import build_parser

    args = build_parser().parse_args(["query", "SELECT 1"])
    assert (args.timeout, args.memory_limit) == (DEFAULT_TIMEOUT, DEFAULT_MEMORY) == (60.0, "2GB")


def test_a_query_stops_at_its_timeout(db: Path, capfd: pytest.CaptureFixture[str]) -> None:
    status = forked(lambda: main(["query", FOREVER, "--db", str(db), "--timeout", "0.5"]),
                    seconds=120)  # fmt: skip
    out, err = capfd.readouterr()
    assert status == 1 and out == ""
    assert one_line(err) == f"yxnlp: error: {db}: query stopped after its time limit of 0.5 s"


def test_a_query_stops_at_its_memory_limit(db: Path, capfd: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT length(string_agg('x', '')) FROM range(2e9::BIGINT)"
    status = forked(lambda: main(["query", sql, "--db", str(db), "--memory-limit", "100MB"]),
                    seconds=120)  # fmt: skip
    out, err = capfd.readouterr()
    assert status == 1 and out == ""
    line = one_line(err)
    assert line.startswith(f"yxnlp: error: {db}: Out of Memory Error")
    assert line.endswith("(the limit is --memory-limit 100MB)")


def test_limits_cannot_be_lifted_from_sql(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "query", "SET memory_limit = '64GB'", "--db", str(db))
    assert status == 1
    assert "the configuration has been locked" in one_line(err)


@pytest.mark.parametrize("value", ["lots", "-3", "nan"])
def test_bad_limits_are_usage_errors(db: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    option = "--timeout" if value != "lots" else "--memory-limit"
    with pytest.raises(SystemExit) as exit_:
        main(["query", "SELECT 1", "--db", str(db), option, value])
    assert exit_.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("sql", "n"), [("SELECT 1; SELECT 2", 2), ("", 0), (";", 0)], ids=["two", "empty", "semicolon"]
)
def test_one_statement_at_a_time(db: Path, capsys: pytest.CaptureFixture[str], sql: str, n: int) -> None:
    status, out, err = run(capsys, "query", sql, "--db", str(db))
    assert status == 1 and out == ""
    assert one_line(err) == (
        f"yxnlp: error: {db}: one SQL statement at a time, not {n} (run them one by one)")


def test_a_trailing_semicolon_is_one_statement(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "query", "SELECT 42 AS n;", "--db", str(db), "--format", "csv")
    assert (status, out) == (0, "n\n42\n")


def test_ctrl_c_stops_a_query_in_one_line(db: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """A real SIGINT, 1 s into a query that would run for minutes."""

    def interrupted() -> int:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGALRM, lambda *_: signal.raise_signal(signal.SIGINT))
        signal.setitimer(signal.ITIMER_REAL, 1.0)
        return main(["query", FOREVER, "--db", str(db)])

    assert forked(interrupted, seconds=120) == 130
    out, err = capfd.readouterr()
    assert out == ""
    assert one_line(err) == "yxnlp: interrupted"


# --- defect 7: one line instead of a traceback ---------------------------------------------------


def test_unknown_columns_are_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "indicators", "--columns", "key,nope", "--db", str(db))
    assert status == 2 and out == ""
    assert one_line(err).startswith("yxnlp: error: unknown column 'nope'")


def test_export_to_a_path_that_cannot_be_made(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "export", "--out", "/proc/x", "--db", str(db))
    assert status == 1 and out == ""
    assert one_line(err).startswith("yxnlp: error: /proc/x")
    assert "cannot write" in err


@contextlib.contextmanager
def damaged(db: Path, *, keep: int | None = None) -> Iterator[None]:
    """The store cut to half its size, or to its first ``keep`` bytes. Which reads fail after a
    cut to half depends on where DuckDB put each table; a cut inside its headers fails them all."""
    size = db.stat().st_size
    with db.open("r+b") as fh:
        fh.truncate(size // 2 if keep is None else keep)
    yield


HEADERS = 8192  # a cut here leaves the file header but not the database headers


HINT = "; move it away and run yxnlp batch again with --db"


@pytest.mark.parametrize(
    ("command", "keep"),
    [("indicators", None), ("export", None), ("query", HEADERS), ("batch", HEADERS)],
)
def test_a_damaged_store_says_so_and_how_to_rebuild(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, keep: int | None
) -> None:
    argv = {
        "query": ["query", "SELECT 1", "--db", str(db)],
        "indicators": ["indicators", "--db", str(db)],
        "export": ["export", "--out", str(tmp_path / "pq"), "--db", str(db)],
        "batch": ["batch", str(tmp_path / "none"), "--out", str(tmp_path / "o"), "--db", str(db)],
    }[command]
    (tmp_path / "none").mkdir()
    with damaged(db, keep=keep):
        status, _, err = run(capsys, *argv)
    assert status == 1
    line = one_line(err)
    assert line.startswith(f"yxnlp: error: {db}: the store is damaged (")
    assert f"{HINT} {db} to rebuild it from the record files" in line


def test_a_failed_export_leaves_the_folder_as_it_was(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    written = Store(db).export(out)
    before = {p.name: p.read_bytes() for p in written}
    with damaged(db), pytest.raises(InputError, match="the store is damaged"):
        Store(db).export(out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no temporary file either


def test_the_rebuild_the_message_describes(tmp_path: Path) -> None:
    src, out, db = tmp_path / "src", tmp_path / "out", tmp_path / "y.duckdb"
    files = write_reports(src, 3, paragraphs=4)
    run_batch([src], out=out, db=db, ner=False)
    with damaged(db, keep=HEADERS):
        with pytest.raises(InputError, match="the store is damaged"):
            run_batch([src], out=out, db=db, ner=False)
        db.rename(tmp_path / "damaged.duckdb")  # "move it away"
    result = run_batch([src], out=out, db=db, ner=False)
    assert (result.processed, result.skipped, result.restored) == (0, 3, 3)
    assert len(Store(db).document_ids()) == len(files)


# --- defect 8: a notebook reads while a batch writes ---------------------------------------------


@pytest.mark.slow
def test_readers_are_served_while_a_batch_writes(tmp_path: Path) -> None:
    src, out, db = tmp_path / "src", tmp_path / "out", tmp_path / "y.duckdb"
    n_files = 24  # about 4 s of work after a 1 s start: records reach the store every 2 s
    write_reports(src, n_files, paragraphs=60)
    with Store(db, read_only=False):
        pass  # an empty store, as a notebook would find it
    command = [sys.executable, "-c", "from yxnlp.cli import run; run()", "batch", str(src),
               "--out", str(out), "--db", str(db), "--no-ner", "--no-progress"]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: list[int] = []
    reads_during_batch = 0
    try:
        while proc.poll() is None:  # the notebook: a read now and then, each a Store call
            seen.append(len(Store(db).documents()))
            reads_during_batch += proc.poll() is None
            time.sleep(0.05)
    finally:
        _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert reads_during_batch >= 10
    assert seen == sorted(seen) and any(0 < n < n_files for n in seen)  # whole documents, growing
    assert len(Store(db).documents()) == n_files


def test_a_writer_waits_for_a_reader_in_another_process(db: Path) -> None:
    """A connection held open elsewhere (a notebook's own duckdb.connect) delays a commit; it
    does not fail it."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time;"
         f"c = duckdb.connect({str(db)!r}, read_only=True); print('open', flush=True);"
         "time.sleep(1.5); c.close()"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        Store(db, read_only=False).delete([county_records()[0].document.id])
    finally:
        holder.wait(timeout=60)
    assert len(Store(db).document_ids()) == len(county_records()) - 1
