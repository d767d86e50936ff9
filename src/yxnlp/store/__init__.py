"""The store: an embedded DuckDB database of records, for SQL and for pandas.

Tables ``documents``, ``sections``, ``indicators``, ``entities``, ``mentions`` (and ``records``,
each record's JSON) have the record model's field names, derived from the model by
:func:`~yxnlp.store.schema.flatten`: nested objects are flattened with an underscore
(``region.name`` → ``region_name``, ``normalized.value`` → ``normalized_value``) and a span
``[start, end)`` becomes ``<field>_start``, ``<field>_end``; rows are inserted by column name.
The SQL files in ``yxnlp/data/store/`` create or migrate the schema (table ``schema_version``).
The views ``indicator_view``, ``entity_view`` and ``mention_view`` add each row's document
metadata (region, issuer, years, ``document_source``, ``document_path``), so ad-hoc SQL needs no
join.

Derived columns make the common questions one filter each (:mod:`yxnlp.store.rows`):

* ``documents.report_year``: ``plan_year``, else ``summary_year + 1``, else the published year;
  ``documents.path``: the source file's absolute path, checked against its sha256 (``id``).
* ``indicators.year``: the first four digits of the indicator's ``period``; when the period is
  null, the document's ``plan_year`` for a target and its ``summary_year`` otherwise;
  ``period_start`` and ``period_end``: the period as dates.
* ``indicators.sentence`` and ``mentions.sentence``: the text of the sentence each figure and
  each mention is in (:mod:`yxnlp.store.sources` finds the text when a record is stored).

An upsert replaces everything stored for a document id in one transaction, so a re-run never
duplicates and a killed writer never leaves half a document. Queries use read-only connections
with file access disabled: they cannot change the database or write files.

The package: :mod:`~yxnlp.store.schema` (tables and migrations), :mod:`~yxnlp.store.rows`
(record → rows), :mod:`~yxnlp.store.sources` (a record's file and text),
:mod:`~yxnlp.store.checks` and :mod:`~yxnlp.store.regions` (filter values checked, regions with
everything below them), :mod:`~yxnlp.store.filters` (filters as SQL),
:mod:`~yxnlp.store.frames` (typed frames), :mod:`~yxnlp.store.queries` (the reading methods),
:mod:`~yxnlp.store.export` (Parquet, CSV, JSON Lines; Stata by :mod:`~yxnlp.store.stata`)
with :mod:`~yxnlp.store.names` (column names valid in Stata and R), :mod:`~yxnlp.store.database`
(the :class:`Store`).

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
>>> Store(db).indicators("gdp_grwoth")
Traceback (most recent call last):
...
yxnlp.errors.UsageError: unknown indicator key 'gdp_grwoth' (did you mean gdp_growth?); `yxnlp keys` lists them
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: Each public name and the module that defines it. The names are loaded when first asked for
#: (PEP 562), so that a command which only needs the store's default path (``yxnlp extract``)
#: does not load DuckDB and pandas at start-up.
_HOMES: dict[str, str] = {
    "DEFAULT_PATH": "paths", "ENV_DB": "paths", "MEMORY": "paths", "default_path": "paths",
    "Store": "database", "FORMATS": "export", "VIEWS": "schema",
    "YearFilter": "filters", "parse_years": "filters", "valid_name": "names",
    "short_region_name": "regions", "indicator_year": "rows", "period_bounds": "rows",
    "record_rows": "rows", "report_year": "rows", "DOCUMENT_CONTEXT": "schema",
    "TABLES": "schema", "migrate": "schema", "migrations": "schema",
    "schema_version_supported": "schema",
}  # fmt: skip

__all__ = [
    "DEFAULT_PATH",
    "DOCUMENT_CONTEXT",
    "ENV_DB",
    "FORMATS",
    "MEMORY",
    "TABLES",
    "VIEWS",
    "Store",
    "YearFilter",
    "default_path",
    "indicator_year",
    "migrate",
    "migrations",
    "parse_years",
    "period_bounds",
    "record_rows",
    "report_year",
    "schema_version_supported",
    "short_region_name",
    "valid_name",
]


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


if TYPE_CHECKING:
    from yxnlp.store.database import Store
    from yxnlp.store.export import FORMATS
    from yxnlp.store.filters import YearFilter, parse_years
    from yxnlp.store.names import valid_name
    from yxnlp.store.paths import DEFAULT_PATH, ENV_DB, MEMORY, default_path
    from yxnlp.store.regions import short_region_name
    from yxnlp.store.rows import indicator_year, period_bounds, record_rows, report_year
    from yxnlp.store.schema import (
        DOCUMENT_CONTEXT,
        TABLES,
        VIEWS,
        migrate,
        migrations,
        schema_version_supported,
    )
