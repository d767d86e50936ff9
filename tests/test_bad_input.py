"""Bad input through the CLI: exit status 1, one stderr line naming the file and the reason."""

from __future__ import annotations

import io
import os
import socket
import tempfile
import zipfile
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
from tests.forked import NOBODY, forked
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


def _socket(tmp: Path) -> Path:
    path = tmp / "s.txt"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
    return path


def _link(name: str, target: str) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        (tmp / name).symlink_to(target)
        return tmp / name

    return build


def _docx(name: str, parts: dict[str, str | bytes]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        with zipfile.ZipFile(tmp / name, "w", zipfile.ZIP_DEFLATED) as z:
            for part, data in parts.items():
                z.writestr(part, data)
        return tmp / name

    return build


UNDECODABLE = b"abc \xff\x80\xfe\x80 def\n" * 50  # neither UTF-8 nor GB18030 nor CJK
GARBAGE_XML = {p: "<<<这不是XML>>>" for p in ("[Content_Types].xml", "_rels/.rels", "word/document.xml")}
BOMB = {"[Content_Types].xml": b"\0" * (ingest.docx.MAX_EXPANDED + 1)}  # ~100 KB zipped

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
    # issue 13: what a file system can hold besides files, and what a decoder cannot decide
    ("socket", _socket, "not a regular file (a socket)"),
    ("broken_link", _link("gone.txt", "/nonexistent/report.txt"),
     "broken symbolic link (to /nonexistent/report.txt)"),
    ("link_loop", _link("loop.txt", "loop.txt"), "cannot read file (symbolic link loop)"),
    ("utf32_bom_broken", _write("u32.txt", b"\xff\xfe\x00\x00\x00\xd8\x00\x00"),
     "starts with a UTF-32LE byte-order mark but is not UTF-32LE text"),
    ("utf16_bom_odd_length", _write("u16.txt", b"\xfe\xff\x4e\x00\x4e"),
     "starts with a UTF-16BE byte-order mark but is not UTF-16BE text (truncated data)"),
    ("utf16_bom_binary", _write("u16b.txt", b"\xff\xfe" + b"\x01\x00\x02\x00" * 40),
     "binary file, not text"),
    ("docx_of_garbage_xml", _docx("g.docx", dict(GARBAGE_XML)),
     "not a readable DOCX: StartTag: invalid element name"),
    ("html_nested_too_deep", _write("deep.html", b"<html><body>" + b"<div>" * 100_000 + b"x"),
     "not a readable HTML page: nested more than 200 levels deep"),
    ("html_too_many_elements", _write("wide.html", b"<p>x</p>" * 100_001),
     "not a readable HTML page: more than 100000 elements"),
    ("docx_zip_bomb", _docx("bomb.docx", dict(BOMB)),
     "not a readable DOCX: it unzips to 100.0 MiB (more than 100 MiB)"),
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


def test_unreadable_file() -> None:
    """Without read permission (as ``nobody`` in a fork when the tests run as root, who may read
    anything)."""
    with tempfile.TemporaryDirectory() as tmp:
        Path(tmp).chmod(0o755)
        path = Path(tmp) / "locked.txt"
        path.write_text("一、概况", encoding="utf-8")
        path.chmod(0)

        def reason() -> str:
            with pytest.raises(InputError) as info:
                ingest.read(path)
            return info.value.reason

        user = NOBODY if os.geteuid() == 0 else None
        assert forked(reason, seconds=60, user=user) == "cannot read file (permission denied)"


def test_the_limit_counts_bytes_read_not_the_size_reported() -> None:
    """A /proc file reports size 0 whatever it holds."""
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(InputError, match="file too large \\(more than"):
        ingest.read_bytes("/proc/self/status", limit=64)
    assert len(ingest.read_bytes("/proc/self/status")) > 64


def test_reading_in_chunks_stops_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"x" * (3 * ingest.reading.CHUNK))
    got = io.BytesIO()
    with pytest.raises(InputError, match="file too large"):
        for chunk in ingest.chunks(path, limit=2 * ingest.reading.CHUNK + 1):
            got.write(chunk)
    assert got.tell() <= 2 * ingest.reading.CHUNK + 1
