"""``yxnlp extract FILE``: one report in, its knowledge record out (stdout or ``-o``)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from yxnlp.errors import InputError
from yxnlp.ingest import SUFFIXES
from yxnlp.io import write_atomic
from yxnlp.metadata import MANIFEST_COLUMNS, user_metadata
from yxnlp.pipeline import process
from yxnlp.record import Record


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("extract", help="extract one report's record")
    p.add_argument("file", type=Path, help=f"a report: {', '.join(SUFFIXES)}")
    p.add_argument("-o", "--output", type=Path, help="write the JSON record here (atomically)")
    p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default="jieba")
    p.add_argument("--no-ner", action="store_true", help="rules only, skip the NER model")
    p.add_argument("--summary", action="store_true", help="print a readable summary to stderr")
    p.add_argument(
        "--meta",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=f"metadata you know, wins over a guess ({', '.join(MANIFEST_COLUMNS[1:])});"
        " repeatable",
    )
    p.set_defaults(run=run)


def parse_meta(pairs: list[str]) -> dict[str, str]:
    """``["region=嘉善县", "plan_year=2024"]`` as a dict, each value checked.

    >>> parse_meta(["region=嘉善县", "url=http://a.gov.cn/?x=1"])
    {'region': '嘉善县', 'url': 'http://a.gov.cn/?x=1'}
    """
    out: dict[str, str] = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise InputError("--meta", f"{pair!r} is not KEY=VALUE")
        out[key.strip()] = value
    user_metadata(out, where="--meta")
    return out


def run(args: argparse.Namespace) -> int:
    record = process(
        args.file, segmenter=args.segmenter, ner=not args.no_ner, meta=parse_meta(args.meta)
    )
    payload = record.to_json()
    if args.output:
        write_atomic(args.output, payload)
    else:
        sys.stdout.write(payload + "\n")
    if args.summary:
        print(summarise(record), file=sys.stderr if not args.output else sys.stdout)
    return 0


def summarise(record: Record) -> str:
    """A few readable lines about a record."""
    d = record.document
    levels = Counter(s.level for s in record.sections)
    region = f"{d.region.name} / {d.region.code}" if d.region else "-"
    lines = [
        f"title      {d.title}",
        f"issuer     {d.issuer}",
        f"region     {region}",
        f"published  {d.published}   summary {d.summary_year}   plan {d.plan_year}",
        "sections   " + ", ".join(f"level {k}: {v}" for k, v in sorted(levels.items())),
        f"sentences  {len(record.sentences)}",
        f"indicators {len(record.indicators)}",
    ]
    for ind in record.indicators[:12]:
        lines.append(
            f"  {ind.subject or '?'}: {ind.text} [{ind.kind}, {ind.qualifier}, {ind.status},"
            f" {ind.period}] key={ind.key}"
        )
    labels = Counter(e.label for e in record.entities)
    lines.append("entities   " + (", ".join(f"{k} {v}" for k, v in sorted(labels.items())) or "0"))
    for label in ("COMPANY", "PROJECT", "ORG", "PLACE"):
        names = [e.canonical for e in record.entities if e.label == label]
        if names:
            lines.append(f"  {label}: " + "、".join(names[:15]) + (" …" if len(names) > 15 else ""))
    return "\n".join(lines)
