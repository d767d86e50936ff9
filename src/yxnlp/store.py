"""The store: an embedded DuckDB database of records, for SQL and for pandas.

Tables ``documents``, ``sections``, ``indicators``, ``entities``, ``mentions`` (and ``records``,
each record's JSON) use the record model's field names; nested objects are flattened with an
underscore (``region.name`` → ``region_name``, ``normalized.value`` → ``normalized_value``) and a
span ``[start, end)`` becomes ``<field>_start``, ``<field>_end``. The schema lives in SQL files in
``yxnlp/data/store/`` and is created or migrated by the package (table ``schema_version``).
The views ``indicator_view`` and ``entity_view`` add each row's document metadata (region,
issuer, years, ``document_source``), so ad-hoc SQL needs no join.

Two derived columns make the common questions one filter each:

* ``documents.report_year``: ``plan_year``, else ``summary_year + 1``, else the published year.
* ``indicators.year``: the first four digits of the indicator's ``period``; when the period is
  null, the document's ``plan_year`` for a target and its ``summary_year`` otherwise.

An upsert replaces everything stored for a document id in one transaction, so a re-run never
duplicates and a killed writer never leaves half a document. Queries use read-only connections
with file access disabled: they cannot change the database or write files.

>>> import tempfile, pathlib
>>> from yxnlp.record import Document, Indicator, Record, Region
>>> db = pathlib.Path(tempfile.mkdtemp()) / "demo.duckdb"
>>> rec = Record(document=Document(id="d1", source="a.txt", region=Region(name="上海市"),
...     plan_year=2024), indicators=[Indicator(id="i1", key="gdp_growth", text="5%左右",
...     span=(10, 14), sentence_span=(0, 20), kind="growth", status="target", period=None,
...     source="rule:percent")])
>>> with Store(db, read_only=False) as st:
...     st.upsert([rec]); st.upsert([rec])
1
1
>>> df = Store(db).indicators("gdp_growth", region="上海")
>>> df[["region_name", "year", "text"]].values.tolist()
[['上海市', 2024, '5%左右']]
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd

from yxnlp.errors import InputError
from yxnlp.record import Record

TABLES: tuple[str, ...] = ("documents", "sections", "indicators", "entities", "mentions", "records")
DEFAULT_PATH = "yxnlp.duckdb"
YearFilter = int | tuple[int, int] | None

_DOC_COLUMNS = (
    "id, source, title, issuer, region_name, region_code, published, summary_year, plan_year,"
    " report_year, format, length, schema_version, yxnlp, segmenter, ner_model, created,"
    " n_sections, n_sentences, n_indicators, n_entities"
)
# Document columns repeated on indicator and entity rows (so one frame answers a question).
_DOC_CONTEXT = (
    "d.region_name, d.region_code, d.issuer, d.title, d.published, d.summary_year, d.plan_year,"
    " d.report_year, d.source AS document_source"
)


# --- schema ---------------------------------------------------------------------------------


@functools.cache
def migrations() -> tuple[tuple[int, str], ...]:
    """The schema migrations shipped with the package: ``(version, sql)`` in order.

    >>> migrations()[0][0]
    1
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


def _current_version(con: duckdb.DuckDBPyConnection) -> int:
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not exists or not exists[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Create or upgrade the schema of a writable connection; returns the version reached."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version"
        " (version INTEGER PRIMARY KEY, applied TIMESTAMP DEFAULT current_timestamp)"
    )
    current = _current_version(con)
    for version, sql in migrations():
        if version <= current:
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


# --- record → rows --------------------------------------------------------------------------


def report_year(record: Record) -> int | None:
    """The year a report is "for": its plan year, else summary year + 1, else published year.

    >>> from yxnlp.record import Document
    >>> report_year(Record(document=Document(id="x", source="a", summary_year=2021)))
    2022
    """
    d = record.document
    if d.plan_year is not None:
        return d.plan_year
    if d.summary_year is not None:
        return d.summary_year + 1
    if d.published and d.published[:4].isdigit():
        return int(d.published[:4])
    return None


