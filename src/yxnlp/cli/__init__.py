"""``yxnlp`` command line: a thin layer over the library API.

Each sub-command is a module in this package with ``add_parser(subparsers)`` and
``run(args) -> int``; :data:`COMMANDS` lists them in help order. Only the module of the
command being run is imported (``yxnlp --help`` and ``yxnlp query`` do not load spaCy).

>>> main(["--version"])
yxnlp 0.1.0
0
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from yxnlp.errors import YxnlpError
from yxnlp.version import VERSION

#: command -> (module of this package that defines it, its line in ``yxnlp --help``), in help
#: order; tests/cli/test_commands.py checks each line against the module's own ``help``.
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("extract", "extract one report's record"),
    "show": ("show", "write one standalone HTML page with the extraction highlighted on the text"),
    "batch": ("batch", "process folders of reports into records and the store"),
    "query": ("query", "run one read-only SQL query on the store"),
    "indicators": ("query", "indicators from the store, filtered by key, status, region, year"),
    "entities": ("query", "entities from the store, with the years they appear in"),
    "compare": ("compare", "indicators by year or region with deltas; entity continuity"),
    "export": ("export", "export the store's tables as Parquet files"),
    "evaluate": ("evaluate", "precision/recall/F1 against gold annotations"),
    "train": ("train", "train the NER model"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with the full arguments of ``command``'s module (``None``: of every
    module); the other commands are listed with their help line only."""
    parser = argparse.ArgumentParser(
        prog="yxnlp",
        description="Chinese government work reports in, comparable knowledge records out.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    wanted = {m for name, (m, _) in COMMANDS.items() if command in (None, name)}
    imported: set[str] = set()
    for name, (module, help_) in COMMANDS.items():
        if module not in wanted:
            sub.add_parser(name, help=help_)
        elif module not in imported:
            importlib.import_module(f"yxnlp.cli.{module}").add_parser(sub)
            imported.add(module)
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command named in ``argv``: its first word that is not an option."""
    return next((a for a in argv if not a.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 failed input, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    command = _command(argv)
    parser = build_parser(command if command in COMMANDS else "")
    args = parser.parse_args(argv)
    if args.version:
        print(f"yxnlp {VERSION}")
        return 0
    if not args.command:
        parser.print_help()
        return 2
    try:
        status: int = args.run(args)
    except YxnlpError as exc:
        print(f"yxnlp: error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    return status


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
