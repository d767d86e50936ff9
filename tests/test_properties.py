"""Properties over hostile input (issue 13): random bytes and random Unicode through ``extract`` and
``batch``.

* **Never raises**: a file that cannot be read is a one-line error (exit status 1), in ``batch``
  a line of ``errors.jsonl`` of kind ``input``; never a traceback, never ``internal``.
* **Never hangs**: each input runs in a forked child under a wall-clock guard
  (:mod:`tests.forked`), so a hang fails the example instead of stopping the suite; the guard is
  far above the normal run time and nothing here measures speed.
* **No number silently wrong**: every reported indicator's span is its text in the source,
  and its value has exactly the digits (and the sign) written in that span, whatever invisible
  or control characters stand among them.

Examples are derandomized (the same every run) and no example database is written;
``pytest tests/test_properties.py --hypothesis-show-statistics`` shows how many examples gave a
record, a one-line refusal, figures with hidden characters inside and negative figures.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import tempfile
import unicodedata
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.fixtures.ingest.make import BODY, TITLE, make_docx, make_pdf
from tests.forked import forked
from yxnlp import ingest, pipeline
from yxnlp.cli import main

pytestmark = pytest.mark.slow

SETTINGS = settings(deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
GUARD = 60.0  # seconds per input, a guard against a hang (an input takes well under one)

# Characters nobody sees, and controls, to put inside figures.
HIDDEN = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202a",
          "\u180e", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\u0301", "\u20e3", "\ufe0f"]  # fmt: skip
MINUS = ["-", "\u2212", "\uff0d", "\ufe63"]
SUBJECTS = ["地区生产总值", "规上工业增加值", "固定资产投资", "一般公共预算收入", "新增企业"]
UNITS = ["亿元", "万元", "%", "个", "家", "万吨", "平方米", ""]
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    pipeline.warm_up("jieba", False)


# --- what the spans must say -------------------------------------------------------------------


def _seen(text: str) -> str:
    """The span as a reader sees it (this test's own reading, not the product's)."""
    kept = (c for c in text if c.isspace() or unicodedata.category(c) not in ("Cf", "Cc", "Mn", "Me"))
    return "".join(kept).translate(_FULLWIDTH).replace(" ", "")


_WRITTEN = re.compile(r"(?P<sign>[-\u2212\uff0d\ufe63]?)(?P<digits>\d[\d,]*(?:\.\d+)?)")


def assert_figures_as_written(text: str, indicators: list[dict[str, Any]]) -> None:
    """Each indicator's span is its text, and its value (and upper end) is what is written."""
    for ind in indicators:
        start, end = ind["span"]
        assert text[start:end] == ind["text"]
        seen = _seen(ind["text"])
        if not re.match(r"(?:[-\u2212\uff0d\ufe63]|百分之)?\d", seen):
            continue  # written in Chinese numerals
        written = [(m["sign"], float(m["digits"].replace(",", ""))) for m in _WRITTEN.finditer(seen)]
        sign, value = written[0]
        assert math.isclose(abs(ind["value"]), value), (ind["text"], ind["value"])
        assert (ind["value"] < 0) == (bool(sign) and value != 0), (ind["text"], ind["value"])


def _extract(path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["extract", str(path), "--no-ner"])
    return status, out.getvalue(), err.getvalue()


def check_extract(path: Path) -> None:
    """``yxnlp extract`` on one file: a record whose figures are as written, or one line."""
    status, out, err = forked(lambda: _extract(path), seconds=GUARD)
    if status == 1:
        assert out == "" and len(err.splitlines()) == 1, err
        assert err.startswith(f"yxnlp: error: {path}: "), err
        event("refused in one line")
        return
    assert status == 0 and "Traceback" not in err, err
    indicators = json.loads(out)["indicators"]
    assert_figures_as_written(ingest.read(path).text, indicators)
    event("a record")
    if any(_seen(i["text"]) != i["text"].replace(" ", "") for i in indicators):
        event("a figure with hidden characters inside its span")
    if any(i["value"] < 0 for i in indicators):
        event("a negative figure")


# --- random Unicode with hidden characters inside figures ------------------------------------------


@st.composite
def figures(draw: st.DrawFn) -> str:
    digits = draw(st.from_regex(r"[1-9][0-9]{0,5}(\.[0-9]{1,2})?", fullmatch=True))
    if draw(st.booleans()):
        digits = digits.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    chars = list(digits)
    for _ in range(draw(st.integers(0, 3))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(HIDDEN)))
    sign = draw(st.sampled_from(["", "", "", *MINUS]))
    return sign + "".join(chars)


