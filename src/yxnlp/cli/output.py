"""How the commands print a frame: a table for people, CSV, JSON or JSON Lines for programs.

CSV, JSON and JSON Lines come from :mod:`yxnlp.store.export` (dates as ISO text, missing as
empty or null, Chinese and ``/`` unescaped); ``--columns`` picks columns by name, checked
against the frame (an unknown name is an error with the closest names).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from yxnlp.store.checks import check
from yxnlp.store.export import csv_text, json_text, jsonl_text

FORMATS = ("table", "csv", "json", "jsonl")


def add_output(p: argparse.ArgumentParser, *, columns: bool = True) -> None:
    p.add_argument("--format", choices=FORMATS, default="table", help="output format")
    p.add_argument("--bom", action="store_true", help="CSV with a byte-order mark (for Excel)")
    if columns:
        p.add_argument("--columns", help="comma-separated columns (csv and json: all by default)")


def wanted(args: argparse.Namespace) -> list[str]:
    """The columns of ``--columns``, in order (empty: not given)."""
    given = getattr(args, "columns", None) or ""
    return [c.strip() for c in given.split(",") if c.strip()]


def pick(
    df: pd.DataFrame, columns: Sequence[str], *, table_default: Sequence[str] = (),
    fmt: str = "table", optional: Sequence[str] = (),
) -> pd.DataFrame:  # fmt: skip
    """``columns`` of ``df`` (checked); else ``table_default`` for a table; else all.

    ``optional`` names columns the command adds on request (``sentence``): a typo is compared
    with them too.
    """
    if columns:
        check("column", list(columns), [*map(str, df.columns), *optional])
        return df[list(columns)]
    if fmt == "table" and table_default:
        return df[[c for c in table_default if c in df.columns]]
    return df


def _cell(value: Any) -> str:
    if isinstance(value, list | tuple | np.ndarray):
        return ", ".join(_cell(v) for v in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.6g}"
    if isinstance(value, pd.Timestamp):
        return str(value.date().isoformat() if value == value.normalize() else value.isoformat())
    return str(value)


def render(df: pd.DataFrame, fmt: str, *, title: str | None = None, bom: bool = False) -> None:
    """Print ``df`` to stdout in ``fmt`` (:data:`FORMATS`)."""
    if fmt == "csv":
        sys.stdout.write(("\ufeff" if bom else "") + csv_text(df))
    elif fmt == "json":
        sys.stdout.write(json_text(df))
    elif fmt == "jsonl":
        sys.stdout.write(jsonl_text(df))
    else:
        table = Table(title=title, show_lines=False)
        for column in df.columns:
            numeric = pd.api.types.is_numeric_dtype(df[column]) and not pd.api.types.is_bool_dtype(df[column])  # fmt: skip
            table.add_column(str(column), justify="right" if numeric else "left")
        for row in df.itertuples(index=False):
            table.add_row(*(_cell(v) for v in row))
        console = Console(soft_wrap=False)
        if not console.is_terminal:  # a pipe or a file: the table's natural width
            console = Console(soft_wrap=False, width=10_000)
        console.print(table)
        if df.empty:
            print("(no rows)", file=sys.stderr)
