"""Frames out of the store: Parquet (written by pyarrow), CSV, JSON Lines and Stata.

:data:`VIEWS` are the frames an analyst starts from: ``indicators`` (with each sentence),
``entities`` (one row per document and entity), ``mentions`` (one row per mention, with its
sentence) and ``documents``. Each is written with the dtypes of :mod:`yxnlp.store.frames`:

* **Parquet** keeps them (categoricals as dictionaries, nullable integers, dates), so
  ``pd.read_parquet`` gives the frame back; R's ``arrow::read_parquet`` reads it too.
* **CSV** is UTF-8 (``bom=True`` adds a byte-order mark, which Excel needs to see UTF-8);
  dates are ISO text (``2024-01-20``), booleans ``1``/``0`` and lists ``;``-separated, so that
  Stata's ``import delimited`` and R's ``read.csv`` read every column. Every column name is a
  valid Stata and R name (letters, digits, ``_``; at most 32 characters).
* **JSON Lines**: one JSON object per row, Chinese and ``/`` unescaped, null for missing.
* **Stata** (``dta``): format 118 with a label on every variable and value labels on the
  categoricals (:mod:`yxnlp.store.stata`); R's ``haven::read_dta`` reads it too.

Files are written atomically (a temporary file, then a rename).

>>> import pandas as pd
>>> df = pd.DataFrame({"key": ["gdp_growth"], "value": [5.0], "source": ["a/b.txt"],
...     "unit_inferred": pd.array([True], dtype="boolean")})
>>> print(csv_text(df), end="")
key,value,source,unit_inferred
gdp_growth,5.0,a/b.txt,1
>>> print(jsonl_text(df), end="")
{"key": "gdp_growth", "value": 5.0, "source": "a/b.txt", "unit_inferred": true}
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from yxnlp.errors import UsageError, output_failure
from yxnlp.io import write_atomic
from yxnlp.store.checks import check
from yxnlp.store.names import valid_name
from yxnlp.store.schema import VIEWS
from yxnlp.store.stata import dta_bytes

if TYPE_CHECKING:
    from yxnlp.store.queries import Queries

FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "dta")


def view_frame(store: Queries, view: str, **filters: Any) -> pd.DataFrame:
    """One of :data:`VIEWS` with its filters (those of the store method it comes from)."""
    check("view", [view], VIEWS)
    if view == "indicators":
        return store.indicators(with_sentence=True, **filters)
    if view == "entities":
        return store.entities(**filters)
    if view == "mentions":
        return store.mentions(**filters)
    return store.documents(**filters)


def _plain(value: Any) -> Any:
    """A cell as a JSON-native value (``None`` for every kind of missing)."""
    if isinstance(value, list | tuple | np.ndarray):
        return [_plain(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if _is_midnight(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _is_midnight(ts: pd.Timestamp) -> bool:
    return ts.tzinfo is None and ts == ts.normalize()


def json_rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as JSON-native dicts (dates as ISO text, missing values as ``None``)."""
    names = [str(c) for c in df.columns]
    return [dict(zip(names, map(_plain, row), strict=True)) for row in df.itertuples(index=False)]


def jsonl_text(df: pd.DataFrame) -> str:
    """One JSON object per line."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in json_rows(df))


def json_text(df: pd.DataFrame) -> str:
    """A JSON array of objects, one per line (readable, no escaped ``/`` or Chinese)."""
    rows = [json.dumps(r, ensure_ascii=False) for r in json_rows(df)]
    return "[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n"


def for_csv(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with cells Stata, R and Excel all read: ISO dates, 1/0 booleans, ``;`` lists."""
    out = df.copy()
    for name in out.columns:
        series = out[name]
        if pd.api.types.is_bool_dtype(series):
            out[name] = series.astype("Int8")
        elif pd.api.types.is_datetime64_any_dtype(series):
            out[name] = [_plain(v) for v in series]
        elif series.dtype == object and any(isinstance(v, list | np.ndarray) for v in series):
            out[name] = [";".join(map(str, v)) if v is not None else None for v in series]
    return out


