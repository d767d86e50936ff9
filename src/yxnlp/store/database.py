"""The :class:`Store`: an embedded DuckDB database of records, for SQL and for pandas.

A store file is never held open between calls: reads open a short-lived read-only connection
with file access disabled, and a writable store (``read_only=False``, which migrates the
schema) opens one writing connection per transaction, so a notebook can read while a batch
writes (see :mod:`yxnlp.store.connection`). An in-memory store (:meth:`Store.from_records`)
keeps its one connection; it is how :mod:`yxnlp.compare` queries records that were never
stored, through the very same SQL.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from yxnlp.errors import InputError
from yxnlp.record import Record
from yxnlp.store import connection
from yxnlp.store.paths import MEMORY, default_path
from yxnlp.store.queries import Queries
from yxnlp.store.rows import Row, record_rows
from yxnlp.store.schema import (
    TABLES,
    VIEWS,
    current_version,
    migrate,
    schema_version_supported,
)
from yxnlp.store.sources import Found, locate

if TYPE_CHECKING:  # imported on first use: a batch opens its store before its workers start
    import pandas as pd

#: The store schema that added sentences and paths: an older store, opened for writing, has its
#: records stored again so that they are filled in (from the files found where it was opened).
SENTENCES = 5


def _is_duckdb_file(path: Path) -> bool:
    """Whether ``path`` starts as a DuckDB database file does (``DUCK`` at byte 8); an empty
    file passes, for DuckDB to name the damage."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
    except OSError:
        return True  # DuckDB reports what is wrong with it
    return len(head) < 12 or head[8:12] == b"DUCK"


# --- the store ------------------------------------------------------------------------------


class Store(Queries):
    """A DuckDB database of records. Read-only unless opened with ``read_only=False``.

    No connection to a store file outlives a call (a writable store opens one per
    transaction), so a notebook holding a :class:`Store` never blocks a batch that writes to
    the same file, and the batch's commits never block the notebook for long. A writable
    store migrates the schema when opened. ``path`` defaults to :func:`default_path` (``$YXNLP_DB``, else ``out/yxnlp.duckdb``).
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
            if not _is_duckdb_file(self.path):
                raise InputError(self.path, "not a DuckDB store (records and reports are read by"
                                            " the commands' file arguments, not --db)")  # fmt: skip
            with self._connection() as con:
                self._check_version(con)
            return
        if str(path) == MEMORY:
            self._con = duckdb.connect(MEMORY)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection(write=True) as con:
            self._check_version(con)
            before = current_version(con)
            migrate(con)
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

    @contextlib.contextmanager
    def _connection(
        self, *, write: bool = False, external_access: bool = False, memory_limit: str | None = None
    ) -> Iterator[duckdb.DuckDBPyConnection]:
        """The in-memory store's connection, else a new one to the file, closed after the
        block; an error that says the file is damaged becomes a one-line :class:`InputError`."""
        if self._con is not None:
            yield self._con
            return
        config: connection.Config = {}
        if not write:  # reads: no file access, bounded memory if asked
            config = {"enable_external_access": external_access}
            if memory_limit:
                config["memory_limit"] = memory_limit
        con = connection.connect(self.path, read_only=not write, config=config)
        try:
            if not write:  # no progress bar on stdout; then no setting can be changed
                with contextlib.suppress(duckdb.InvalidInputException):  # refused in Jupyter
                    con.execute("SET enable_progress_bar = false")
                con.execute("SET lock_configuration = true")
            yield con
        except duckdb.Error as exc:
            if connection.is_damage(exc):
                raise connection.store_error(self.path, exc) from exc
            raise
        finally:
            con.close()

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
        with self._connection() as con:
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

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction, on a connection of its own (for a store file)."""
        if self.read_only:
            raise InputError(self.path, "store is read-only (open it with read_only=False)")
        with self._connection(write=True) as con:
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

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
        with self._transaction() as con:
            self._delete(con, [r.document.id for r in batch])
            for table, items in rows.items():
                if items:
                    _insert(con, table, items)
        return len(batch)

    def delete(self, ids: Iterable[str]) -> None:
        """Remove documents (and all their rows) by id, in one transaction."""
        with self._transaction() as con:
            self._delete(con, list(ids))

    @staticmethod
    def _delete(con: duckdb.DuckDBPyConnection, ids: list[str]) -> None:
        if not ids:
            return
        for table in TABLES:
            column = "id" if table == "documents" else "document_id"
            con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?))", [ids])

    # reading

    def schema_version(self) -> int:
        with self._connection() as con:
            return current_version(con)

    def document_ids(self) -> set[str]:
        with self._connection() as con:
            return {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}

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

    def query(
        self, sql: str, *, timeout: float | None = None, memory_limit: str | None = None
    ) -> pd.DataFrame:
        """Run one SQL statement on a read-only connection with file access disabled.

        Statements that would write (INSERT, DROP, COPY … TO, ATTACH) raise ``duckdb.Error``;
        so does a statement that needs more than ``memory_limit`` (DuckDB's syntax: ``"2GB"``).
        A query still running after ``timeout`` seconds, or more than one statement, is an
        :class:`InputError`; Ctrl-C stops the query and raises ``KeyboardInterrupt``.
        """
        if self._con is not None:
            raise InputError(self.path, "query needs a read-only store (Store(path))")
        with self._connection(memory_limit=memory_limit) as con:
            statements = con.extract_statements(sql)
            if len(statements) != 1:
                raise InputError(self.path, f"one SQL statement at a time, not {len(statements)}"
                                            " (run them one by one)")  # fmt: skip
            return connection.bounded(
                con, lambda: con.execute(sql).df(), timeout=timeout, path=self.path
            )

    def export(
        self,
        folder: str | Path,
        *,
        format: str = "parquet",
        views: Sequence[str] = VIEWS,
        bom: bool = False,
        **filters: Any,
    ) -> list[Path]:
        """Write each view (:data:`~yxnlp.store.schema.VIEWS`) to ``folder/<view>.<format>``,
        atomically; ``filters`` are those of the view's method (see :mod:`yxnlp.store.export`).
        """
        from yxnlp.store.export import export_views

        return export_views(self, folder, format=format, views=views, bom=bom, **filters)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    """Insert ``rows`` into ``table`` by column name (never by position)."""
    import pandas as pd  # here: opening a store (a batch before it forks) needs no pandas

    names = TABLES[table].names
    frame = pd.DataFrame.from_records(rows, columns=list(names))
    columns = ", ".join(f'"{n}"' for n in names)
    con.register("_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _rows")
    finally:
        con.unregister("_rows")


