"""Compare: indicator keys side by side across years or regions, and entity continuity.

Records join on the indicator ``key`` and ``status`` (RECORD.md, "comparable across years").
:func:`compare` returns a wide table, one row per report series and year, one column
``<key>:<status>`` per indicator with ``<key>:<status>:delta``, the change from the previous row
of the same series:

* ``by="year"``: rows ``(issuer, year)``; the series is the issuer's reports, the delta is the
  change since the issuer's previous year in the table.
* ``by="region"``: rows ``(year, region)`` ordered by region code; the delta is the change since
  the region's previous year in the table.

``source`` is a :class:`~yxnlp.store.Store` or records; records are loaded into an in-memory
store first, so both go through the same SQL (filters, derived years, columns).

``year`` is the indicator's year (the first four digits of its period, else the document's plan
year for a target and summary year otherwise; see :mod:`yxnlp.store`); indicators without a key,
a year or a value are left out. Values are the
normalized values (``normalized.value``; ``value`` when not normalized); a key keeps only its
most frequent unit (``DataFrame.attrs["units"]`` maps each column to it). When a cell has several
candidates, one whose period is a single year beats a span (a 年均 target for 2026..2030 counts
for 2026 only when nothing else does), then the latest report's first mention wins.

:func:`continuity` lists, for consecutive reports of the same issuer, the entities that are new,
continuing or dropped (joined on ``label`` + ``canonical``).

>>> from yxnlp.record import Document, Indicator, Normalized, Record
>>> def rep(year, growth):
...     ind = Indicator(id="i1", key="gdp_growth", text=f"{growth}%", span=(0, 3),
...         sentence_span=(0, 9), kind="growth", status="target", source="rule:percent",
...         normalized=Normalized(value=growth, unit="percent"))
...     doc = Document(id=f"d{year}", source=f"{year}.txt", issuer="某市人民政府",
...         plan_year=year)
...     return Record(document=doc, indicators=[ind])
>>> compare([rep(2023, 5.0), rep(2024, 5.5)]).values.tolist()
[[5.0, nan], [5.5, 0.5]]
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Literal

import pandas as pd

from yxnlp.record import Record
from yxnlp.store import Store, YearFilter

By = Literal["year", "region"]
Source = Store | Iterable[Record]
CHANGES: tuple[str, ...] = ("new", "continuing", "dropped")


# --- long frames: from a store, or from records through an in-memory store -------------------


@contextlib.contextmanager
def opened(source: Source) -> Iterator[Store]:
    """``source`` as a store: itself, or its records in an in-memory store (closed after).

    Records thus go through the very same SQL (filters, derived years) as a store on disk.
    """
    if isinstance(source, Store):
        yield source
        return
    with Store.from_records(source) as store:
        yield store


def indicator_rows(
    source: Source,
    *,
    keys: Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    region: str | None = None,
    issuer: str | None = None,
    years: YearFilter = None,
) -> pd.DataFrame:
    """The indicators to compare, one row each, with their document's issuer, region and year
    (the columns of :meth:`yxnlp.store.Store.indicators`)."""
    with opened(source) as store:
        return store.indicators(keys, status=status, region=region, issuer=issuer, year=years)


def document_rows(
    source: Source, *, region: str | None = None, issuer: str | None = None
) -> pd.DataFrame:
    """Documents, one row each (``id``, ``issuer``, ``region_name``, ``report_year``, …)."""
    with opened(source) as store:
        return store.documents(region=region, issuer=issuer)


def entity_rows(
    source: Source,
    *,
    labels: Sequence[str] | None = None,
    region: str | None = None,
    issuer: str | None = None,
) -> pd.DataFrame:
    """Entities, one row per document and entity, with the document's issuer and year."""
    with opened(source) as store:
        return store.entities(labels, region=region, issuer=issuer)


# --- compare --------------------------------------------------------------------------------


def _series_name(df: pd.DataFrame, first: str, second: str) -> pd.Series:
    """A row's series label: ``first`` column, else ``second``, else the document id."""
    return df[first].fillna(df[second]).fillna(df["document_id"]).astype(str)


