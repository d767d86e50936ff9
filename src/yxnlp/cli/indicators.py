"""``yxnlp indicators``: indicators from the store, filtered by key, status, region and year.

``--year`` is the indicator's year (its period's first four digits; see :mod:`yxnlp.store`);
``--region`` a region at any level with everything below it (repeatable). ``--columns sentence``
(or ``--sentence``) adds each figure's sentence; ``--distinct`` keeps one row per figure stated
several times in a report (with ``n_statements``). ``ref`` opens the figure in its text:
``yxnlp show --ref REF --html page.html``.
"""

from __future__ import annotations

import argparse
from typing import Any

from yxnlp.cli.options import add_db, add_filters, filters, open_store
from yxnlp.cli.output import add_output, pick, render, wanted

NAMES = ("key", "status", "region", "issuer")
#: Columns added on request (``--sentence``, ``--distinct``).
OPTIONAL = ("sentence", "n_statements")
#: The columns of ``--format table`` (csv and json give every column).
TABLE_COLUMNS = (
    "region_name year key text normalized_value normalized_max normalized_unit qualifier status"
    " period subject ref"
).split()


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "indicators", help="indicators from the store, filtered by key, status, region, year"
    )
    add_filters(p, NAMES, year="the indicator's year")
    p.add_argument("--sentence", action="store_true", help="add each figure's sentence")
    p.add_argument(
        "--distinct", action="store_true",
        help="one row per figure a report states several times (n_statements says how often)",
    )  # fmt: skip
    add_db(p)
    add_output(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    columns = wanted(args)
    sentence = args.sentence or "sentence" in columns
    df = open_store(args).indicators(
        **filters(args, NAMES), with_sentence=sentence, distinct=args.distinct
    )
    default = [*TABLE_COLUMNS, *(["n_statements"] if args.distinct else [])]
    default += ["sentence"] if sentence else []
    shown = pick(df, columns, table_default=default, fmt=args.format, optional=OPTIONAL)
    render(shown, args.format, bom=args.bom)
    return 0
