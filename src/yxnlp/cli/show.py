"""``yxnlp show FILE --html OUT.html``: a record drawn on its text, for inspection in a browser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yxnlp import show
from yxnlp.io import write_atomic


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "show", help="write one standalone HTML page with the extraction highlighted on the text"
    )
    p.add_argument("file", type=Path, help="a report (processed now) or a record .json")
    p.add_argument("--html", type=Path, required=True, help="the page to write (atomically)")
    p.add_argument("--text", type=Path, help="the source text of a record .json, if moved")
    p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default="jieba")
    p.add_argument("--no-ner", action="store_true", help="rules only, skip the NER model")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    record, text = show.load(
        args.file, text=args.text, segmenter=args.segmenter, ner=not args.no_ner
    )
    write_atomic(args.html, show.render_html(record, text))
    marks = show.highlights(record, text)
    off = sum(not show.is_exact(h, text) for h in marks)
    print(
        f"{args.html}: {len(record.indicators)} indicators, {len(record.entities)} entities,"
        f" {len(marks)} highlights"
        + (f" ({off} with offsets that do not match the text)" if off else "")
    )
    return 0