def indicator_year(
    period: str | None, *, status: str, summary_year: int | None, plan_year: int | None
) -> int | None:
    """The year an indicator is about (see the module docstring).

    >>> indicator_year("2021-01..2021-11", status="actual", summary_year=2021, plan_year=2022)
    2021
    >>> indicator_year(None, status="target", summary_year=2021, plan_year=2022)
    2022
    """
    if period and period[:4].isdigit():
        return int(period[:4])
    return plan_year if status == "target" else summary_year


def record_rows(record: Record) -> dict[str, list[tuple[Any, ...]]]:
    """The rows a record contributes to each table, in the tables' column order.

    >>> from yxnlp.record import Document
    >>> rows = record_rows(Record(document=Document(id="x", source="a.txt")))
    >>> {t: len(r) for t, r in rows.items()}
    {'documents': 1, 'sections': 0, 'indicators': 0, 'entities': 0, 'mentions': 0, 'records': 1}
    """
    d = record.document
    p = record.provenance
    doc = d.id
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    rows["documents"].append(
        (
            doc, d.source, d.title, d.issuer,
            d.region.name if d.region else None, d.region.code if d.region else None,
            d.published, d.summary_year, d.plan_year, report_year(record), d.format, d.length,
            record.schema_version,
            p.yxnlp if p else None, p.segmenter if p else None, p.ner_model if p else None,
            p.created if p else None,
            len(record.sections), len(record.sentences), len(record.indicators),
            len(record.entities),
        )
    )  # fmt: skip
    for s in record.sections:
        rows["sections"].append(
            (doc, s.id, s.heading, s.level, s.number, s.parent, *s.span, *s.heading_span)
        )
    for i in record.indicators:
        year = indicator_year(
            i.period, status=i.status, summary_year=d.summary_year, plan_year=d.plan_year
        )
        rows["indicators"].append(
            (
                doc, i.id, i.key, i.key_source, i.subject, i.text, *i.span, *i.sentence_span,
                i.section, i.value, i.unit, i.unit_inferred, i.normalized.value,
                i.normalized.unit, i.normalized.max, i.kind, i.qualifier, i.status, i.period,
                year, i.entity, i.source,
                json.dumps(i.rules, ensure_ascii=False, sort_keys=True),
            )
        )  # fmt: skip
    for e in record.entities:
        attributes = json.dumps(e.attributes, ensure_ascii=False, sort_keys=True)
        rows["entities"].append(
            (doc, e.id, e.label, e.name, e.canonical, attributes, len(e.mentions))
        )
        for n, m in enumerate(e.mentions):
            rows["mentions"].append((doc, e.id, n, m.text, *m.span, m.source))
    rows["records"].append((doc, record.model_dump_json()))
    return rows


# --- filters --------------------------------------------------------------------------------


