"""``yxnlp`` command line: a thin layer over the library API.

Each sub-command is a module in this package with ``add_parser(subparsers)`` and
``run(args) -> int``; :data:`COMMANDS` lists them in help order.

>>> main(["--version"])
yxnlp 0.1.0
0
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from yxnlp.errors import YxnlpError, short
from yxnlp.version import VERSION

COMMANDS: tuple[str, ...] = ("extract", "show", "batch", "query", "compare", "export", "evaluate", "train")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yxnlp",
        description="Chinese government work reports in, comparable knowledge records out.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"yxnlp.cli.{name}")
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 failed input, 2 usage, 130 Ctrl-C).

    Every failure a user can cause or meet is one line on stderr, never a traceback.
    """
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if args.version:
            print(f"yxnlp {VERSION}")
            return 0
        if not args.command:
            parser.print_help()
            return 2
        return _run(args)
    except KeyboardInterrupt:
        print("yxnlp: interrupted", file=sys.stderr)
        return 130


def _run(args: argparse.Namespace) -> int:
    try:
        status: int = args.run(args)
    except YxnlpError as exc:
        print(f"yxnlp: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the command itself could not write or read
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"yxnlp: error: {where}{short(exc.strerror or exc).lower()}", file=sys.stderr)
        return 1
    return status


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
