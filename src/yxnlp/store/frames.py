"""Typed pandas frames from the store: dates, nullable integers, categoricals for enums.

Every frame :class:`~yxnlp.store.Store` returns goes through :func:`typed`:

* a column of a ``Literal`` field of the record (``kind``, ``qualifier``, ``status``, ``label``,
  ``schema_version``) is a categorical with the field's values as its categories, in the
  model's order, so a value that never occurs still counts as a category;
* integer columns are nullable ``Int64`` (a year that is unknown stays ``<NA>``, not a float);
  booleans are nullable ``boolean``;
* ``published`` is a date (``datetime64``), ``created`` a UTC timestamp; ``period_start`` and
  ``period_end`` (stored as DATE) are dates;
* an entity's ``attributes`` (JSON text) is also spread into typed ``attributes_<name>``
  columns (:data:`ATTRIBUTES`); the JSON stays for the attributes not listed there.

>>> import pandas as pd
>>> df = typed(pd.DataFrame({"status": ["target"], "year": [2024], "published": ["2024-01-20"],
...     "attributes": ['{"type": "park", "owner": null}']}))
>>> df.dtypes.astype(str).to_dict()["status"], str(df["year"].dtype), str(df["published"].dtype)
('category', 'Int64', 'datetime64[us]')
>>> list(df["status"].cat.categories)
['actual', 'estimate', 'target', 'progress']
>>> df["attributes_type"].tolist()
['park']
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pandas as pd

from yxnlp.store.schema import DOCUMENT_CONTEXT, TABLES, Column

#: Entity attributes spread into columns ``attributes_<name>``, with their pandas dtype.
ATTRIBUTES: dict[str, str] = {
    "type": "category",  # PROJECT: project, park, base, platform, …
    "owner": "string",  # PROJECT: the company that owns it
    "investment": "string",  # PROJECT: the investment figure as written (总投资2亿元)
    "investment_indicator": "string",  # PROJECT: the id of that figure's indicator
    "status": "category",  # PROJECT: 在建, 新开工, planned, …
    "code": "string",  # PLACE: the region's 6-digit code
    "issuer": "boolean",  # ORG: the body that issued the report
}

#: Columns holding dates written as text in the record: name → whether it is a UTC timestamp.
DATES: dict[str, bool] = {"published": False, "created": True}


@functools.cache
def columns() -> dict[str, Column]:
    """Every store column by name (a name in several tables has one type everywhere)."""
    out: dict[str, Column] = {}
    for table in TABLES.values():
        for column in table.columns:
            seen = out.setdefault(column.name, column)
            if (seen.sql_type, seen.categories) != (column.sql_type, column.categories):
                raise TypeError(f"column {column.name} has two types in the store")
    for view, name in DOCUMENT_CONTEXT:
        out.setdefault(view, TABLES["documents"].column(name))
    return out


def _attributes(text: Any) -> dict[str, Any]:
    if not isinstance(text, str):
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the dtypes above (module docstring); unknown columns are left as they are."""
    out = df.copy()
    known = columns()
    for name in out.columns:
        column = known.get(str(name))
        series = out[name]
        if column is not None and column.categories:
            out[name] = pd.Categorical(series, categories=list(column.categories))
        elif name in DATES:
            out[name] = pd.to_datetime(series, errors="coerce", utc=DATES[str(name)])
        elif column is not None and column.sql_type == "DATE":
            out[name] = pd.to_datetime(series, errors="coerce").astype("datetime64[us]")
        elif pd.api.types.is_bool_dtype(series) or (column and column.sql_type == "BOOLEAN"):
            out[name] = series.astype("boolean")
        elif pd.api.types.is_integer_dtype(series) or (column and column.sql_type == "INTEGER"):
            out[name] = series.astype("Int64")
        elif column is not None and column.sql_type == "VARCHAR" and series.dtype == object:
            out[name] = series.astype("str")  # an all-null text column comes back as objects
    if "attributes" in out.columns:
        parsed = [_attributes(a) for a in out["attributes"]]
        for key, dtype in ATTRIBUTES.items():
            values = [p.get(key) for p in parsed]
            out[f"attributes_{key}"] = pd.Series(values, index=out.index, dtype=dtype)
    return out
