"""The :class:`Store`: an embedded DuckDB database of records, for SQL and for pandas.

Read-only stores open a short-lived connection per call with file access disabled;
a writable store (``read_only=False``) keeps one connection and migrates the schema; an
in-memory store (:meth:`Store.from_records`) is how :mod:`yxnlp.compare` queries records
that were never stored, through the very same SQL.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd

from yxnlp.errors import InputError
from yxnlp.record import Record
from yxnlp.store.export import VIEWS, export_views
from yxnlp.store.queries import Queries
from yxnlp.store.rows import Row, record_rows
from yxnlp.store.schema import (
    TABLES,
    current_version,
    migrate,
    schema_version_supported,
)
from yxnlp.store.sources import Found, locate

#: The store every command and :class:`Store` use unless told otherwise: ``$YXNLP_DB`` if set,
#: else this path (relative to the working directory; ``bash tasks.sh demo`` builds it).
DEFAULT_PATH = "out/yxnlp.duckdb"
#: The environment variable naming the default store.
ENV_DB = "YXNLP_DB"
MEMORY = ":memory:"
#: The store schema that added sentences and paths: an older store, opened for writing, has its
#: records stored again so that they are filled in (from the files found where it was opened).
SENTENCES = 5


def default_path() -> Path:
    """``$YXNLP_DB`` when set, else :data:`DEFAULT_PATH`."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_PATH)


# --- the store ------------------------------------------------------------------------------


