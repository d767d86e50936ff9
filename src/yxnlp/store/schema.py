"""The store's tables, derived from the record model, and the SQL migrations that create them.

:func:`flatten` turns a pydantic model into columns: a nested object's fields get its name and
an underscore (``region.name`` → ``region_name``), a span ``[start, end)`` becomes
``<field>_start`` and ``<field>_end``, a ``dict`` is kept as JSON text, and a list must be
excluded (it is a table of its own, or not stored). :data:`TABLES` lists each table's columns:
its keys (``document_id`` …), the flattened model fields and the derived columns, each declared
once here. The SQL files in ``yxnlp/data/store/`` create the same columns; a test checks that the
two agree, name by name and type by type, so a model field without a column fails the build.

>>> from yxnlp.record import Region
>>> [c.name for c in flatten(Region)]
['name', 'code']
>>> [c.name for c in TABLES["mentions"].columns][:7]
['document_id', 'entity_id', 'n', 'text', 'span_start', 'span_end', 'source']
>>> TABLES["indicators"].column("status").categories
('actual', 'estimate', 'target', 'progress')
>>> from yxnlp.record import Normalized
>>> TABLES["indicators"].column("normalized_max").value(Indicator(id="i1", text="5%-6%",
...     span=(0, 5), sentence_span=(0, 9), kind="growth", source="rule:percent",
...     normalized=Normalized(value=5, max=6)))
6.0
"""

from __future__ import annotations

import functools
import json
import re
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import duckdb
from pydantic import BaseModel

from yxnlp.record import Entity, Indicator, Mention, Record, Section

_SQL_TYPES: dict[Any, str] = {str: "VARCHAR", int: "INTEGER", float: "DOUBLE", bool: "BOOLEAN"}


@dataclass(frozen=True)
class Column:
    """One column: its name, SQL type and the attribute path of its value in the model.

    ``path`` is empty for keys and derived columns (their values come from the row builder);
    an ``int`` step picks one end of a span; ``as_json`` keeps a ``dict`` as JSON text.
    """

    name: str
    sql_type: str
    path: tuple[str | int, ...] = ()
    as_json: bool = False
    #: the values a ``Literal`` field may take (pandas frames make it a categorical)
    categories: tuple[str, ...] = ()

    def value(self, obj: Any) -> Any:
        """This column's value in ``obj`` (``None`` below a missing nested object)."""
        for step in self.path:
            if obj is None:
                return None
            obj = obj[step] if isinstance(step, int) else getattr(obj, step)
        if self.as_json and obj is not None:
            return json.dumps(obj, ensure_ascii=False, sort_keys=True)
        return obj


def _bare(annotation: Any) -> Any:
    """``X | None`` → ``X``; anything else unchanged."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def flatten(
    model: type[BaseModel],
    *,
    exclude: Iterable[str] = (),
    inline: Iterable[str] = (),
    path: tuple[str, ...] = (),
    prefix: str = "",
) -> tuple[Column, ...]:
    """The columns of ``model`` (see the module docstring), in field order.

    ``exclude`` and ``inline`` name fields by dotted path (``document.text``); an ``inline``
    nested object's fields keep their own names (a document's ``id``, not ``document_id``).
    A field of a type with no column (a list, ``Any``) raises ``TypeError``: decide where it goes.
    """
    skip, flat = frozenset(exclude), frozenset(inline)
    out: list[Column] = []
    for name, info in model.model_fields.items():
        dotted = ".".join((*path, name))
        if dotted in skip:
            continue
        kind = _bare(info.annotation)
        origin = typing.get_origin(kind)
        here = (*path, name)
        if _is_model(kind):
            inner = prefix if dotted in flat else f"{prefix}{name}_"
            out += flatten(kind, exclude=skip, inline=flat, path=here, prefix=inner)
        elif origin is tuple and typing.get_args(kind) == (int, int):  # a span
            out += [
                Column(f"{prefix}{name}_start", "INTEGER", (*here, 0)),
                Column(f"{prefix}{name}_end", "INTEGER", (*here, 1)),
            ]
        elif origin is dict:
            out.append(Column(prefix + name, "VARCHAR", here, as_json=True))
        elif origin is typing.Literal:
            values = tuple(str(v) for v in typing.get_args(kind))
            out.append(Column(prefix + name, "VARCHAR", here, categories=values))
        elif kind in _SQL_TYPES:
            out.append(Column(prefix + name, _SQL_TYPES[kind], here))
        else:
            raise TypeError(f"{model.__name__}.{name}: no store column for {kind!r}")
    return tuple(out)


@dataclass(frozen=True)
class Table:
    """A table: key columns, then the model's columns, then derived columns."""

    name: str
    keys: tuple[Column, ...]
    fields: tuple[Column, ...]
    derived: tuple[Column, ...] = ()

    @functools.cached_property
    def columns(self) -> tuple[Column, ...]:
        return (*self.keys, *self.fields, *self.derived)

    @functools.cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @functools.cached_property
    def name_set(self) -> frozenset[str]:
        return frozenset(self.names)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _int(name: str) -> Column:
    return Column(name, "INTEGER")


