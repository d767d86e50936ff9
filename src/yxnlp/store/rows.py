"""A record → the rows it adds to each table, as ``{column name: value}`` (never positional).

The model's own columns come from :data:`yxnlp.store.schema.TABLES`; this module supplies the
keys and the derived values, and checks that they are exactly the ones the table declares:

* ``documents.report_year``: ``plan_year``, else ``summary_year + 1``, else the published year;
  ``n_sections``, ``n_sentences``, ``n_indicators``, ``n_entities``: the record's counts;
  ``path``: the source file's absolute path, when the caller found it (:mod:`.sources`).
* ``indicators.year``: the first four digits of the indicator's ``period``; when the period is
  null, the document's ``plan_year`` for a target and its ``summary_year`` otherwise.
  ``period_start`` and ``period_end``: the period's first and last day (:func:`period_bounds`);
  ``sentence``: the text of ``sentence_span``, when the source text is at hand.
* ``entities.n_mentions``; ``mentions.n``, a mention's place in its entity's list;
  ``mentions.sentence_span_*`` and ``sentence``: the record's sentence holding the mention.

>>> from yxnlp.record import Document
>>> rows = record_rows(Record(document=Document(id="x", source="a.txt", plan_year=2024)))
>>> {t: len(r) for t, r in rows.items()}
{'documents': 1, 'sections': 0, 'indicators': 0, 'entities': 0, 'mentions': 0, 'records': 1}
>>> rows["documents"][0]["report_year"], rows["documents"][0]["rules"]
(2024, '{}')
>>> from yxnlp.record import Indicator
>>> rec = Record(document=Document(id="x", source="a.txt"), indicators=[Indicator(id="i1",
...     text="6%", span=(8, 10), sentence_span=(0, 11), kind="growth", source="rule:percent")])
>>> record_rows(rec, text="全县生产总值增长6%。")["indicators"][0]["sentence"]
'全县生产总值增长6%。'
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from typing import Any

from yxnlp.record import Record, Sentence, Span
from yxnlp.store.schema import TABLES, Table

Row = dict[str, Any]


def report_year(record: Record) -> int | None:
    """The year a report is "for": its plan year, else summary year + 1, else published year.

    >>> from yxnlp.record import Document
    >>> report_year(Record(document=Document(id="x", source="a", summary_year=2021)))
    2022
    """
    d = record.document
    if d.plan_year is not None:
        return d.plan_year
    if d.summary_year is not None:
        return d.summary_year + 1
    if d.published and d.published[:4].isdigit():
        return int(d.published[:4])
    return None


def indicator_year(
    period: str | None, *, status: str, summary_year: int | None, plan_year: int | None
) -> int | None:
    """The year an indicator is about (see the module docstring).

    >>> indicator_year("2021-01..2021-11", status="actual", summary_year=2021, plan_year=2022)
    2021
    >>> indicator_year(None, status="target", summary_year=2021, plan_year=2022)
    2022
    """
    if period and period[:4].isdigit():
        return int(period[:4])
    return plan_year if status == "target" else summary_year


_MONTH = re.compile(r"(\d{4})(?:-(\d{2}))?")


def period_bounds(period: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a period (``"2021"``, ``"2021-01..2021-11"``, ``"2021..2025"``).

    >>> [str(d) for d in period_bounds("2021-01..2021-11")]
    ['2021-01-01', '2021-11-30']
    >>> [str(d) for d in period_bounds("2021..2025")], period_bounds(None)
    (['2021-01-01', '2025-12-31'], (None, None))
    """
    if not period:
        return None, None
    first, _, last = period.partition("..")
    a, b = _MONTH.fullmatch(first), _MONTH.fullmatch(last or first)
    if a is None or b is None:
        return None, None
    start = dt.date(int(a[1]), int(a[2] or 1), 1)
    year, month = int(b[1]), int(b[2] or 12)
    return start, dt.date(year, month, calendar.monthrange(year, month)[1])


def sentence_at(sentences: list[Sentence], starts: list[int], pos: int) -> Span | None:
    """The span of the sentence holding ``pos`` (``starts``: the sentences' sorted starts).

    >>> s = [Sentence(id="t1", span=(0, 5)), Sentence(id="t2", span=(5, 9))]
    >>> sentence_at(s, [0, 5], 6), sentence_at(s, [0, 5], 12)
    ((5, 9), None)
    """
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and pos < sentences[i].span[1]:
        return sentences[i].span
    return None


def _row(table: Table, obj: Any, **given: Any) -> Row:
    """The model's columns read from ``obj`` plus the keys and derived values ``given``."""
    row = {c.name: c.value(obj) for c in table.fields}
    row.update(given)
    if row.keys() != table.name_set:
        missing = sorted(set(table.names) - set(row))
        extra = sorted(set(row) - set(table.names))
        raise ValueError(f"table {table.name}: row lacks {missing} or has undeclared {extra}")
    return row


def record_rows(
    record: Record, *, text: str | None = None, path: str | None = None
) -> dict[str, list[Row]]:
    """The rows a record contributes to each table (see the module docstring).

    ``text`` is the source text the spans point into (sentences are left NULL without it);
    ``path`` the source file's absolute path.
    """
    d = record.document
    doc = d.id
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows["documents"].append(
        _row(
            TABLES["documents"], record,
            report_year=report_year(record),
            n_sections=len(record.sections), n_sentences=len(record.sentences),
            n_indicators=len(record.indicators), n_entities=len(record.entities), path=path,
        )
    )  # fmt: skip

    def cut(span: Span | None) -> str | None:
        if text is None or span is None or not 0 <= span[0] <= span[1] <= len(text):
            return None  # no text, or a span that does not fit it: no sentence rather than a cut
        return text[span[0] : span[1]]

    sentences = sorted(record.sentences, key=lambda s: s.span)
    starts = [s.span[0] for s in sentences]
    for s in record.sections:
        rows["sections"].append(_row(TABLES["sections"], s, document_id=doc))
    for i in record.indicators:
        year = indicator_year(
            i.period, status=i.status, summary_year=d.summary_year, plan_year=d.plan_year
        )
        first, last = period_bounds(i.period)
        rows["indicators"].append(
            _row(
                TABLES["indicators"], i, document_id=doc, year=year,
                period_start=first, period_end=last, sentence=cut(i.sentence_span),
            )
        )  # fmt: skip
    for e in record.entities:
        rows["entities"].append(
            _row(TABLES["entities"], e, document_id=doc, n_mentions=len(e.mentions))
        )
        for n, m in enumerate(e.mentions):
            span = sentence_at(sentences, starts, m.span[0])
            rows["mentions"].append(
                _row(
                    TABLES["mentions"], m, document_id=doc, entity_id=e.id, n=n,
                    sentence_span_start=span[0] if span else None,
                    sentence_span_end=span[1] if span else None, sentence=cut(span),
                )
            )  # fmt: skip
    rows["records"].append(
        _row(TABLES["records"], record, document_id=doc, record=record.model_dump_json())
    )
    return rows
