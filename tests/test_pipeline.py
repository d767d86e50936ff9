"""The whole pipeline on arbitrary text: always a valid record, every span inside the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import yxnlp
from yxnlp.errors import InputError
from yxnlp.record import Record

# Report-like alphabet (digits, units, qualifiers, markers, punctuation) mixed with any Unicode.
REPORTISH = st.text(
    alphabet=st.sampled_from(
        list("一二三四五六七八九十百千万亿元个户家项%％．.、，,。；：()（）是年月同比增长约余以上下")
        + list("0123456789 \n\u3000")
    ),
    max_size=120,
)


def _check(text: str) -> None:
    rec = yxnlp.process(text, source="prop.txt", ner=False)
    Record.model_validate_json(rec.to_json())
    n = len(text)
    assert rec.document.length == n
    spans = [s.span for s in rec.sections] + [s.span for s in rec.sentences]
    spans += [i.span for i in rec.indicators] + [i.sentence_span for i in rec.indicators]
    spans += [m.span for e in rec.entities for m in e.mentions]
    for a, b in spans:
        assert 0 <= a <= b <= n
    for ind in rec.indicators:
        assert text[ind.span[0] : ind.span[1]] == ind.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_unicode_text_gives_a_valid_record(text: str) -> None:
    _check(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(REPORTISH)
def test_report_like_text_gives_a_valid_record(text: str) -> None:
    _check(text)


def test_a_path_with_its_suffix_left_off_is_an_error_not_an_empty_record(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text("一、概况\n全区地区生产总值增长6%。\n", "utf-8")
    with pytest.raises(InputError, match="report: no such file"):
        yxnlp.process(str(tmp_path / "report"), ner=False)
    # text with a slash is still text, and so is anything given a source name
    assert len(yxnlp.process("一、概况\n增长6%/年。", ner=False).indicators) == 1
    assert yxnlp.process("0.TXT", source="a.txt", ner=False).document.length == 5
    with pytest.raises(InputError, match=r"0\.TXT: no such file"):
        yxnlp.process("0.TXT", ner=False)
    assert yxnlp.process("a/b", source="t.txt", ner=False).indicators == []


def test_a_long_line_of_text_is_text_not_a_file_name() -> None:
    """A one-line report longer than a file name may be (255 bytes: 86 CJK characters) is read
    as text, not handed to the file system as a path."""
    line = "全区地区生产总值增长百分之六，" * 20 + "规上工业增加值增长8%。"
    rec = yxnlp.process(line, source="a.txt", ner=False)
    assert rec.document.length == len(line)
    assert any(i.text == "8%" for i in rec.indicators)