def compare(
    source: Source,
    *,
    by: By = "year",
    keys: Sequence[str] | None = None,
    status: str | Sequence[str] | None = None,
    issuer: str | None = None,
    region: str | None = None,
    years: YearFilter = None,
) -> pd.DataFrame:
    """A wide table of indicator values by year (or region) with deltas (module docstring).

    ``source`` is a :class:`~yxnlp.store.Store` or records; ``keys``, ``status``, ``issuer``,
    ``region`` (name, short name or code) and ``years`` (a year or an inclusive pair) filter.
    """
    if by not in ("year", "region"):
        raise ValueError(f"by must be 'year' or 'region', not {by!r}")
    df = indicator_rows(source, keys=keys, status=status, region=region, issuer=issuer, years=years)
    df = df[df["key"].notna() & df["year"].notna()].copy()
    df["v"] = df["normalized_value"].where(df["normalized_value"].notna(), df["value"])
    df["u"] = df["normalized_unit"].where(df["normalized_unit"].notna(), df["unit"]).fillna("")
    df = df[df["v"].notna()]
    df["column"] = df["key"].astype(str) + ":" + df["status"].astype(str)
    df["year"] = df["year"].astype(int)
    if by == "year":
        index = ["issuer", "year"]
        df["issuer"] = _series_name(df, "issuer", "region_name")
        order = ["issuer", "year"]
    else:
        index = ["year", "region"]
        df["region"] = _series_name(df, "region_name", "issuer")
        df["_code"] = df["region_code"].fillna("~")
        order = ["year", "_code", "region"]
    # one unit per column: the most frequent one (ties: the first in sort order)
    units = (
        df.groupby(["column", "u"]).size().reset_index(name="n")
        .sort_values(["column", "n", "u"], ascending=[True, False, True])
        .drop_duplicates("column")
    )  # fmt: skip
    unit_of: dict[str, str] = dict(zip(units["column"], units["u"], strict=True))
    df = df[df["u"] == df["column"].map(unit_of)]
    # one value per cell: a one-year period before a span (年均 2021..2025), then the latest
    # report's first mention
    df["_span"] = df["period"].fillna("").str.contains("..", regex=False)
    df = df.sort_values(
        ["_span", "report_year", "span_start"], ascending=[True, False, True], kind="stable"
    )
    cells = df.drop_duplicates([*index, "column"])
    rows = cells.sort_values(order, kind="stable")[index].drop_duplicates()
    wide = cells.pivot(index=index, columns="column", values="v")
    wide = wide.reindex(pd.MultiIndex.from_frame(rows)) if len(rows) else wide
    columns = sorted(wide.columns)
    series = "issuer" if by == "year" else "region"
    table = pd.DataFrame(index=wide.index)
    for column in columns:
        values = wide[column].astype(float)
        table[column] = values
        table[column + ":delta"] = values.groupby(level=series, sort=False).diff()
    table.columns.name = None
    table.attrs["units"] = {c: unit_of[c.removesuffix(":delta")] or None for c in table.columns}
    return table


# --- entity continuity ----------------------------------------------------------------------


def continuity(
    source: Source,
    *,
    labels: Sequence[str] | None = ("COMPANY", "PROJECT"),
    issuer: str | None = None,
    region: str | None = None,
) -> pd.DataFrame:
    """New, continuing and dropped entities between consecutive reports of each issuer.

    One row per entity and pair of consecutive report years of the same issuer, with columns
    ``issuer, year, previous_year, label, canonical, change``; a report without any entity of
    ``labels`` still counts (everything before it is dropped).
    """
    columns = ["issuer", "year", "previous_year", "label", "canonical", "change"]
    with opened(source) as store:
        docs = document_rows(store, region=region, issuer=issuer)
        ents = entity_rows(store, labels=labels, region=region, issuer=issuer)
    docs = docs[docs["report_year"].notna()].rename(columns={"id": "document_id"})
    docs["issuer"] = _series_name(docs, "issuer", "region_name")
    docs["report_year"] = docs["report_year"].astype(int)
    found = ents.groupby("document_id")[["label", "canonical"]]
    held = {doc: set(zip(g["label"], g["canonical"], strict=True)) for doc, g in found}
    out: list[tuple[str, int, int, str, str, str]] = []
    for name, group in docs.groupby("issuer", sort=True):
        by_year: dict[int, set[tuple[str, str]]] = {}
        for doc, year in zip(group["document_id"], group["report_year"], strict=True):
            by_year.setdefault(int(year), set()).update(held.get(doc, set()))
        for prev, year in itertools.pairwise(sorted(by_year)):
            before, after = by_year[prev], by_year[year]
            for change, items in (
                ("new", after - before),
                ("continuing", after & before),
                ("dropped", before - after),
            ):
                out.extend((str(name), year, prev, lab, can, change) for lab, can in items)
    table = pd.DataFrame(out, columns=pd.Index(columns))
    table["_c"] = table["change"].map(CHANGES.index)
    table = table.sort_values(["issuer", "year", "label", "_c", "canonical"], kind="stable")
    return table.drop(columns="_c").reset_index(drop=True)
