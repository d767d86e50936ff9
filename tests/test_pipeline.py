"""The whole pipeline on arbitrary text: always a valid record, every span inside the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import yxnlp
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
