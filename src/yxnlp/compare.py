"""Compare: indicator keys across years or regions, with their qualifiers; entity continuity.

Records join on the indicator ``key`` and ``status`` (RECORD.md, "comparable across years").
:func:`compare` returns one row per *cell* — a report series (``region`` and ``issuer``), a
``year``, a ``key`` and a ``status`` — with the figure as the analyst needs it:

* ``value`` and ``max`` (the low and high end of a range such as 6.5%－7%; ``max`` is empty
  otherwise), ``qualifier`` (exact, approx, at_least, …), ``unit`` (as stored: ``percent``,
  ``CNY``, ``count``, …), ``text`` (as written) and ``period``;
* ``previous_year`` (the series' previous year in the table), ``delta`` (the change since the
  year before, only when that year is in the table) and ``gap`` (years are missing between
  ``previous_year`` and ``year``: no delta is computed across them);
* ``n_values``: how many different figures the reports give for the cell. One is shown, never
  an average of them: a single-year period before a span such as 年均 2021..2025, then an exact
  value before an approximate one, a range and a bound (``QUALIFIER_RANK``: 4.32万亿元 before
  突破4万亿元), then the latest report, then the first mention; ``ref``: the figure shown, for
  ``yxnlp show --ref``.

``by="year"`` orders the rows series by series, ``by="region"`` year by year across regions;
the row labels are the same (``region``, ``region_code``, ``issuer``, ``year``). ``wide=True``
pivots the cells into columns ``<key>_<status>`` with ``_max``, ``_qualifier``, ``_unit``,
``_delta`` and ``_gap``; every column name is valid in Stata and R (long keys are shortened,
``attrs["labels"]`` says what each column holds).

Nothing is left out silently: ``attrs["dropped"]`` lists what was (a figure without a value or
a year, a total over several years such as 五年新增城镇就业5100万人 (2003..2007), which is no one
year's figure, a key's figures in a unit other than its most frequent one), with the reason;
they are also logged (the command line prints them as notes).

``source`` is a :class:`~yxnlp.store.Store` or records; records are loaded into an in-memory
store first, so both go through the same SQL (filters, derived years, columns).

>>> from yxnlp.record import Document, Indicator, Normalized, Record
>>> def rep(year, low, high=None):
...     ind = Indicator(id="i1", key="gdp_growth", text=f"{low}%", span=(0, 3),
...         sentence_span=(0, 9), kind="growth", status="target", source="rule:percent",
...         qualifier="range" if high else "approx",
...         normalized=Normalized(value=low, max=high, unit="percent"))
...     doc = Document(id=f"d{year}", source=f"{year}.txt", issuer="某市人民政府", plan_year=year)
...     return Record(document=doc, indicators=[ind])
>>> t = compare([rep(2016, 6.5, 7.0), rep(2017, 6.5), rep(2019, 6.0)])
>>> t[["year", "value", "max", "qualifier", "delta", "gap"]].values.tolist()
[[2016, 6.5, 7.0, 'range', nan, False], [2017, 6.5, nan, 'approx', 0.0, False], [2019, 6.0, nan, 'approx', nan, True]]
>>> list(compare([rep(2016, 6.5, 7.0)], wide=True).columns)[4:7]
['gdp_growth_target', 'gdp_growth_target_max', 'gdp_growth_target_qualifier']
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

import pandas as pd

from yxnlp.record import Record
from yxnlp.store import Store, YearFilter
from yxnlp.store.names import stem

log = logging.getLogger(__name__)

By = Literal["year", "region"]
Source = Store | Iterable[Record]
Values = str | Sequence[str] | None
CHANGES: tuple[str, ...] = ("new", "continuing", "dropped")
#: The row labels of every comparison, in order.
LABELS: tuple[str, ...] = ("region", "region_code", "issuer", "year")
#: The columns of a long comparison.
LONG: tuple[str, ...] = (
    *LABELS, "key", "status", "value", "max", "qualifier", "unit", "text", "period",
    "previous_year", "delta", "gap", "n_values", "ref", "document_id",
)  # fmt: skip
#: Which figure a cell shows first: an exact value, then an approximate one, then a range,
#: then a bound (more_than, at_least, at_most, less_than: 突破4万亿元 says less than 4.32万亿元).
QUALIFIER_RANK: dict[str, int] = {"exact": 0, "approx": 1, "range": 2}
#: Kinds whose figure over a span of years (2003..2007) is the span's total, no year's value:
#: left out (and said so) rather than shown under the span's first year.
TOTAL_KINDS: tuple[str, ...] = ("amount", "count", "quantity")
#: The columns of each cell in a wide comparison (the value's column has no suffix).
WIDE_FIELDS: tuple[str, ...] = ("value", "max", "qualifier", "unit", "delta", "gap")


# --- long frames: from a store, or from records through an in-memory store -------------------


@contextlib.contextmanager
def opened(source: Source) -> Iterator[Store]:
    """``source`` as a store: itself, or its records in an in-memory store (closed after)."""
    if isinstance(source, Store):
        yield source
        return
    with Store.from_records(source) as store:
        yield store


def indicator_rows(
    source: Source, *, key: Values = None, status: Values = None, region: Values = None,
    issuer: Values = None, year: YearFilter = None,
) -> pd.DataFrame:  # fmt: skip
    """The indicators to compare, one row each (:meth:`yxnlp.store.Store.indicators`)."""
    with opened(source) as store:
        return store.indicators(key, status=status, region=region, issuer=issuer, year=year)


def document_rows(source: Source, *, region: Values = None, issuer: Values = None) -> pd.DataFrame:
    """Documents, one row each (``id``, ``issuer``, ``region_name``, ``report_year``, …)."""
    with opened(source) as store:
        return store.documents(region=region, issuer=issuer)


def entity_rows(
    source: Source, *, label: Values = None, region: Values = None, issuer: Values = None
) -> pd.DataFrame:
    """Entities, one row per document and entity, with the document's issuer and year."""
    with opened(source) as store:
        return store.entities(label, region=region, issuer=issuer)