@st.composite
def reports(draw: st.DrawFn) -> str:
    lines = ["一、主要指标"]
    for _ in range(draw(st.integers(1, 6))):
        noise = draw(st.text(max_size=8))
        lines.append(f"{draw(st.sampled_from(SUBJECTS))}{noise}达到{draw(figures())}"
                     f"{draw(st.sampled_from(UNITS))}，同比增长{draw(figures())}%。")  # fmt: skip
    return "\n".join(lines) + "\n"


@SETTINGS
@given(text=reports())
def test_hidden_characters_never_change_a_figure(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.txt"
        path.write_text(text, encoding="utf-8")
        check_extract(path)


@SETTINGS
@given(text=st.text(min_size=1, max_size=400))
def test_any_unicode_text(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.txt"
        path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        check_extract(path)


# --- random bytes in every format ------------------------------------------------------------------


@cache
def _valid(suffix: str) -> bytes:
    """A small valid file of a format, to damage."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"r{suffix}"
        if suffix == ".docx":
            make_docx(path, TITLE, BODY, [["指标", "数值"], ["增长", "7.5%"]])
        elif suffix == ".pdf":
            make_pdf(path, [TITLE, *BODY])
        else:
            path.write_text("<html><body><p>" + "</p><p>".join([TITLE, *BODY]) + "</p></body></html>",
                            encoding="utf-8")  # fmt: skip
        return path.read_bytes()


@st.composite
def damaged(draw: st.DrawFn, suffix: str) -> bytes:
    """A valid file with a few bytes overwritten, cut short, or random bytes after its magic."""
    raw = bytearray(_valid(suffix))
    how = draw(st.sampled_from(["flip", "cut", "magic"]))
    if how == "cut":
        return bytes(raw[: draw(st.integers(0, len(raw)))])
    if how == "magic":
        return raw[:5] + draw(st.binary(max_size=2000))
    for _ in range(draw(st.integers(1, 8))):
        raw[draw(st.integers(0, len(raw) - 1))] = draw(st.integers(0, 255))
    return bytes(raw)


def _zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buffer.getvalue()


FILES = st.one_of(
    st.tuples(st.sampled_from([".txt", ".html", ".docx", ".pdf", ""]), st.binary(max_size=3000)),
    st.tuples(st.just(".docx"), damaged(".docx")),
    st.tuples(st.just(".pdf"), damaged(".pdf")),
    st.tuples(st.just(".html"), damaged(".html")),
    st.tuples(st.just(".docx"), st.dictionaries(
        st.sampled_from(["[Content_Types].xml", "_rels/.rels", "word/document.xml"]),
        st.binary(max_size=300)).map(_zip_of)),
    st.tuples(st.just(".txt"), reports().map(lambda t: t.encode("utf-16"))),
)  # fmt: skip


@SETTINGS
@given(file=FILES)
def test_any_bytes_in_any_format(file: tuple[str, bytes]) -> None:
    suffix, data = file
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"r{suffix}"
        path.write_bytes(data)
        check_extract(path)


# --- batch -----------------------------------------------------------------------------------------


def _batch(src: Path, out: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["batch", str(src), "--out", str(out), "--no-ner", "--no-progress"])
    return status, err.getvalue()


@settings(SETTINGS, max_examples=25)
@given(files=st.lists(st.one_of(FILES, reports().map(lambda t: (".txt", t.encode()))),
                      min_size=1, max_size=5))  # fmt: skip
def test_a_batch_of_anything(files: list[tuple[str, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "src", Path(tmp) / "out"
        src.mkdir()
        paths = []
        for i, (suffix, data) in enumerate(files):
            paths.append(src / f"r{i}{suffix or '.txt'}")
            paths[-1].write_bytes(data)
        status, err = forked(lambda: _batch(src, out), seconds=5 * GUARD)
        assert status in (0, 1) and "Traceback" not in err, err
        failed = [json.loads(line) for line in (out / "errors.jsonl").read_text("utf-8").splitlines()]
        assert {f["kind"] for f in failed} <= {"input"}, failed
        assert (status == 1) == bool(failed)
        done = {p for p in paths if (out / f"{p.stem}.json").is_file()}
        assert len(done) + len(failed) == len(paths)
        for p in done:
            record = json.loads((out / f"{p.stem}.json").read_text("utf-8"))
            assert_figures_as_written(ingest.read(p).text, record["indicators"])
