"""A record → the rows it adds to each table, as ``{column name: value}`` (never positional).

The model's own columns come from :data:`yxnlp.store.schema.TABLES`; this module supplies the
keys and the derived values, and checks that they are exactly the ones the table declares:

* ``documents.report_year``: ``plan_year``, else ``summary_year + 1``, else the published year;
  ``n_sections``, ``n_sentences``, ``n_indicators``, ``n_entities``: the record's counts.
* ``indicators.year``: the first four digits of the indicator's ``period``; when the period is
  null, the document's ``plan_year`` for a target and its ``summary_year`` otherwise.
* ``entities.n_mentions``; ``mentions.n``, a mention's place in its entity's list.

>>> from yxnlp.record import Document
>>> rows = record_rows(Record(document=Document(id="x", source="a.txt", plan_year=2024)))
>>> {t: len(r) for t, r in rows.items()}
{'documents': 1, 'sections': 0, 'indicators': 0, 'entities': 0, 'mentions': 0, 'records': 1}
>>> rows["documents"][0]["report_year"], rows["documents"][0]["rules"]
(2024, '{}')
"""

from __future__ import annotations

from typing import Any

from yxnlp.record import Record
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


def _row(table: Table, obj: Any, **given: Any) -> Row:
    """The model's columns read from ``obj`` plus the keys and derived values ``given``."""
    row = {c.name: c.value(obj) for c in table.fields}
    row.update(given)
    if row.keys() != table.name_set:
        missing = sorted(set(table.names) - set(row))
        extra = sorted(set(row) - set(table.names))
        raise ValueError(f"table {table.name}: row lacks {missing} or has undeclared {extra}")
    return row


def record_rows(record: Record) -> dict[str, list[Row]]:
    """The rows a record contributes to each table (see the module docstring)."""
    d = record.document
    doc = d.id
    rows: dict[str, list[Row]] = {name: [] for name in TABLES}
    rows["documents"].append(
        _row(
            TABLES["documents"], record,
            report_year=report_year(record),
            n_sections=len(record.sections), n_sentences=len(record.sentences),
            n_indicators=len(record.indicators), n_entities=len(record.entities),
        )
    )  # fmt: skip
    for s in record.sections:
        rows["sections"].append(_row(TABLES["sections"], s, document_id=doc))
    for i in record.indicators:
        year = indicator_year(
            i.period, status=i.status, summary_year=d.summary_year, plan_year=d.plan_year
        )
        rows["indicators"].append(_row(TABLES["indicators"], i, document_id=doc, year=year))
    for e in record.entities:
        rows["entities"].append(
            _row(TABLES["entities"], e, document_id=doc, n_mentions=len(e.mentions))
        )
        for n, m in enumerate(e.mentions):
            rows["mentions"].append(
                _row(TABLES["mentions"], m, document_id=doc, entity_id=e.id, n=n)
            )
    rows["records"].append(
        _row(TABLES["records"], record, document_id=doc, record=record.model_dump_json())
    )
    return rows