def csv_text(df: pd.DataFrame) -> str:
    """CSV text of :func:`for_csv` (no index)."""
    buf = io.StringIO()
    for_csv(df).to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def parquet_bytes(df: pd.DataFrame) -> bytes:
    """A Parquet file of ``df``, written by pyarrow (dtypes kept; no index)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    buf = io.BytesIO()
    pq.write_table(table, buf)
    return buf.getvalue()


def payload(
    df: pd.DataFrame, *, format: str, bom: bool = False, where: str | Path = "", name: str = ""
) -> str | bytes:
    """``df`` as the bytes (or text) of ``format`` (:data:`FORMATS`); ``name`` labels a Stata
    dataset (the view's name)."""
    check("format", [format], FORMATS)
    bad = [str(c) for c in df.columns if not valid_name(str(c))]
    if bad and format in ("csv", "dta"):
        raise UsageError(f"{where}: column names not valid in Stata/R: {', '.join(bad)}")
    writers: dict[str, Callable[[pd.DataFrame], str | bytes]] = {
        "parquet": parquet_bytes,
        "csv": lambda d: ("\ufeff" if bom else "") + csv_text(d),
        "jsonl": jsonl_text,
        "dta": lambda d: dta_bytes(d, name=name or Path(where).stem),
    }
    return writers[format](df)


def write(df: pd.DataFrame, path: str | Path, *, format: str, bom: bool = False) -> Path:
    """Write ``df`` to ``path`` in ``format`` (:data:`FORMATS`), atomically."""
    data = payload(df, format=format, bom=bom, where=path)
    with output_failure(path):
        write_atomic(path, data)
    return Path(path)


def export_views(
    store: Queries,
    folder: str | Path,
    *,
    format: str = "parquet",
    views: Sequence[str] = VIEWS,
    bom: bool = False,
    **filters: Any,
) -> list[Path]:
    """Write each of ``views`` to ``folder/<view>.<format>`` (module docstring): every file is
    read from the store and written to a temporary file before any is replaced, so a failure
    (a damaged store, a full disk) leaves the folder as it was."""
    check("format", [format], FORMATS)
    check("view", list(views), VIEWS)
    out = Path(folder)
    frames = {view: view_frame(store, view, **_filters_for(view, filters)) for view in views}
    data = {
        view: payload(df, format=format, bom=bom, where=out, name=view)
        for view, df in frames.items()
    }
    staged = [(out / f".{view}.{format}.tmp", out / f"{view}.{format}") for view in data]
    with output_failure(out):
        out.mkdir(parents=True, exist_ok=True)
        try:
            for (tmp, _), content in zip(staged, data.values(), strict=True):
                if isinstance(content, str):
                    tmp.write_text(content, "utf-8")
                else:
                    tmp.write_bytes(content)
            for tmp, target in staged:
                tmp.replace(target)
        finally:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
    return [target for _, target in staged]


#: The filters each view takes (the others are not about it).
_VIEW_FILTERS: dict[str, frozenset[str]] = {
    "indicators": frozenset({"key", "status", "region", "year", "issuer", "distinct"}),
    "entities": frozenset({"label", "region", "year", "issuer", "min_years", "min_documents"}),
    "mentions": frozenset({"label", "canonical", "region", "year", "issuer", "min_years", "min_documents"}),
    "documents": frozenset({"region", "year", "issuer"}),
}  # fmt: skip


def _filters_for(view: str, filters: dict[str, Any]) -> dict[str, Any]:
    known = frozenset().union(*_VIEW_FILTERS.values())
    check("filter", [k for k in filters if filters[k] is not None], known)
    return {k: v for k, v in filters.items() if k in _VIEW_FILTERS[view] and v is not None}
