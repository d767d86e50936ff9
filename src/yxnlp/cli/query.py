"""``yxnlp query SQL``: one read-only SQL statement on the store (never writes it).

The statement runs on a read-only connection with file access disabled, so an INSERT, DROP,
COPY … TO or ATTACH fails with a one-line error; so do several statements at once (run them
one by one). A query is stopped after ``--timeout`` seconds (default 60) and may use at most
``--memory-limit`` (default 2GB), both set before the connection's settings are locked; Ctrl-C
stops it cleanly (exit status 130). ``yxnlp indicators``, ``yxnlp entities`` and ``yxnlp keys``
are the shortcuts (:mod:`yxnlp.cli.indicators`, …).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from typing import Any

import duckdb

from yxnlp.cli.options import add_db, db_path, open_store
from yxnlp.cli.output import FORMATS, add_output, render

__all__ = ["FORMATS", "add_parser", "render", "run_query"]

DEFAULT_TIMEOUT = 60.0  # seconds
DEFAULT_MEMORY = "2GB"
_SIZE = re.compile(r"\d+(?:\.\d+)?\s*(?:[KMGT]i?B|B)", re.IGNORECASE)


def add_parser(sub: Any) -> None:
    q: argparse.ArgumentParser = sub.add_parser(
        "query", help="run one read-only SQL query on the store"
    )
    q.add_argument(
        "sql",
        help='e.g. "SELECT issuer, count(*) FROM indicator_view GROUP BY 1" (tables: documents,'
        " sections, indicators, entities, mentions; views: indicator_view, entity_view,"
        " mention_view)",
    )
    q.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"stop the query after this long (0: never; default {DEFAULT_TIMEOUT:g})")  # fmt: skip
    q.add_argument("--memory-limit", type=_size, default=DEFAULT_MEMORY, metavar="SIZE",
                   help=f"memory the query may use, e.g. 500MB, 8GB (default {DEFAULT_MEMORY})")  # fmt: skip
    add_db(q)
    add_output(q, columns=False)
    q.set_defaults(run=run_query)


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


def run_query(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        df = store.query(args.sql, timeout=args.timeout or None, memory_limit=args.memory_limit)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, duckdb.OutOfMemoryException):
            first += f" (the limit is --memory-limit {args.memory_limit})"
        print(f"yxnlp: error: {db_path(args)}: {first}", file=sys.stderr)
        return 1
    render(df, args.format, bom=args.bom)
    return 0
