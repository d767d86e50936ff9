"""Issue 13, hostile input: each command that once crashed, hung or misread a file, as a test.

The commands run through ``yxnlp.cli.main``; the ones that once hung run in a forked child with
a generous limit (:mod:`tests.forked`), so a regression fails instead of stopping the suite.
Each checks the exit status, that stderr is one line naming the file and the reason, and what
was written. The store, query and concurrency cases are in ``test_hostile_store.py``.
"""

from __future__ import annotations

import fcntl  # noqa: F401 - imported before a fork drops to a user who cannot read the stdlib
import json
import os
import socket
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.fixtures_batch import write_reports
from tests.forked import NOBODY, forked
from yxnlp import pipeline
from yxnlp.cli import batch as _batch_command  # noqa: F401 - loaded before the fork, as fcntl
from yxnlp.cli import main

HANG_GUARD = 120.0  # seconds; a guard against a hang, far above the normal run time


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load the pipeline once, so forked children start at once."""
    pipeline.warm_up("jieba", False)


@pytest.fixture
def open_dir() -> Iterator[Path]:
    """A scratch folder every user may enter (pytest's own is private to its owner)."""
    with tempfile.TemporaryDirectory(prefix="yxnlp-hostile-") as tmp:
        path = Path(tmp)
        path.chmod(0o777)
        yield path


def cli(argv: list[str], *, user: int | None = None) -> int:
    """``yxnlp argv`` in a forked child (as ``user``), its exit status."""
    return forked(lambda: main(argv), seconds=HANG_GUARD, user=user)


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# --- defects 1 and 2: one bad entry never stops or hangs a batch -----------------------------------


def _dangling(x: Path) -> None:
    x.symlink_to("/nonexistent")


def _loop(x: Path) -> None:
    x.symlink_to(x.name)


def _socket(x: Path) -> None:
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(x))


def _fifo(x: Path) -> None:
    os.mkfifo(x)


def _dev_zero(x: Path) -> None:
    x.symlink_to("/dev/zero")


def _garbage_docx(x: Path) -> None:
    with zipfile.ZipFile(x, "w") as z:
        for part in ("[Content_Types].xml", "_rels/.rels", "word/document.xml"):
            z.writestr(part, "<<<这不是XML>>>")


BAD_ENTRIES: list[tuple[str, str, Callable[[Path], None], str]] = [
    ("broken_link", "x.txt", _dangling, "broken symbolic link (to /nonexistent)"),
    ("link_loop", "x.txt", _loop, "cannot read file (symbolic link loop)"),
    ("socket", "x.txt", _socket, "not a regular file (a socket)"),
    ("fifo", "x.txt", _fifo, "not a regular file (a FIFO)"),
    ("link_to_dev_zero", "x.txt", _dev_zero, "not a regular file (a character device)"),
    ("docx_of_garbage_xml", "x.docx", _garbage_docx,
     "not a readable DOCX: StartTag: invalid element name"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "make", "reason"), [c[1:] for c in BAD_ENTRIES],
                         ids=[c[0] for c in BAD_ENTRIES])  # fmt: skip
def test_one_bad_entry_fails_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], name: str,
    make: Callable[[Path], None], reason: str,
) -> None:  # fmt: skip
    t, out = tmp_path / "t", tmp_path / "o"
    write_reports(t, 2, paragraphs=4)
    make(t / name)
    assert cli(["batch", str(t), "--out", str(out), "--no-ner", "--no-progress"]) == 1
    err = capfd.readouterr().err
    assert f"failed: {t / name}: {reason}" in err and "Traceback" not in err
    failures = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
    assert [(f["path"], f["kind"]) for f in failures] == [(str(t / name), "input")]
    assert reason in failures[0]["reason"]
    assert sorted(p.name for p in out.glob("county*.json")) == ["county0_2021.json", "county1_2021.json"]


