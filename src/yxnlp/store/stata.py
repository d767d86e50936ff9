"""Stata files of the store's views: ``.dta`` format 118 (UTF-8, Stata 14 and later), by pandas.

A view becomes a Stata dataset with a label for every variable (``data/store/labels.json``,
:func:`column_labels`) and these types:

* a categorical (``status``, ``kind``, ``label`` …) is an integer with value labels, so Stata
  shows ``target``, and ``pd.read_stata`` gives the categorical back;
* integers and booleans are numbers (``1``/``0``), a missing one is Stata's ``.``;
* dates are Stata dates (``%tc``), ``created`` in UTC;
* text is UTF-8; a missing text is ``""`` (Stata's missing string); a column with a value
  longer than 244 bytes (``sentence``, ``title``) is a ``strL``, which keeps the file small.

R reads the same file with ``haven::read_dta``.

>>> import io, pandas as pd
>>> df = pd.DataFrame({"key": ["gdp_growth", None], "year": pd.array([2024, None], dtype="Int64"),
...     "status": pd.Categorical(["target", "actual"])})
>>> back = pd.read_stata(io.BytesIO(dta_bytes(df, name="indicators")))
>>> back["key"].tolist(), back["status"].tolist()
(['gdp_growth', ''], ['target', 'actual'])
>>> pd.io.stata.StataReader(io.BytesIO(dta_bytes(df, name="x"))).variable_labels()["status"]
'actual, estimate (预计), target (目标/力争) or progress'
"""

from __future__ import annotations

import functools
import io
import json
from importlib import resources

import pandas as pd

#: Stata's longest variable label; the longest text a ``str#`` column is kept in here.
MAX_LABEL, MAX_STR = 80, 244


@functools.cache
def column_labels() -> dict[str, str]:
    """Every exported column's variable label, by column name (``data/store/labels.json``)."""
    path = resources.files("yxnlp.data").joinpath("store", "labels.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    left = sorted(k for k in data if not k.startswith("_") and k != "column_labels")
    if left:
        raise ValueError(f"labels.json: keys no code reads: {left}")
    labels: dict[str, str] = data["column_labels"]
    long = [k for k, v in labels.items() if not v or len(v) > MAX_LABEL]
    if long:
        raise ValueError(f"labels.json: labels empty or over {MAX_LABEL} characters: {long}")
    return labels


def for_stata(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``df`` with the types Stata takes (module docstring), and the columns to write as strL."""
    out = df.copy()
    strl: list[str] = []
    for name in out.columns:
        series = out[name]
        if isinstance(series.dtype, pd.CategoricalDtype):
            continue
        if pd.api.types.is_bool_dtype(series):
            out[name] = series.astype("Int8")
        elif isinstance(series.dtype, pd.DatetimeTZDtype):
            out[name] = series.dt.tz_convert("UTC").dt.tz_localize(None)
        elif pd.api.types.is_string_dtype(series):
            text = series.astype(object).where(series.notna(), "")
            out[name] = text
            if any(len(str(t).encode("utf-8")) > MAX_STR for t in text):
                strl.append(str(name))
    return out, strl


def dta_bytes(df: pd.DataFrame, *, name: str) -> bytes:
    """A Stata 118 file of ``df`` with variable labels; ``name`` (the view) labels the dataset."""
    data, strl = for_stata(df)
    labels = column_labels()
    variable_labels = {str(c): labels[str(c)] for c in data.columns if str(c) in labels}
    buf = io.BytesIO()
    data.to_stata(
        buf, version=118, write_index=False, convert_strl=strl,
        variable_labels=variable_labels, data_label=f"yxnlp {name}",
    )  # fmt: skip
    return buf.getvalue()
