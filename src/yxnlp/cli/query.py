"""``yxnlp query SQL``: one read-only SQL statement on the store (never writes it).

The statement runs on a read-only connection with file access disabled, so an INSERT, DROP,
COPY … TO or ATTACH fails with a one-line error. ``yxnlp indicators``, ``yxnlp entities`` and
``yxnlp keys`` are the shortcuts (:mod:`yxnlp.cli.indicators`, …).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import duckdb

from yxnlp.cli.options import add_db, db_path, open_store
from yxnlp.cli.output import FORMATS, add_output, render

__all__ = ["FORMATS", "add_parser", "render", "run_query"]


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
    add_db(q)
    add_output(q, columns=False)
    q.set_defaults(run=run_query)


def run_query(args: argparse.Namespace) -> int:
    store = open_store(args)
    try:
        df = store.query(args.sql)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        print(f"yxnlp: error: {db_path(args)}: {first}", file=sys.stderr)
        return 1
    render(df, args.format, bom=args.bom)
    return 0