def _text(name: str) -> Column:
    return Column(name, "VARCHAR")


_DOCUMENT_ID = Column("document_id", "VARCHAR")
_DOCUMENT_FIELDS = flatten(
    Record,
    inline=("document", "provenance"),
    exclude=(
        "document.text",  # only for html/docx/pdf; the whole record is in table records
        "document.furniture",
        *("sections", "sentences", "indicators", "entities"),  # tables of their own
    ),
)
_COUNTS = ("n_sections", "n_sentences", "n_indicators", "n_entities")

#: Every table of the store, by name. Derived columns (declared here, computed by
#: :mod:`yxnlp.store.rows`): ``documents.report_year``, the counts and ``path`` (the source
#: file's absolute path); ``indicators.year``, ``period_start``, ``period_end`` and
#: ``sentence`` (the text of ``sentence_span``); ``entities.n_mentions``; ``mentions.n`` (the
#: mention's place in its entity's list) and the span and text of the mention's sentence.
TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "documents",
            keys=(),
            fields=_DOCUMENT_FIELDS,
            derived=(*(_int(n) for n in ("report_year", *_COUNTS)), _text("path")),
        ),
        Table("sections", keys=(_DOCUMENT_ID,), fields=flatten(Section)),
        Table(
            "indicators",
            keys=(_DOCUMENT_ID,),
            fields=flatten(Indicator),
            derived=(
                _int("year"), Column("period_start", "DATE"), Column("period_end", "DATE"),
                _text("sentence"),
            ),
        ),
        Table(
            "entities",
            keys=(_DOCUMENT_ID,),
            fields=flatten(Entity, exclude=("mentions",)),
            derived=(_int("n_mentions"),),
        ),
        Table(
            "mentions",
            keys=(_DOCUMENT_ID, Column("entity_id", "VARCHAR"), _int("n")),
            fields=flatten(Mention),
            derived=(_int("sentence_span_start"), _int("sentence_span_end"), _text("sentence")),
        ),
        # the whole record as JSON, so that a record read back equals the one written
        Table("records", keys=(_DOCUMENT_ID,), fields=(), derived=(Column("record", "VARCHAR"),)),
    )
}

#: The document columns repeated on each row of ``indicator_view`` and ``entity_view`` (and of
#: :meth:`Store.indicators`, :meth:`Store.entities`): ``(view column, documents column)``.
DOCUMENT_CONTEXT: tuple[tuple[str, str], ...] = (
    *((c, c) for c in ("region_name", "region_code", "issuer", "title", "published")),
    *((c, c) for c in ("summary_year", "plan_year", "report_year")),
    ("document_source", "source"),
    ("document_path", "path"),
)

#: The views a store exports (:meth:`Store.export`), one file each.
VIEWS: tuple[str, ...] = ("indicators", "entities", "mentions", "documents")

# --- migrations -------------------------------------------------------------------------------


@functools.cache
def migrations() -> tuple[tuple[int, str], ...]:
    """The schema migrations shipped with the package: ``(version, sql)`` in order.

    >>> [v for v, _ in migrations()]
    [1, 2, 3, 4, 5, 6, 7]
    """
    folder = resources.files("yxnlp.data").joinpath("store")
    found = []
    for item in folder.iterdir():
        m = re.fullmatch(r"(\d{3})_\w+\.sql", item.name)
        if m:
            found.append((int(m.group(1)), item.read_text(encoding="utf-8")))
    return tuple(sorted(found))


def schema_version_supported() -> int:
    """The newest schema version this package knows."""
    return migrations()[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database (0 for an empty one)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, *, upto: int | None = None) -> int:
    """Create or upgrade the schema of a writable connection; returns the version reached.

    ``upto`` stops at an older version (tests build the stores earlier releases left).
    """
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version"
        " (version INTEGER PRIMARY KEY, applied TIMESTAMP DEFAULT current_timestamp)"
    )
    current = current_version(con)
    for version, sql in migrations():
        if version <= current or (upto is not None and version > upto):
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [version])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        current = version
    return current