# --- compare --------------------------------------------------------------------------------


def _labelled(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the row labels: ``region`` (the region's name), ``issuer`` (else the
    region's name, else the document id), ``year``."""
    out = df.assign(
        region=df["region_name"].astype(object).where(df["region_name"].notna(), None),
        issuer=df["issuer"].fillna(df["region_name"]).fillna(df["document_id"]).astype(str),
        region_code=df["region_code"].astype(object).where(df["region_code"].notna(), None),
    )
    out["_series"] = out["region_code"].fillna("~").astype(str) + "|" + out["issuer"]
    return out


def _drop(dropped: list[dict[str, object]], rows: pd.DataFrame, reason: str) -> None:
    for (key, status, unit), group in rows.groupby(["key", "status", "unit"], dropna=False, observed=True):
        dropped.append({"key": key, "status": status, "unit": unit, "n": len(group), "reason": reason})  # fmt: skip


def _cells(df: pd.DataFrame, dropped: list[dict[str, object]]) -> pd.DataFrame:
    """One figure per cell, from the indicators of :func:`indicator_rows`."""
    df = df.assign(
        value=df["normalized_value"].where(df["normalized_value"].notna(), df["value"]),
        max=df["normalized_max"],
        unit=df["normalized_unit"].where(df["normalized_unit"].notna(), df["unit"]),
        status=df["status"].astype(str), qualifier=df["qualifier"].astype(str),
    )  # fmt: skip
    _drop(dropped, df[df["key"].isna()], "no key: not in the indicator taxonomy")
    df = df[df["key"].notna()]
    _drop(dropped, df[df["value"].isna() | df["year"].isna()], "no value or no year")
    df = df[df["value"].notna() & df["year"].notna()].copy()
    total = df["kind"].isin(TOTAL_KINDS) & df["period"].fillna("").str.fullmatch(r"\d{4}\.\.\d{4}")
    _drop(dropped, df[total], "a total over several years (五年新增…: period a..b), no one year's figure")
    df = df[~total].copy()
    df["unit"] = df["unit"].fillna("")
    counts = df.groupby(["key", "status", "unit"]).size().reset_index(name="n")
    main = counts.sort_values(["key", "status", "n", "unit"], ascending=[True, True, False, True])
    main = main.drop_duplicates(["key", "status"]).set_index(["key", "status"])["unit"]
    unit_of = pd.Series([main[(k, s)] for k, s in zip(df["key"], df["status"], strict=True)], index=df.index)  # fmt: skip
    other = df[df["unit"] != unit_of]
    for (key, status), group in other.groupby(["key", "status"]):
        for unit, rows in group.groupby("unit"):
            reason = f"another unit: {key} {status} is compared in {main[(key, status)] or 'no unit'}, its most frequent unit"  # fmt: skip
            dropped.append({"key": key, "status": status, "unit": unit or None, "n": len(rows), "reason": reason})  # fmt: skip
    df = _labelled(df[df["unit"] == unit_of])
    df["year"] = df["year"].astype(int)
    df["_span"] = df["period"].fillna("").str.contains("..", regex=False)
    df["_bound"] = df["qualifier"].map(lambda q: QUALIFIER_RANK.get(q, len(QUALIFIER_RANK)))
    df = df.sort_values(["_span", "_bound", "report_year", "span_start"], ascending=[True, True, False, True], kind="stable")  # fmt: skip
    cell = ["_series", "year", "key", "status"]
    n_values = df.groupby(cell)[["value", "max"]].apply(lambda g: len(g.drop_duplicates()))
    cells = df.drop_duplicates(cell).copy()
    cells["n_values"] = [int(n_values[tuple(k)]) for k in cells[cell].itertuples(index=False)]
    cells["unit"] = cells["unit"].replace("", None)
    return cells


def _deltas(cells: pd.DataFrame) -> pd.DataFrame:
    """``previous_year``, ``delta`` and ``gap`` within each series, key and status."""
    cells = cells.sort_values(["_series", "key", "status", "year"], kind="stable")
    group = cells.groupby(["_series", "key", "status"], sort=False)
    previous = group["year"].shift()
    cells["previous_year"] = pd.array(previous, dtype="Int64")
    adjacent = (previous == cells["year"] - 1).fillna(False)
    cells["delta"] = (cells["value"] - group["value"].shift()).where(adjacent)
    cells["gap"] = (previous.notna() & ~adjacent).astype(bool)
    return cells


def compare(
    source: Source,
    *,
    by: By = "year",
    key: Values = None,
    status: Values = None,
    region: Values = None,
    issuer: Values = None,
    year: YearFilter = None,
    wide: bool = False,
) -> pd.DataFrame:
    """Indicator values by year (or region) with qualifiers and deltas (module docstring).

    ``source`` is a :class:`~yxnlp.store.Store` or records; ``key``, ``status``, ``issuer``,
    ``region`` (names or codes; a region includes everything below it) and ``year`` (a year or
    an inclusive pair) filter as in :meth:`yxnlp.store.Store.indicators`.
    """
    if by not in ("year", "region"):
        raise ValueError(f"by must be 'year' or 'region', not {by!r}")
    df = indicator_rows(source, key=key, status=status, region=region, issuer=issuer, year=year)
    dropped: list[dict[str, object]] = []
    cells = _deltas(_cells(df, dropped))
    order = (
        ["_code", "issuer", "key", "status", "year"] if by == "year"
        else ["key", "status", "year", "_code", "issuer"]
    )  # fmt: skip
    cells["_code"] = cells["region_code"].fillna("~")
    cells = cells.sort_values(order, kind="stable")
    cells["ref"] = cells["document_id"].str.slice(0, 12) + ":" + cells["id"].astype(str)
    long = cells.reindex(columns=list(LONG)).reset_index(drop=True)
    long = long.astype({"year": "Int64", "value": float, "max": float, "delta": float, "gap": bool})
    long["n_values"] = long["n_values"].astype("Int64")
    table = _wide(long, by=by) if wide else long
    table.attrs["dropped"] = pd.DataFrame(dropped, columns=pd.Index(["key", "status", "unit", "n", "reason"]))  # fmt: skip
    for item in dropped:
        log.warning("left out %s %s figure(s) in %s: %s", item["n"], item["key"] or "", item["unit"] or "no unit", item["reason"])  # fmt: skip
    several = int((long["n_values"] > 1).sum())
    if several:
        log.info("%d cell(s) have more than one figure; the table shows one (see n_values)", several)
    return table


def _wide(long: pd.DataFrame, *, by: By) -> pd.DataFrame:
    """The cells of ``long`` as columns ``<key>_<status>[_field]`` (module docstring)."""
    labels = list(LABELS)
    rows = long[labels].drop_duplicates()
    rows = rows.assign(_code=rows["region_code"].fillna("~"))
    order = ["_code", "issuer", "year"] if by == "year" else ["year", "_code", "issuer"]
    table = rows.sort_values(order, kind="stable").drop(columns="_code").reset_index(drop=True)
    names: dict[str, str] = {}
    used: set[str] = set(labels)
    for (key, status), cell in long.groupby(["key", "status"], sort=True):
        # the key shortened, the status kept whole: every column of a status ends in it
        tail = f"_{status}"
        taken = {u.removesuffix(tail) for u in used if u.endswith(tail)} | set(labels)
        base = stem(str(key), used=taken, longest_suffix=f"{tail}_qualifier") + tail
        cell = cell.set_index(labels)
        for field in WIDE_FIELDS:
            column = base if field == "value" else f"{base}_{field}"
            used.add(column)
            names[column] = f"{key} {status} {field}"
            values = cell[field].reindex(pd.MultiIndex.from_frame(table[labels]))
            table[column] = values.to_numpy()
            if field == "gap":
                table[column] = table[column].astype("boolean")
    table.attrs["labels"] = names
    return table


# --- entity continuity ----------------------------------------------------------------------


def continuity(
    source: Source,
    *,
    label: Values = ("COMPANY", "PROJECT"),
    issuer: Values = None,
    region: Values = None,
) -> pd.DataFrame:
    """New, continuing and dropped entities between consecutive reports of each issuer.

    One row per entity and pair of consecutive report years of the same series, with columns
    ``region, region_code, issuer, year, previous_year, label, canonical, change``; a report
    without any entity of ``label`` still counts (everything before it is dropped).
    """
    columns = [*LABELS, "previous_year", "label", "canonical", "change"]
    with opened(source) as store:
        docs = document_rows(store, region=region, issuer=issuer)
        ents = entity_rows(store, label=label, region=region, issuer=issuer)
    docs = docs[docs["report_year"].notna()].rename(columns={"id": "document_id"})
    docs = _labelled(docs)
    found = ents.groupby("document_id")[["label", "canonical"]]
    held = {doc: set(zip(g["label"].astype(str), g["canonical"], strict=True)) for doc, g in found}
    out: list[tuple[object, ...]] = []
    for _, group in docs.groupby("_series", sort=True):
        first = group.iloc[0]
        by_year: dict[int, set[tuple[str, str]]] = {}
        for doc, y in zip(group["document_id"], group["report_year"], strict=True):
            by_year.setdefault(int(y), set()).update(held.get(doc, set()))
        for prev, y in itertools.pairwise(sorted(by_year)):
            before, after = by_year[prev], by_year[y]
            for change, items in (("new", after - before), ("continuing", after & before), ("dropped", before - after)):  # fmt: skip
                out.extend((first["region"], first["region_code"], first["issuer"], y, prev, lab, can, change) for lab, can in items)  # fmt: skip
    table = pd.DataFrame(out, columns=pd.Index(columns))
    table["_c"] = table["change"].map(CHANGES.index)
    table = table.sort_values(["region_code", "issuer", "year", "label", "_c", "canonical"], kind="stable")  # fmt: skip
    table = table.drop(columns="_c").reset_index(drop=True)
    return table.astype({"year": "Int64", "previous_year": "Int64"})
