"""``yxnlp compare``: indicator keys across years or regions with deltas; entity continuity.

Reads the store (``--db``) or record JSON files (``--records FILE_OR_DIR``). ``--entities``
prints new / continuing / dropped entities between consecutive reports of each issuer instead.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yxnlp.cli.query import FORMATS, render
from yxnlp.compare import Source, compare, continuity
from yxnlp.errors import InputError
from yxnlp.record import Record
from yxnlp.store import DEFAULT_PATH, Store, parse_years


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "compare", help="indicators by year or region with deltas; entity continuity"
    )
    p.add_argument("--db", type=Path, default=Path(DEFAULT_PATH), help="the DuckDB store")
    p.add_argument(
        "--records", type=Path, action="append", metavar="PATH",
        help="record JSON files or folders instead of the store (repeatable)",
    )  # fmt: skip
    p.add_argument("--by", choices=["year", "region"], default="year")
    p.add_argument("--key", action="append", help="indicator key (repeatable)")
    p.add_argument("--status", action="append", help="actual, estimate, target, progress")
    p.add_argument("--region", help="region name, short name (上海) or 6-digit code")
    p.add_argument("--issuer", help="issuer, exactly as in the records")
    p.add_argument("--years", help="a year or a range of indicator years: 2020-2024")
    p.add_argument("--entities", action="store_true", help="entity continuity instead")
    p.add_argument("--label", action="append", help="entity labels (default COMPANY, PROJECT)")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.set_defaults(run=run)


def _records(paths: list[Path]) -> list[Record]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(f for f in sorted(p.rglob("*.json")) if f.name != "index.json")
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(p, "no such file or folder")
    records = []
    for f in files:
        try:
            records.append(Record.from_json(f.read_bytes()))
        except ValueError as exc:
            raise InputError(f, f"not a yxnlp record ({str(exc).splitlines()[0]})") from exc
    return records


def run(args: argparse.Namespace) -> int:
    source: Source = _records(args.records) if args.records else Store(args.db)
    if args.entities:
        table = continuity(
            source, labels=args.label or ("COMPANY", "PROJECT"),
            issuer=args.issuer, region=args.region,
        )  # fmt: skip
        render(table, args.format)
        return 0
    years = parse_years(args.years) if args.years else None
    table = compare(
        source, by=args.by, keys=args.key, status=args.status,
        issuer=args.issuer, region=args.region, years=years,
    )  # fmt: skip
    units = ", ".join(
        f"{c}: {u}" for c, u in table.attrs.get("units", {}).items() if not c.endswith("delta")
    )
    render(table, args.format, index=True, title=f"units: {units}" if units else None)
    return 0
