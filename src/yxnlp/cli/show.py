"""``yxnlp show``: a record drawn on its text, as one standalone HTML page for a browser.

``yxnlp show FILE --html OUT.html`` draws a report (processed now) or a record ``.json``;
``--indicator ID`` (an indicator or entity id of that record) opens the page at it.
``yxnlp show --ref REF --html OUT.html`` opens a stored record at the item ``REF`` names (the
``ref`` column of ``yxnlp indicators``, ``entities --mentions`` and ``compare``). Any page also
opens at the item in its address: ``OUT.html#i12``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yxnlp import show
from yxnlp.cli.options import add_db, open_store
from yxnlp.errors import UsageError
from yxnlp.io import write_atomic
from yxnlp.store.checks import check


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "show", help="write one standalone HTML page with the extraction highlighted on the text"
    )
    p.add_argument("file", type=Path, nargs="?", help="a report (processed now) or a record .json")
    p.add_argument("--html", type=Path, required=True, help="the page to write (atomically)")
    p.add_argument("--ref", help="open a stored record at this item (<document>:<id>)")
    p.add_argument("--indicator", metavar="ID", help="open FILE's page at this indicator or entity id")  # fmt: skip
    p.add_argument("--text", type=Path, help="the source text, if it moved")
    p.add_argument("--segmenter", choices=["jieba", "pkuseg"], default="jieba")
    p.add_argument("--no-ner", action="store_true", help="rules only, skip the NER model")
    add_db(p, what="the store of --ref")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if (args.file is None) == (args.ref is None):
        raise UsageError("show needs a FILE or --ref (one of them)")
    if args.ref is not None:
        record, text, focus = show.load_ref(open_store(args), args.ref, text=args.text)
    else:
        record, text = show.load(
            args.file, text=args.text, segmenter=args.segmenter, ner=not args.no_ner
        )
        focus = args.indicator
        if focus is not None:
            ids = [i.id for i in record.indicators] + [e.id for e in record.entities]
            check(f"item of {args.file}", [focus], ids)
    write_atomic(args.html, show.render_html(record, text, focus=focus))
    marks = show.highlights(record, text)
    off = sum(not show.is_exact(h, text) for h in marks)
    print(
        f"{args.html}{'#' + focus if focus else ''}: {len(record.indicators)} indicators,"
        f" {len(record.entities)} entities, {len(marks)} highlights"
        + (f" ({off} with offsets that do not match the text)" if off else "")
    )
    return 0
