"""Stata files of the store's views: ``.dta`` format 118 (UTF-8, Stata 14 and later), by pandas.

A view becomes a Stata dataset with a label for every variable (``data/store/labels.json``,
:func:`column_labels`) and these types:

* a categorical of the record's fixed values (``status``, ``kind``, ``qualifier``, ``label``)
  is an integer with value labels, its codes in the record's order in every export, so Stata
  shows ``target``, and ``pd.read_stata`` gives the categorical back; a categorical whose values
  come from the data (an entity's ``attributes_type``) is text, so that two exports append
  without mixing codes, and one of numbers (``schema_version``) is a number;
* integers and booleans are numbers (``1``/``0``), a missing one is Stata's ``.``;
* a date (``published``, ``period_start``) is a Stata date (``%td``: ``year(published)``
  works), a time (``created``, in UTC) a Stata date-time (``%tc``);
* text is UTF-8; a missing text is ``""`` (Stata's missing string); a column with a value
  longer than 244 bytes (``sentence``, ``title``) is a ``strL``, which keeps the file small.

Variable labels are by column name, with a view's own where a name means something else there
(a document's ``id`` is its sha256, an indicator's ``id`` its row).

R reads the same file with ``haven::read_dta``.

>>> import io, pandas as pd
>>> df = pd.DataFrame({"key": ["gdp_growth", None], "year": pd.array([2024, None], dtype="Int64"),
...     "status": pd.Categorical(["target", "actual"])})
>>> back = pd.read_stata(io.BytesIO(dta_bytes(df, name="indicators")))
>>> back["key"].tolist(), back["status"].tolist()
(['gdp_growth', ''], ['target', 'actual'])
>>> pd.io.stata.StataReader(io.BytesIO(dta_bytes(df, name="x"))).variable_labels()["status"]
'actual, estimate (预计), target (目标/力争) or progress'
>>> column_labels("documents")["id"]
'Report id (sha256 of the input file)'
"""

from __future__ import annotations

import functools
import io
import json
from importlib import resources

import pandas as pd

from yxnlp.store.frames import columns

#: Stata's longest variable label; the longest text a ``str#`` column is kept in here.
MAX_LABEL, MAX_STR = 80, 244


@functools.cache
def _labels() -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    path = resources.files("yxnlp.data").joinpath("store", "labels.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    left = sorted(k for k in data if not k.startswith("_") and k not in ("column_labels", "view_labels"))
    if left:
        raise ValueError(f"labels.json: keys no code reads: {left}")
    labels: dict[str, str] = data["column_labels"]
    views: dict[str, dict[str, str]] = data.get("view_labels", {})
    every = [*labels.items(), *(kv for v in views.values() for kv in v.items())]
    long = [k for k, v in every if not v or len(v) > MAX_LABEL]
    if long:
        raise ValueError(f"labels.json: labels empty or over {MAX_LABEL} characters: {long}")
    return labels, views


def column_labels(view: str = "") -> dict[str, str]:
    """Every exported column's variable label, by column name, with ``view``'s own labels
    where it has them (``data/store/labels.json``)."""
    labels, views = _labels()
    return {**labels, **views.get(view, {})}


def _fixed_categories() -> frozenset[str]:
    """The columns whose categories the record fixes (its ``Literal`` fields)."""
    return frozenset(name for name, c in columns().items() if c.categories)


def for_stata(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """``df`` with the types Stata takes (module docstring), the columns to write as strL and
    the Stata format of each date column (``td`` for dates, ``tc`` for times)."""
    out = df.copy()
    strl: list[str] = []
    dates: dict[str, str] = {}
    fixed = _fixed_categories()
    for name in out.columns:
        series = out[name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            values = [str(c) for c in series.cat.categories]
            if values and all(v.isdigit() for v in values):
                out[name] = pd.to_numeric(series.astype(object), errors="coerce")
                continue
            if str(name) in fixed:
                continue
            series = series.astype(object).astype("str")  # categories from the data: text
        if pd.api.types.is_bool_dtype(series):
            out[name] = series.astype("Int8")
        elif pd.api.types.is_datetime64_any_dtype(series):
            if isinstance(series.dtype, pd.DatetimeTZDtype):
                series = series.dt.tz_convert("UTC").dt.tz_localize(None)
            out[name] = series
            timed = (series.dropna() != series.dropna().dt.normalize()).any()
            dates[str(name)] = "tc" if timed or str(name) == "created" else "td"
        elif pd.api.types.is_string_dtype(series):
            text = series.astype(object).where(series.notna(), "")
            out[name] = text
            if any(len(str(t).encode("utf-8")) > MAX_STR for t in text):
                strl.append(str(name))
    return out, strl, dates


def dta_bytes(df: pd.DataFrame, *, name: str) -> bytes:
    """A Stata 118 file of ``df`` with variable labels; ``name`` (the view) labels the dataset."""
    data, strl, dates = for_stata(df)
    labels = column_labels(name)
    variable_labels = {str(c): labels[str(c)] for c in data.columns if str(c) in labels}
    value_labels: dict[str, dict[float, str]] = {}
    if data.empty:  # pandas cannot label a categorical without rows: write its codes, labelled
        for c in data.columns:
            if isinstance(data[c].dtype, pd.CategoricalDtype):
                value_labels[str(c)] = {float(i): str(v) for i, v in enumerate(data[c].cat.categories)}
                data[c] = data[c].cat.codes.astype("int16")
    buf = io.BytesIO()
    data.to_stata(
        buf, version=118, write_index=False, convert_strl=strl, convert_dates=dates,
        variable_labels=variable_labels, data_label=f"yxnlp {name}",
        value_labels=value_labels or None,
    )  # fmt: skip
    return buf.getvalue()