def test_a_bad_entry_named_on_the_command_line_fails_alone(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    t, out = tmp_path / "t", tmp_path / "o"
    write_reports(t, 1, paragraphs=4)
    _dangling(tmp_path / "x.txt")
    assert cli(["batch", str(tmp_path / "x.txt"), str(t), "--out", str(out), "--no-ner"]) == 1
    assert "broken symbolic link" in capfd.readouterr().err
    assert [p.name for p in out.glob("county*.json")] == ["county0_2021.json"]


def test_unreadable_file_and_folder_fail_alone(open_dir: Path) -> None:
    """As a user without the permission (``nobody`` in a fork when the tests run as root)."""
    t, out = open_dir / "t", open_dir / "o"
    write_reports(t, 1, paragraphs=4)
    (t / "locked.txt").write_text("一、概况\n全年增长5%。", encoding="utf-8")
    (t / "locked.txt").chmod(0)
    (t / "sub").mkdir()
    write_reports(t / "sub", 1, paragraphs=4)
    (t / "sub").chmod(0)
    for folder in (open_dir, t):
        folder.chmod(0o777)
    user = NOBODY if os.geteuid() == 0 else None
    try:
        status = cli(["batch", str(t), "--out", str(out), "--no-ner", "--no-progress"], user=user)
    finally:
        (t / "sub").chmod(0o755)
    assert status == 1
    failures = {json.loads(line)["path"]: json.loads(line)
                for line in (out / "errors.jsonl").read_text("utf-8").splitlines()}  # fmt: skip
    assert failures[str(t / "locked.txt")]["reason"].endswith("cannot read file (permission denied)")
    assert failures[str(t / "sub")]["reason"].endswith("cannot list folder (permission denied)")
    assert {f["kind"] for f in failures.values()} == {"input"}
    assert [p.name for p in out.glob("county*.json")] == ["county0_2021.json"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [(_fifo, "not a regular file (a FIFO)"), (_dev_zero, "not a regular file (a character device)")],
    ids=["fifo", "dev_zero"],
)
def test_extract_refuses_special_files_at_once(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], make: Callable[[Path], None], reason: str
) -> None:
    path = tmp_path / "p.txt"
    make(path)
    assert cli(["extract", str(path), "--no-ner"]) == 1
    out, err = capfd.readouterr()
    assert out == ""
    assert one_line(err) == f"yxnlp: error: {path}: {reason}"


def test_extract_dev_zero_itself(capfd: pytest.CaptureFixture[str]) -> None:
    assert cli(["extract", "/dev/zero", "--no-ner"]) == 1
    assert one_line(capfd.readouterr().err) == (
        "yxnlp: error: /dev/zero: not a regular file (a character device)")


# --- defects 3 and 4: numbers read as written, files decoded as written ------------------------------

SENTENCE = "一、经济运行\n2023年全区地区生产总值{}亿元。\n"
FIGURES = [
    pytest.param("4\u200b45", 445.0, id="zero-width-space"),
    pytest.param("1\ufeff2", 12.0, id="bom"),
    pytest.param("4\u206045", 445.0, id="word-joiner"),
    pytest.param("4\u00ad45", 445.0, id="soft-hyphen"),
    pytest.param("4\x0145", 445.0, id="control-character"),
    pytest.param("4\u030145", 445.0, id="combining-mark"),
    pytest.param("\u2212445", -445.0, id="minus-sign"),
    pytest.param("\uff0d445", -445.0, id="full-width-minus"),
    pytest.param("445", 445.0, id="plain"),
]


@pytest.mark.parametrize(("figure", "value"), FIGURES)
def test_extract_reads_the_figure_a_reader_sees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], figure: str, value: float
) -> None:
    path = tmp_path / "n.txt"
    path.write_text(SENTENCE.format(figure), encoding="utf-8")
    assert main(["extract", str(path), "--no-ner"]) == 0
    record = json.loads(capsys.readouterr().out)
    [indicator] = record["indicators"]
    assert indicator["value"] == value
    assert indicator["text"] == figure + "亿元"
    start, end = indicator["span"]
    assert path.read_text(encoding="utf-8")[start:end] == indicator["text"]


REPORT = "一、经济运行\n全年实现地区生产总值445亿元，同比增长6.5%。\n二、明年安排\n力争增长7%。\n" * 3
ENCODED = [
    pytest.param(b"\xff\xfe\x00\x00" + REPORT.encode("utf-32-le"), id="utf-32le-with-bom"),
    pytest.param(b"\x00\x00\xfe\xff" + REPORT.encode("utf-32-be"), id="utf-32be-with-bom"),
    pytest.param(REPORT.encode("utf-16-le"), id="utf-16le-without-bom"),
    pytest.param(REPORT.encode("utf-16-be"), id="utf-16be-without-bom"),
    pytest.param(REPORT.encode("utf-32-le"), id="utf-32le-without-bom"),
]


@pytest.mark.parametrize("raw", ENCODED)
def test_extract_decodes_unicode_files_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    path = tmp_path / "u.txt"
    path.write_bytes(raw)
    assert main(["extract", str(path), "--no-ner"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["document"]["length"] == len(REPORT)
    assert [i["text"] for i in record["indicators"][:3]] == ["445亿元", "6.5%", "7%"]
    assert all(REPORT[slice(*i["span"])] == i["text"] for i in record["indicators"])


def test_evaluate_refuses_a_gold_file_that_is_no_file(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    _fifo(gold / "r.gold.json")
    assert cli(["evaluate", "--gold", str(gold), "--docs", str(tmp_path), "--no-ner"]) == 1
    assert one_line(capfd.readouterr().err) == (
        f"yxnlp: error: {gold / 'r.gold.json'}: not a regular file (a FIFO)")
