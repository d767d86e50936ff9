"""``yxnlp extract FILE``: one report in, its knowledge record out (stdout or ``-o``).

``FILE`` may be ``-``: the report's plain text is read from stdin (UTF-8 or GB18030, like a
.txt file), and the record's ``document.source`` is ``--source`` (default ``<stdin>``).
``--summary`` prints a readable summary to stderr, saying how much of each list it leaves out.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from yxnlp import ingest
from yxnlp.cli.options import add_model, use_model
from yxnlp.errors import InputError
from yxnlp.io import write_atomic
from yxnlp.metadata import MANIFEST_COLUMNS, user_metadata
from yxnlp.pipeline import analyse, build_record, process
from yxnlp.record import Record

#: How many indicators and how many names per entity label the summary lists.
SUMMARY_INDICATORS = 12
SUMMARY_NAMES = 15


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser("extract", help="extract one report's record")
    p.add_argument("file", help=f"a report ({', '.join(SUFFIXES)}), or - for plain text on stdin")
    p.add_argument("-o", "--output", type=Path, help="write the JSON record here (atomically)")
    p.add_argument("--source", help="the document's source name for stdin (default <stdin>)")
    p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default="jieba")
    p.add_argument("--no-ner", action="store_true", help="rules only, skip the NER model")
    add_model(p)
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


SUFFIXES = ingest.SUFFIXES


def from_stdin(
    name: str, *, segmenter: str, ner: bool, meta: dict[str, str] | None = None
) -> Record:
    """The record of a plain-text report read from stdin (its id: the sha256 of the bytes)."""
    raw = sys.stdin.buffer.read(ingest.MAX_BYTES + 1)
    if len(raw) > ingest.MAX_BYTES:
        raise InputError(name, f"input too large (> {ingest.MAX_BYTES // 2**20} MiB)")
    if not raw.strip():
        raise InputError(name, "no input on stdin")
    text, _ = ingest.detect_and_decode(raw, path=name)
    source = ingest.Source(name=name, id=hashlib.sha256(raw).hexdigest(), text=text)
    return build_record(analyse(source, segmenter=segmenter, meta=meta), ner=ner)


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
    use_model(args)
    meta = parse_meta(args.meta)
    if args.file == "-":
        record = from_stdin(
            args.source or "<stdin>", segmenter=args.segmenter, ner=not args.no_ner, meta=meta
        )
    else:
        record = process(Path(args.file), segmenter=args.segmenter, ner=not args.no_ner, meta=meta)
    payload = record.to_json()
    if args.output:
        write_atomic(args.output, payload)
    else:
        sys.stdout.write(payload + "\n")
    if args.summary:
        print(summarise(record), file=sys.stderr)
    return 0


def _more(left: int, what: str) -> str:
    return f"  … and {left} more {what} (all of them are in the record)" if left > 0 else ""


def summarise(record: Record) -> str:
    """A few readable lines about a record; each cut list says how much it leaves out.

    >>> from yxnlp.record import Document
    >>> print(summarise(Record(document=Document(id="x", source="a.txt", title="某县报告"))))
    title      某县报告
    issuer     None
    region     -
    published  None   summary None   plan None
    sections   0
    sentences  0
    indicators 0
    entities   0
    """
    d = record.document
    levels = Counter(s.level for s in record.sections)
    region = f"{d.region.name} / {d.region.code}" if d.region else "-"
    lines = [
        f"title      {d.title}",
        f"issuer     {d.issuer}",
        f"region     {region}",
        f"published  {d.published}   summary {d.summary_year}   plan {d.plan_year}",
        "sections   " + (", ".join(f"level {k}: {v}" for k, v in sorted(levels.items())) or "0"),
        f"sentences  {len(record.sentences)}",
        f"indicators {len(record.indicators)}",
    ]
    for ind in record.indicators[:SUMMARY_INDICATORS]:
        lines.append(
            f"  {ind.subject or '?'}: {ind.text} [{ind.kind}, {ind.qualifier}, {ind.status},"
            f" {ind.period}] key={ind.key}"
        )
    lines.append(_more(len(record.indicators) - SUMMARY_INDICATORS, "indicators"))
    labels = Counter(e.label for e in record.entities)
    lines.append("entities   " + (", ".join(f"{k} {v}" for k, v in sorted(labels.items())) or "0"))
    for label in ("COMPANY", "PROJECT", "ORG", "PLACE"):
        names = [e.canonical for e in record.entities if e.label == label]
        if names:
            lines.append(f"  {label}: " + "、".join(names[:SUMMARY_NAMES]))
            lines.append(_more(len(names) - SUMMARY_NAMES, label))
    return "\n".join(line for line in lines if line)
