"""Options the commands share, with one name and one meaning everywhere.

``--db`` (default ``$YXNLP_DB``, else ``out/yxnlp.duckdb``); the filters ``--key``,
``--status``, ``--label``, ``--region``, ``--issuer`` (each repeatable) and ``--year`` (a year
or a range), named as the keyword arguments of :class:`yxnlp.Store`'s methods and of
:func:`yxnlp.compare`; the output options ``--format``, ``--bom`` and ``--columns``.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yxnlp.errors import InputError
from yxnlp.extract.ner import ENV_MODEL
from yxnlp.store.filters import parse_years
from yxnlp.store.paths import DEFAULT_PATH, ENV_DB, default_path

if TYPE_CHECKING:
    from yxnlp.store import Store

#: The filters, by flag, and their help (the values are checked by the store).
FILTERS: dict[str, str] = {
    "key": "indicator key, e.g. gdp_growth (repeatable; `yxnlp keys` lists them)",
    "status": "actual, estimate, target or progress (repeatable)",
    "label": "COMPANY, PROJECT, ORG or PLACE (repeatable)",
    "region": "a region by name or code at any level, with everything below it: 浙江, 330000,"
    " 海盐县, 全国 (repeatable)",
    "issuer": "the issuer, as in the documents (repeatable)",
}


def years(text: str) -> tuple[int, int]:
    """``--year``'s value: ``2026`` or ``2020-2024``."""
    try:
        return parse_years(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def note(namespace: argparse.Namespace, message: str) -> None:
    """A note for the user, logged once logging is set up (after the arguments are read)."""
    notes: list[str] = getattr(namespace, "notes", None) or []
    namespace.notes = [*notes, message]


class _OldYears(argparse.Action):
    """``--years``, the earlier name of ``--year`` in ``compare``: still read, with a note."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option: str | None = None) -> None:
        note(namespace, "--years is now --year (the same flag in every command)")
        setattr(namespace, self.dest, values)


def add_db(p: argparse.ArgumentParser, *, what: str = "the DuckDB store") -> None:
    p.add_argument(
        "--db", type=Path, metavar="PATH",
        help=f"{what} (default: ${ENV_DB}, else {DEFAULT_PATH})",
    )  # fmt: skip


def db_path(args: argparse.Namespace) -> Path:
    """The store a command uses: ``--db``, else ``$YXNLP_DB``, else ``out/yxnlp.duckdb``."""
    return Path(args.db) if args.db is not None else default_path()


def open_store(args: argparse.Namespace) -> Store:
    from yxnlp.store import Store  # DuckDB and pandas load only for the commands that read a store

    return Store(db_path(args))


def add_filters(p: argparse.ArgumentParser, names: Sequence[str], *, year: str) -> None:
    """The filters ``names`` (of :data:`FILTERS`) and ``--year`` (``year`` says which year)."""
    for name in names:
        p.add_argument(f"--{name}", action="append", metavar=name.upper(), help=FILTERS[name])
    p.add_argument("--year", type=years, metavar="YEAR", help=f"{year}: 2026 or 2020-2024")
    p.add_argument("--years", dest="year", type=years, action=_OldYears, help=argparse.SUPPRESS)


def filters(args: argparse.Namespace, names: Sequence[str]) -> dict[str, Any]:
    """The filter arguments as keyword arguments of the store's methods."""
    return {name: getattr(args, name) for name in (*names, "year")}


def add_model(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--model", type=Path, metavar="DIR",
        help=f"the NER model folder, e.g. one `yxnlp train --extra … --out DIR` wrote"
        f" (default: ${ENV_MODEL}, else the shipped model)",
    )  # fmt: skip


def use_model(args: argparse.Namespace) -> None:
    """Make ``--model`` the model of this process and of the workers it starts (it sets
    ``$YXNLP_MODEL``, which :func:`yxnlp.extract.ner.model_dir` reads)."""
    folder: Path | None = getattr(args, "model", None)
    if folder is None:
        return
    if not (folder / "meta.json").is_file():
        raise InputError(folder, "not an NER model folder (no meta.json)")
    os.environ[ENV_MODEL] = str(folder.resolve())
