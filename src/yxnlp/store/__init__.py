"""The store: an embedded DuckDB database of records, for SQL and for pandas.

Tables ``documents``, ``sections``, ``indicators``, ``entities``, ``mentions`` (and ``records``,
each record's JSON) have the record model's field names, derived from the model by
:func:`~yxnlp.store.schema.flatten`: nested objects are flattened with an underscore
(``region.name`` → ``region_name``, ``normalized.value`` → ``normalized_value``) and a span
``[start, end)`` becomes ``<field>_start``, ``<field>_end``; rows are inserted by column name.
The SQL files in ``yxnlp/data/store/`` create or migrate the schema (table ``schema_version``).
The views ``indicator_view`` and ``entity_view`` add each row's document metadata (region,
issuer, years, ``document_source``), so ad-hoc SQL needs no join.

Derived columns make the common questions one filter each (:mod:`yxnlp.store.rows`):

* ``documents.report_year``: ``plan_year``, else ``summary_year + 1``, else the published year.
* ``indicators.year``: the first four digits of the indicator's ``period``; when the period is
  null, the document's ``plan_year`` for a target and its ``summary_year`` otherwise.

An upsert replaces everything stored for a document id in one transaction, so a re-run never
duplicates and a killed writer never leaves half a document. Queries use read-only connections
with file access disabled: they cannot change the database or write files.

The package: :mod:`~yxnlp.store.schema` (tables and migrations), :mod:`~yxnlp.store.rows`
(record → rows), :mod:`~yxnlp.store.filters` (region and year filters as SQL),
:mod:`~yxnlp.store.database` (the :class:`Store`).

>>> import tempfile, pathlib
>>> from yxnlp.record import Document, Indicator, Record, Region
>>> db = pathlib.Path(tempfile.mkdtemp()) / "demo.duckdb"
>>> rec = Record(document=Document(id="d1", source="a.txt", region=Region(name="上海市"),
...     plan_year=2024), indicators=[Indicator(id="i1", key="gdp_growth", text="5%左右",
...     span=(10, 14), sentence_span=(0, 20), kind="growth", status="target", period=None,
...     source="rule:percent")])
>>> with Store(db, read_only=False) as st:
...     st.upsert([rec]); st.upsert([rec])
1
1
>>> df = Store(db).indicators("gdp_growth", region="上海")
>>> df[["region_name", "year", "text"]].values.tolist()
[['上海市', 2024, '5%左右']]
"""

from __future__ import annotations

from yxnlp.store.database import DEFAULT_PATH, MEMORY, Store
from yxnlp.store.filters import YearFilter, parse_years, short_region_name
from yxnlp.store.rows import indicator_year, record_rows, report_year
from yxnlp.store.schema import (
    DOCUMENT_CONTEXT,
    TABLES,
    migrate,
    migrations,
    schema_version_supported,
)

__all__ = [
    "DEFAULT_PATH",
    "DOCUMENT_CONTEXT",
    "MEMORY",
    "TABLES",
    "Store",
    "YearFilter",
    "indicator_year",
    "migrate",
    "migrations",
    "parse_years",
    "record_rows",
    "report_year",
    "schema_version_supported",
    "short_region_name",
]
