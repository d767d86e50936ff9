"""``yxnlp`` command line: a thin layer over the library API.

Each sub-command is a module in this package with ``add_parser(subparsers)`` and
``run(args) -> int``; :data:`COMMANDS` lists them in help order. Only the module of the
command being run is imported (``yxnlp --help`` and ``yxnlp query`` do not load spaCy). Options
every command shares (:mod:`yxnlp.cli.options`): ``--db`` (default ``$YXNLP_DB``, else
``out/yxnlp.duckdb``), the filters ``--key``, ``--status``, ``--label``, ``--region``,
``--issuer``, ``--year``, and ``--format``. ``-v`` shows more of what happens (``-vv``
everything), ``-q`` only errors; notes such as what a comparison left out go to stderr through
:mod:`logging`. Shell completion:
``yxnlp --print-completion bash > ~/.local/share/bash-completion/completions/yxnlp`` (shtab
writes the script from this parser; also ``zsh``).

Exit status: 0 done (an empty result too), 1 bad input (a file that cannot be read, a damaged
store), 2 bad usage (an unknown flag, or a value that names nothing, with the closest matches).

>>> main(["--version"])
yxnlp 0.1.0
0
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

import shtab

from yxnlp.errors import UsageError, YxnlpError, short
from yxnlp.version import VERSION

#: command (a module of this package) -> its line in ``yxnlp --help``, in help order; shown
#: without importing the module, and tests/cli/test_commands.py checks each line against the
#: module's own ``help``.
COMMANDS: dict[str, str] = {
    "extract": "extract one report's record",
    "show": "write one standalone HTML page with the extraction highlighted on the text",
    "batch": "process folders of reports into records and the store",
    "query": "run one read-only SQL query on the store",
    "indicators": "indicators from the store, filtered by key, status, region, year",
    "entities": "entities from the store, with the years they appear in",
    "keys": "indicator keys with Chinese names, English labels, units and counts",
    "compare": "indicators by year or region, with qualifiers and deltas; continuity",
    "export": "write the store's views as Parquet, CSV, JSON Lines or Stata files",
    "evaluate": "precision/recall/F1 against gold annotations",
    "train": "train the NER model",
    "annotate": "export records to an annotation tool, import corrections as gold",
}

_HANDLER_NAME = "yxnlp-cli"
log = logging.getLogger("yxnlp.cli")


def _verbosity(p: argparse.ArgumentParser, *, default: object = None) -> None:
    """``-v`` (repeatable) and ``-q`` on ``p``, unless the command uses the letters already."""
    taken = {s for a in p._actions for s in a.option_strings}
    if "-v" not in taken:
        p.add_argument("-v", "--verbose", action="count", default=default,
                       help="say more on stderr (-vv: everything)")  # fmt: skip
    if "-q" not in taken:
        p.add_argument("-q", "--quiet", action="store_true", default=default,
                       help="only errors on stderr")  # fmt: skip


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with the full arguments of ``command``'s module (``None``: of every
    module); the other commands are listed with their help line only."""
    parser = argparse.ArgumentParser(
        prog="yxnlp",
        description="Chinese government work reports in, comparable knowledge records out.",
        epilog="The store is --db, else $YXNLP_DB, else out/yxnlp.duckdb.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    shtab.add_argument_to(parser, ["--print-completion"], help="print a shell completion script: bash, zsh or tcsh")  # fmt: skip
    _verbosity(parser, default=0)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, help_ in COMMANDS.items():
        if command in (None, name):
            importlib.import_module(f"yxnlp.cli.{name}").add_parser(sub)
        else:
            sub.add_parser(name, help=help_)
    for p in sub.choices.values():
        _verbosity(p, default=argparse.SUPPRESS)  # after the command too: yxnlp keys -v
    return parser


def _command(argv: Sequence[str]) -> str | None:
    """The command whose module ``argv`` needs: its first word that is not an option (``None``,
    all of them, for a completion script, which lists every command's flags)."""
    if any(a.startswith("--print-completion") for a in argv):
        return None
    return next((a for a in argv if not a.startswith("-")), "")


def configure_logging(verbose: int, *, quiet: bool) -> None:
    """Log the package's messages to stderr, one line each (``yxnlp: note: …``)."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logger = logging.getLogger("yxnlp")
    for handler in [h for h in logger.handlers if h.get_name() == _HANDLER_NAME]:
        logger.removeHandler(handler)
    handler = _Stderr()
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(_OneLine())
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """A handler writing to whatever ``sys.stderr`` is when a message comes (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


class _OneLine(logging.Formatter):
    """``yxnlp: note: …`` for warnings (things a user should know), ``yxnlp: info: …`` etc."""

    def format(self, record: logging.LogRecord) -> str:
        level = "note" if record.levelno == logging.WARNING else record.levelname.lower()
        return f"yxnlp: {level}: {record.getMessage()}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status (0 ok, 1 failed input, 2 usage, 130 Ctrl-C).

    Every failure a user can cause or meet is one line on stderr, never a traceback.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        command = _command(argv)
        parser = build_parser(command if command is None or command in COMMANDS else "")
        args = parser.parse_args(argv)  # a usage error exits with status 2 (argparse)
        if args.version:
            print(f"yxnlp {VERSION}")
            return 0
        configure_logging(int(args.verbose or 0), quiet=bool(args.quiet))
        for message in getattr(args, "notes", None) or []:
            log.warning("%s", message)
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
    except UsageError as exc:
        print(f"yxnlp: error: {exc}", file=sys.stderr)
        return 2
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