class Store(Queries):
    """A DuckDB database of records. Read-only unless opened with ``read_only=False``.

    A read-only store opens a short-lived connection per call, so a notebook holding a
    :class:`Store` never blocks a batch that writes to the same file. A writable store keeps
    one connection (DuckDB allows one writing process per file) and migrates the schema.
    ``path`` defaults to :func:`default_path` (``$YXNLP_DB``, else ``out/yxnlp.duckdb``).
    The reading methods (:meth:`indicators`, :meth:`entities`, …) are in
    :class:`~yxnlp.store.queries.Queries`.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = True) -> None:
        path = default_path() if path is None else path
        self.path = Path(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only:
            if not self.path.is_file():
                raise InputError(self.path, "no such database (create it with yxnlp batch --db)")
            with self._connect() as con:
                self._check_version(con)
        else:
            if str(path) != MEMORY:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._con = duckdb.connect(str(self.path))
            except duckdb.Error as exc:
                raise InputError(self.path, _one_line(exc)) from exc
            self._check_version(self._con)
            before = current_version(self._con)
            migrate(self._con)
            if 0 < before < SENTENCES:  # rows stored before the store kept sentences and paths
                self.upsert(list(self.records()))

    @classmethod
    def from_records(cls, records: Iterable[Record]) -> Store:
        """A writable in-memory store holding ``records`` (gone when closed).

        >>> from yxnlp.record import Document
        >>> with Store.from_records([Record(document=Document(id="d", source="a.txt"))]) as st:
        ...     st.documents()["source"].tolist()
        ['a.txt']
        """
        store = cls(MEMORY, read_only=False)
        try:
            store.upsert(records, sources=False)
        except BaseException:
            store.close()
            raise
        return store

    # connections

    def _connect(self, *, external_access: bool = False) -> duckdb.DuckDBPyConnection:
        config: dict[str, str | bool | int | float | list[str]] = {
            "enable_external_access": external_access,
            "lock_configuration": True,
        }
        try:
            return duckdb.connect(str(self.path), read_only=True, config=config)
        except duckdb.Error as exc:
            raise InputError(self.path, _one_line(exc)) from exc

    def _check_version(self, con: duckdb.DuckDBPyConnection) -> None:
        found = current_version(con)
        if found > schema_version_supported():
            raise InputError(
                self.path,
                f"database schema version {found} is newer than this yxnlp supports"
                f" ({schema_version_supported()}); upgrade yxnlp",
            )
        if self.read_only and found < schema_version_supported():
            raise InputError(
                self.path,
                f"database schema version {found} is older than {schema_version_supported()};"
                " open it once for writing (yxnlp batch --db) to migrate it",
            )

    def _read(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        if self._con is not None:
            return self._con.execute(sql, list(params)).df()
        with self._connect() as con:
            return con.execute(sql, list(params)).df()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "writable"
        return f"Store({str(self.path)!r}, {mode})"

    # writing

    def _writer(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise InputError(self.path, "store is read-only (open it with read_only=False)")
        return self._con

    def upsert(
        self,
        records: Iterable[Record],
        *,
        files: Mapping[str, str | Path] | None = None,
        sources: bool = True,
    ) -> int:
        """Insert or replace records by document id, all in one transaction; returns the count.

        With ``sources`` (the default) each record's source file is looked up, so that the
        store keeps its absolute path and the sentences' text (:mod:`yxnlp.store.sources`):
        at ``files[document id]`` when given (the file a batch read), else at
        ``document.source``.
        """
        con = self._writer()
        batch = list(records)
        given = {k: str(v) for k, v in (files or {}).items()}
        rows: dict[str, list[Row]] = {t: [] for t in TABLES}
        for record in {r.document.id: r for r in batch}.values():  # the last of a repeated id
            doc = record.document
            found = (
                locate(record, file=given.get(doc.id)) if sources else Found(doc.text, None)
            )
            for table, items in record_rows(record, text=found.text, path=found.path).items():
                rows[table].extend(items)
        con.execute("BEGIN TRANSACTION")
        try:
            self._delete(con, [r.document.id for r in batch])
            for table, items in rows.items():
                if items:
                    _insert(con, table, items)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return len(batch)

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents (and all their rows) by id, in one transaction."""
        con = self._writer()
        con.execute("BEGIN TRANSACTION")
        try:
            self._delete(con, list(ids))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    @staticmethod
    def _delete(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
        if not ids:
            return
        for table in TABLES:
            column = "id" if table == "documents" else "document_id"
            con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [ids])

    # reading

    def schema_version(self) -> int:
        if self._con is not None:
            return current_version(self._con)
        with self._connect() as con:
            return current_version(con)

    def document_ids(self) -> set[str]:
        return set(self._read("SELECT id FROM documents")["id"].tolist())

    def record(self, document_id: str) -> Record | None:
        """A stored record, exactly as written (``None`` when the id is not stored)."""
        df = self._read("SELECT record FROM records WHERE document_id = ?", [document_id])
        return Record.from_json(df["record"].iloc[0]) if len(df) else None

    def records(self) -> Iterator[Record]:
        """Every stored record, ordered by region code, report year and source."""
        df = self._read(
            "SELECT r.record FROM records r JOIN documents d ON d.id = r.document_id"
            " ORDER BY d.region_code NULLS LAST, d.report_year NULLS LAST, d.source"
        )
        for text in df["record"]:
            yield Record.from_json(text)

    def query(self, sql: str) -> pd.DataFrame:
        """Run one SQL statement on a read-only connection with file access disabled.

        Statements that would write (INSERT, DROP, COPY … TO, ATTACH) raise ``duckdb.Error``.
        """
        if self._con is not None:
            raise InputError(self.path, "query needs a read-only store (Store(path))")
        with self._connect() as con:
            return con.execute(sql).df()

    def export(
        self,
        folder: str | Path,
        *,
        format: str = "parquet",
        views: Sequence[str] = VIEWS,
        bom: bool = False,
        **filters: Any,
    ) -> list[Path]:
        """Write each view (:data:`~yxnlp.store.export.VIEWS`) to ``folder/<view>.<format>``,
        atomically; ``filters`` are those of the view's method (see :mod:`yxnlp.store.export`).
        """
        return export_views(self, folder, format=format, views=views, bom=bom, **filters)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    """Insert ``rows`` into ``table`` by column name (never by position)."""
    names = TABLES[table].names
    frame = pd.DataFrame.from_records(rows, columns=list(names))
    columns = ", ".join(f'"{n}"' for n in names)
    con.register("_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _rows")
    finally:
        con.unregister("_rows")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
