"""Bad input through the CLI: exit status 1, one stderr line naming the file and the reason."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fixtures.ingest.make import (
    BODY,
    TITLE,
    make_pdf,
    make_scanned_pdf,
    make_unmapped_pdf,
)
from yxnlp import ingest
from yxnlp.cli import main
from yxnlp.errors import InputError


def _write(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return build


def _missing(tmp: Path) -> Path:
    return tmp / "没有这个文件.txt"


def _directory(tmp: Path) -> Path:
    path = tmp / "reports.txt"
    path.mkdir()
    return path


def _too_large(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    with path.open("wb") as fh:  # sparse: no 20 MiB actually written
        fh.truncate(ingest.MAX_BYTES + 1)
    return path


def _scanned(tmp: Path) -> Path:
    return make_scanned_pdf(tmp / "scan.pdf")


def _truncated_pdf(tmp: Path) -> Path:
    good = make_pdf(tmp / "full.pdf", [TITLE, *BODY]).read_bytes()
    path = tmp / "truncated.pdf"
    path.write_bytes(good[: len(good) // 2])
    return path


UNDECODABLE = b"abc \xff\x80\xfe\x80 def\n" * 50  # neither UTF-8 nor GB18030 nor CJK

BAD_INPUTS: list[tuple[str, Callable[[Path], Path], str]] = [
    ("missing", _missing, "no such file"),
    ("directory", _directory, "is a directory"),
    ("empty", _write("empty.txt", b""), "file is empty"),
    ("whitespace_only", _write("blank.txt", b" \n\t\r\n  \n"), "file is empty"),
    ("bom_only", _write("bom.txt", b"\xef\xbb\xbf\n"), "file is empty"),
    ("binary", _write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40),
     "binary file, not text"),
    ("undecodable", _write("latin.txt", UNDECODABLE),
     "cannot decode text (not UTF-8 or GB18030, and charset-normalizer found no Chinese"),
    ("unsupported", _write("report.xyz", "一、概况".encode()),
     "unsupported format '.xyz' (expected .txt, .html, .htm, .docx, .pdf)"),
    ("legacy_word", _write("report.doc", b"\xd0\xcf\x11\xe0"), "unsupported format '.doc'"),
    ("too_large", _too_large, "file too large (20.0 MiB > 20 MiB)"),
    ("pdf_without_text_layer", _scanned, "PDF has no text layer (scanned?)"),
    ("pdf_truncated", _truncated_pdf, "not a readable PDF: "),
    ("pdf_unmapped_fonts", lambda tmp: make_unmapped_pdf(tmp / "garbled.pdf"),
     "PDF text layer cannot be decoded (fonts without Unicode mapping)"),
    ("pdf_not_a_pdf", _write("fake.pdf", "一、概况".encode()), "not a readable PDF: no %PDF header"),
    ("docx_not_a_zip", _write("fake.docx", "一、概况".encode()), "not a readable DOCX"),
    ("html_without_text", _write("empty.html", b"<html><body><nav>Home</nav></body></html>"),
     "no text found in the html"),
]


@pytest.mark.parametrize(("build", "reason"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_cli_reports_bad_input_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           build: Callable[[Path], Path], reason: str) -> None:
    path = build(tmp_path)
    status = main(["extract", str(path), "--no-ner"])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"yxnlp: error: {path}: ")
    assert reason in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize(("build", "reason"), [c[1:] for c in BAD_INPUTS],
                         ids=[c[0] for c in BAD_INPUTS])
def test_library_raises_input_error(tmp_path: Path, build: Callable[[Path], Path],
                                    reason: str) -> None:
    path = build(tmp_path)
    with pytest.raises(InputError) as info:
        ingest.read(path)
    assert info.value.path == str(path)
    assert reason in info.value.reason
    assert "\n" not in str(info.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text("一、概况", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(InputError, match="cannot read file"):
        ingest.read(path)
