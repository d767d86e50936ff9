"""``yxnlp query``, ``yxnlp indicators``, ``yxnlp entities``: read the store (never write it).

``query`` runs one SQL statement on a read-only connection with file access disabled, so an
INSERT, DROP, COPY … TO or ATTACH fails with a one-line error; so do several statements at once
(run them one by one). A query is stopped after ``--timeout`` seconds (default 60) and may use
at most ``--memory-limit`` (default 2GB), both set before the connection's settings are locked;
Ctrl-C stops it cleanly (exit status 130). ``indicators`` and ``entities``
are shortcuts over :class:`yxnlp.store.Store`; ``--year`` is a year or a range (2020-2024) of
the indicator's period (first four digits; see :mod:`yxnlp.store`), or of the report year
for entities.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
from rich.console import Console
from rich.table import Table

from yxnlp.store import DEFAULT_PATH, Store, parse_years

FORMATS = ("table", "csv", "json")
DEFAULT_TIMEOUT = 60.0  # seconds
DEFAULT_MEMORY = "2GB"
_SIZE = re.compile(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B|B)", re.IGNORECASE)
# the default columns of ``indicators --format table`` (csv and json give every column)
INDICATOR_COLUMNS = (
    "region_name year key text normalized_value normalized_unit qualifier status period subject"
).split()


def add_parser(sub: Any) -> None:
    q: argparse.ArgumentParser = sub.add_parser(
        "query", help="run one read-only SQL query on the store"
    )
    q.add_argument(
        "sql",
        help='e.g. "SELECT issuer, count(*) FROM indicator_view GROUP BY 1" (tables: documents,'
        " sections, indicators, entities, mentions; views: indicator_view, entity_view)",
    )
    q.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop the query after this long (0: never; default {DEFAULT_TIMEOUT:g})")
    q.add_argument("--memory-limit", type=_size, default=DEFAULT_MEMORY, metavar="SIZE",
                   help=f"memory the query may use, e.g. 500MB, 8GB (default {DEFAULT_MEMORY})")
    _common(q)
    q.set_defaults(run=run_query)

    i: argparse.ArgumentParser = sub.add_parser(
        "indicators", help="indicators from the store, filtered by key, status, region, year"
    )
    i.add_argument("--key", action="append", help="indicator key (repeatable), e.g. gdp_growth")
    i.add_argument("--status", choices=["actual", "estimate", "target", "progress"])
    i.add_argument("--region", help="region name, short name (上海) or 6-digit code")
    i.add_argument("--issuer", help="issuer, exactly as in the documents table")
    i.add_argument("--year", type=_years, help="indicator year or range: 2026, 2020-2024")
    i.add_argument("--columns", help="comma-separated columns (default: a readable set)")
    _common(i)
    i.set_defaults(run=run_indicators)

    e: argparse.ArgumentParser = sub.add_parser(
        "entities", help="entities from the store, with the years they appear in"
    )
    e.add_argument("--label", action="append", help="COMPANY, PROJECT, ORG, PLACE (repeatable)")
    e.add_argument("--min-years", type=int, help="keep entities found in at least N years")
    e.add_argument("--region", help="region name, short name or 6-digit code")
    e.add_argument("--issuer", help="issuer, exactly as in the documents table")
    e.add_argument("--year", type=_years, help="report year or range: 2022, 2021-2022")
    e.add_argument("--per-document", action="store_true", help="one row per document and entity")
    _common(e)
    e.set_defaults(run=run_entities)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", type=Path, default=Path(DEFAULT_PATH), help="the DuckDB store")
    p.add_argument("--format", choices=FORMATS, default="table", help="output format")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}")
    return value


def _size(text: str) -> str:
    if not _SIZE.fullmatch(text.strip()):
        raise argparse.ArgumentTypeError(f"not a size such as 500MB or 4GB: {text!r}")
    return text.strip()


def _years(text: str) -> tuple[int, int]:
    try:
        return parse_years(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def run_query(args: argparse.Namespace) -> int:
    store = Store(args.db)
    try:
        df = store.query(args.sql, timeout=args.timeout or None, memory_limit=args.memory_limit)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, duckdb.OutOfMemoryException):
            first += f" (the limit is --memory-limit {args.memory_limit})"
        print(f"yxnlp: error: {args.db}: {first}", file=sys.stderr)
        return 1
    render(df, args.format)
    return 0


def run_indicators(args: argparse.Namespace) -> int:
    store = Store(args.db)
    df = store.indicators(
        args.key, status=args.status, region=args.region, issuer=args.issuer, year=args.year
    )
    if args.columns:
        wanted = [c.strip() for c in args.columns.split(",") if c.strip()]
        unknown = [c for c in wanted if c not in df.columns]
        if unknown:
            print(f"yxnlp: error: no column {', '.join(map(repr, unknown))} (columns:"
                  f" {', '.join(map(str, df.columns))})", file=sys.stderr)  # fmt: skip
            return 2
        df = df[wanted]
    elif args.format == "table":
        df = df[INDICATOR_COLUMNS]
    render(df, args.format)
    return 0


def run_entities(args: argparse.Namespace) -> int:
    store = Store(args.db)
    df = store.entities(
        args.label,
        min_years=args.min_years,
        region=args.region,
        issuer=args.issuer,
        year=args.year,
        grouped=not args.per_document,
    )
    render(df, args.format)
    return 0


# --- output ---------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def render(df: pd.DataFrame, fmt: str, *, index: bool = False, title: str | None = None) -> None:
    """Print a frame to stdout as a rich table, CSV or JSON records (NaN → empty / null)."""
    if index:
        df = df.reset_index()
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    elif fmt == "json":
        text = df.to_json(orient="records", force_ascii=False, indent=1) if len(df) else "[]"
        sys.stdout.write(text + "\n")
    else:
        table = Table(title=title, show_lines=False)
        for column in df.columns:
            numeric = pd.api.types.is_numeric_dtype(df[column])
            table.add_column(str(column), justify="right" if numeric else "left")
        for row in df.itertuples(index=False):
            table.add_row(*(_cell(v) for v in row))
        console = Console(soft_wrap=False)
        if not console.is_terminal:  # a pipe or a file: the table's natural width
            console = Console(soft_wrap=False, width=10_000)
        console.print(table)
        if df.empty:
            print("(no rows)", file=sys.stderr)
