"""``yxnlp keys``: the indicator keys, with their Chinese names, English labels, units and counts.

One row per key of the indicator taxonomy: ``name`` (Chinese), ``en``, ``kinds``, the
``units`` its figures are stored in, and ``n``, ``n_documents``, ``first_year``, ``last_year``
in the store (``--found`` keeps the keys with at least one figure).
"""

from __future__ import annotations

import argparse
from typing import Any

from yxnlp.cli.options import add_db, open_store
from yxnlp.cli.output import add_output, pick, render, wanted


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "keys", help="indicator keys with Chinese names, English labels, units and counts"
    )
    p.add_argument("--found", action="store_true", help="only keys with figures in the store")
    add_db(p)
    add_output(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    df = open_store(args).keys()
    if args.found:
        df = df[df["n"] > 0].reset_index(drop=True)
    render(pick(df, wanted(args), fmt=args.format), args.format, bom=args.bom)
    return 0