@functools.cache
def _region_suffixes() -> tuple[str, ...]:
    path = resources.files("yxnlp.data").joinpath("store", "query.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(sorted(data["region_suffixes"], key=len, reverse=True))


def short_region_name(name: str) -> str:
    """A region's name without its administrative suffix.

    >>> short_region_name("广西壮族自治区"), short_region_name("上海市"), short_region_name("北京")
    ('广西', '上海', '北京')
    """
    for suffix in _region_suffixes():
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


class _Where:
    """Accumulates SQL conditions with their parameters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def any_of(self, column: str, values: str | Sequence[str] | None) -> None:
        if values is None:
            return
        items = [values] if isinstance(values, str) else list(values)
        self.add(f"{column} IN ({', '.join('?' for _ in items)})", *items)

    def region(self, value: str | None) -> None:
        if value is None:
            return
        short = short_region_name(value)
        self.add(
            "(d.region_name = ? OR d.region_code = ? OR d.region_name IN"
            " (SELECT unnest(?::VARCHAR[])))",
            value,
            value,
            [short + s for s in ("", *_region_suffixes())],
        )

    def years(self, column: str, year: YearFilter) -> None:
        if year is None:
            return
        lo, hi = (year, year) if isinstance(year, int) else year
        self.add(f"{column} BETWEEN ? AND ?", lo, hi)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def parse_years(text: str) -> tuple[int, int]:
    """``"2026"`` or ``"2020-2024"`` (also ``..``, ``–``, ``～``) → an inclusive year range.

    >>> parse_years("2020-2024"), parse_years("2026")
    ((2020, 2024), (2026, 2026))
    """
    m = re.fullmatch(r"\s*(\d{4})\s*(?:(?:-|–|—|～|~|\.\.|至)\s*(\d{4}))?\s*", text)
    if not m:
        raise ValueError(f"not a year or a year range: {text!r} (expected 2026 or 2020-2024)")
    lo = int(m.group(1))
    hi = int(m.group(2)) if m.group(2) else lo
    return (min(lo, hi), max(lo, hi))


# --- the store ------------------------------------------------------------------------------


class Store:
    """A DuckDB database of records. Read-only unless opened with ``read_only=False``.

    A read-only store opens a short-lived connection per call, so a notebook holding a
    :class:`Store` never blocks a batch that writes to the same file. A writable store keeps
    one connection (DuckDB allows one writing process per file) and migrates the schema.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only:
            if not self.path.is_file():
                raise InputError(self.path, "no such database (create it with yxnlp batch --db)")
            with self._connect() as con:
                self._check_version(con)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._con = duckdb.connect(str(self.path))
            except duckdb.Error as exc:
                raise InputError(self.path, _one_line(exc)) from exc
            self._check_version(self._con)
            migrate(self._con)

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
        found = _current_version(con)
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

    def upsert(self, records: Iterable[Record]) -> int:
        """Insert or replace records by document id, all in one transaction; returns the count."""
        con = self._writer()
        batch = list(records)
        rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
        for record in {r.document.id: r for r in batch}.values():  # the last of a repeated id
            for table, items in record_rows(record).items():
                rows[table].extend(items)
        con.execute("BEGIN TRANSACTION")
        try:
            self._delete(con, [r.document.id for r in batch])
            for table, items in rows.items():
                if items:
                    frame = pd.DataFrame(items, columns=pd.Index(_columns(con, table)))
                    con.register("_rows", frame)
                    con.execute(f"INSERT INTO {table} SELECT * FROM _rows")
                    con.unregister("_rows")
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
            return _current_version(self._con)
        with self._connect() as con:
            return _current_version(con)

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

    def documents(
        self,
        *,
        region: str | None = None,
        issuer: str | None = None,
        year: YearFilter = None,
    ) -> pd.DataFrame:
        """One row per document; ``year`` filters on ``report_year``."""
        w = _Where()
        w.region(region)
        w.any_of("d.issuer", issuer)
        w.years("d.report_year", year)
        return self._read(
            f"SELECT {_DOC_COLUMNS} FROM documents d{w.sql()}"
            " ORDER BY region_code NULLS LAST, report_year NULLS LAST, source",
            w.params,
        )

    def indicators(
        self,
        key: str | Sequence[str] | None = None,
        *,
        status: str | Sequence[str] | None = None,
        region: str | None = None,
        year: YearFilter = None,
        issuer: str | None = None,
    ) -> pd.DataFrame:
        """Indicators with their document's metadata; ``year`` filters on the indicator year.

        ``year`` is an int or an inclusive ``(first, last)`` pair; ``region`` is a name, a
        short name (上海) or a 6-digit code. Each row carries the indicator's columns and its
        document's ``region_name, region_code, issuer, title, published, summary_year,
        plan_year, report_year`` and ``document_source`` (the document's ``source``; the
        indicator's own ``source`` is the rule or model that produced it).
        """
        w = _Where()
        w.any_of("i.key", key)
        w.any_of("i.status", status)
        w.region(region)
        w.any_of("d.issuer", issuer)
        w.years("i.year", year)
        return self._read(
            f"SELECT i.document_id, {_DOC_CONTEXT}, i.* EXCLUDE (document_id)"
            f" FROM indicators i JOIN documents d ON d.id = i.document_id{w.sql()}"
            " ORDER BY d.region_code NULLS LAST, d.report_year NULLS LAST, d.source,"
            " i.span_start, i.id",
            w.params,
        )

    def entities(
        self,
        label: str | Sequence[str] | None = None,
        *,
        min_years: int | None = None,
        region: str | None = None,
        issuer: str | None = None,
        year: YearFilter = None,
        grouped: bool = False,
    ) -> pd.DataFrame:
        """Entities with their document's metadata, or one row per entity with ``grouped``.

        ``n_years`` counts the distinct report years (within the other filters) in which an
        entity (``label`` + ``canonical``) appears; ``min_years=2`` keeps the entities of at
        least two years' reports. Grouped rows carry ``years`` (sorted, comma-separated),
        ``n_documents``, ``n_mentions`` and ``names`` (the surface names, ``、``-separated).
        """
        w = _Where()
        w.any_of("e.label", label)
        w.region(region)
        w.any_of("d.issuer", issuer)
        w.years("d.report_year", year)
        base = (
            f"SELECT e.document_id, {_DOC_CONTEXT}, e.* EXCLUDE (document_id)"
            f" FROM entities e JOIN documents d ON d.id = e.document_id{w.sql()}"
        )
        spread = (
            "SELECT label, canonical, count(DISTINCT report_year)::INTEGER AS n_years,"
            " string_agg(DISTINCT report_year::VARCHAR, ',' ORDER BY report_year::VARCHAR)"
            " AS years, count(DISTINCT document_id)::INTEGER AS n_documents,"
            " sum(n_mentions)::INTEGER AS n_mentions,"
            " string_agg(DISTINCT name, '、' ORDER BY name) AS names"
            " FROM base GROUP BY label, canonical"
        )
        keep = " WHERE spread.n_years >= ?" if min_years is not None else ""
        params = [*w.params, *([min_years] if min_years is not None else [])]
        if grouped:
            sql = (
                f"WITH base AS ({base}), spread AS ({spread})"
                f" SELECT * FROM spread{keep} ORDER BY label, n_years DESC, canonical"
            )
        else:
            sql = (
                f"WITH base AS ({base}), spread AS ({spread})"
                " SELECT base.*, spread.n_years FROM base JOIN spread USING (label, canonical)"
                f"{keep} ORDER BY label, canonical, report_year NULLS LAST, document_id"
            )
        return self._read(sql, params)

    def query(self, sql: str) -> pd.DataFrame:
        """Run one SQL statement on a read-only connection with file access disabled.

        Statements that would write (INSERT, DROP, COPY … TO, ATTACH) raise ``duckdb.Error``.
        """
        if self._con is not None:
            raise InputError(self.path, "query needs a read-only store (Store(path))")
        with self._connect() as con:
            return con.execute(sql).df()

    def export_parquet(self, folder: str | Path) -> list[Path]:
        """Write each table to ``folder/<table>.parquet`` (replacing files atomically)."""
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        con = self._con if self._con is not None else self._connect(external_access=True)
        try:
            for table in ("schema_version", *TABLES):
                target = out / f"{table}.parquet"
                tmp = out / f".{table}.parquet.tmp"
                con.execute(f"COPY {table} TO '{_sql_path(tmp)}' (FORMAT PARQUET)")
                tmp.replace(target)
                written.append(target)
        finally:
            if con is not self._con:
                con.close()
        return written


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    rows = con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        " ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [r[0] for r in rows]


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
