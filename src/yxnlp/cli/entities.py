"""``yxnlp entities``: entities from the store, with the years and reports they appear in.

By default one row per entity (``label`` + ``canonical``) with ``years``, ``n_documents``,
``n_mentions`` and ``names``; ``--per-document`` gives one row per document and entity;
``--mentions`` one row per mention with its sentence. ``--min-years N`` keeps the entities of at
least N report years, ``--min-documents N`` those of at least N reports. ``--year`` is the report
year.
"""

from __future__ import annotations

import argparse
from typing import Any

from yxnlp.cli.options import add_db, add_filters, filters, open_store
from yxnlp.cli.output import add_output, pick, render, wanted

NAMES = ("label", "region", "issuer")
#: The columns of ``--mentions --format table``.
MENTION_COLUMNS = "label canonical region_name report_year text sentence ref".split()


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "entities", help="entities from the store, with the years they appear in"
    )
    add_filters(p, NAMES, year="the report year")
    p.add_argument("--min-years", type=int, metavar="N", help="keep entities of at least N years")
    p.add_argument("--min-documents", type=int, metavar="N", help="keep entities of at least N reports")  # fmt: skip
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--per-document", action="store_true", help="one row per document and entity")  # fmt: skip
    shape.add_argument("--mentions", action="store_true", help="one row per mention, with its sentence")  # fmt: skip
    add_db(p)
    add_output(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    store = open_store(args)
    given = {**filters(args, NAMES), "min_years": args.min_years, "min_documents": args.min_documents}
    if args.mentions:
        df = store.mentions(**given)
        default = MENTION_COLUMNS
    else:
        df = store.entities(**given, grouped=not args.per_document)
        default = []
    render(pick(df, wanted(args), table_default=default, fmt=args.format), args.format, bom=args.bom)
    return 0
