"""The DuckDB store: schema and migrations, upserts without duplicates, read-only queries."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from tests.fixtures_batch import (
    company,
    county_records,
    county_store,
    full_record,
    indicator,
    record,
)
from yxnlp.errors import InputError
from yxnlp.record import Record
from yxnlp.store import (
    DOCUMENT_CONTEXT,
    TABLES,
    Store,
    migrate,
    migrations,
    parse_years,
    schema_version_supported,
)
from yxnlp.store.frames import ATTRIBUTES


@pytest.fixture(scope="session")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county records in a store, for tests that only read."""
    return county_store(tmp_path_factory.mktemp("store") / "y.duckdb")


@pytest.fixture
def db(shared_db: Path, tmp_path: Path) -> Path:
    """A private copy of the store, for tests that write."""
    path = tmp_path / "y.duckdb"
    shutil.copyfile(shared_db, path)
    return path


def counts(path: Path) -> dict[str, int]:
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def expected_counts(records: list[Record]) -> dict[str, int]:
    return {
        "documents": len(records),
        "sections": sum(len(r.sections) for r in records),
        "indicators": sum(len(r.indicators) for r in records),
        "entities": sum(len(r.entities) for r in records),
        "mentions": sum(len(e.mentions) for r in records for e in r.entities),
        "records": len(records),
    }


# --- schema -----------------------------------------------------------------------------------


def test_schema_is_created_and_versioned(db: Path) -> None:
    assert Store(db).schema_version() == schema_version_supported() == migrations()[-1][0]
    with Store(db, read_only=False):  # reopening migrates nothing and keeps the data
        pass
    assert Store(db).query("SELECT count(*) AS n FROM schema_version")["n"][0] == len(migrations())
    assert counts(db) == expected_counts(county_records())


def test_newer_schema_is_refused(db: Path) -> None:
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version (version) VALUES (999)")
    con.close()
    with pytest.raises(InputError, match="newer than this yxnlp supports"):
        Store(db)


def test_older_schema_is_migrated_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()  # an empty database: schema version 0
    with pytest.raises(InputError, match="older than"):
        Store(path)
    Store(path, read_only=False).close()
    assert Store(path).schema_version() == schema_version_supported()


def test_a_version_1_store_is_migrated_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    with duckdb.connect(str(path)) as con:  # as the first release left it
        con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied TIMESTAMP)")
        con.execute(migrations()[0][1])
        con.execute("INSERT INTO schema_version (version) VALUES (1)")
        con.execute("INSERT INTO documents (id, source) VALUES ('old', 'old.txt')")
    Store(path, read_only=False).close()  # opened once for writing: migrated, nothing lost
    assert Store(path).schema_version() == schema_version_supported() >= 2
    assert Store(path).documents()["source"].tolist() == ["old.txt"]


def v1_record_json() -> str:
    """A record as yxnlp wrote it before record schema 2: no document.rules, version "1"."""
    data = json.loads(county_records()[1].to_json())
    data["schema_version"] = "1"
    del data["document"]["rules"]
    return json.dumps(data, ensure_ascii=False)


def test_a_version_2_store_is_migrated_and_takes_records_of_both_versions(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    old = Record.from_json(v1_record_json())
    with duckdb.connect(str(path)) as con:  # as the release with store schema 2 left it
        assert migrate(con, upto=2) == 2
        con.execute(
            "INSERT INTO documents (id, source, issuer, region_name, region_code, summary_year,"
            " plan_year, report_year, schema_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '1')",
            ["anji2023", "reports/anji2023.txt", "安吉县人民政府", "安吉县", "330523", 2022, 2023, 2023],
        )
        con.execute(
            "INSERT INTO indicators (document_id, id, key, text, span_start, span_end,"
            " sentence_span_start, sentence_span_end, normalized_value, normalized_unit, kind,"
            " qualifier, status, period, year, source)"
            " VALUES ('anji2023', 'i2', 'gdp_growth', '6.5%', 800, 803, 790, 810, 6.5,"
            " 'percent', 'growth', 'exact', 'target', '2023', 2023, 'rule:test')"
        )
        con.execute("INSERT INTO records VALUES ('anji2023', ?)", [v1_record_json()])
    with Store(path, read_only=False) as store:  # opened once for writing: migrated
        store.upsert([full_record()])
    store = Store(path)
    assert store.schema_version() == schema_version_supported()
    assert columns_of(path) == fresh_columns()  # the same tables as a new store, in order
    assert store.record("anji2023") == old and old.schema_version == "1" and old.document.rules == {}
    docs = store.query(
        "SELECT id, schema_version, rules IS NULL AS unknown,"
        " json_extract_string(rules, '$.region') AS region_rule FROM documents ORDER BY id"
    ).fillna("-")
    # opened for writing, the older store's records were stored again from its records table:
    # the v1 record's rules are {} (not unknown), its rows are the record's own
    assert docs.values.tolist() == [
        ["anji2023", "1", False, "-"], ["linchuan2025", "3", False, "gazetteer:longest_chain"],
    ]  # fmt: skip
    targets = store.indicators(status="target")
    assert targets[["document_id", "text", "year"]].values.tolist() == [
        ["anji2023", "6.5%", 2023], ["anji2023", "9.9%", 2023], ["linchuan2025", "12亿—15亿元", 2025],
    ]  # by region code


def test_a_version_1_record_is_stored_as_it_is(tmp_path: Path) -> None:
    old = Record.from_json(v1_record_json())
    with Store(tmp_path / "s.duckdb", read_only=False) as store:
        store.upsert([old])
    assert Store(tmp_path / "s.duckdb").record(old.document.id) == old
    docs = Store(tmp_path / "s.duckdb").documents()
    assert docs[["schema_version", "rules"]].values.tolist() == [["1", "{}"]]


def test_views_put_indicators_next_to_their_document(shared_db: Path) -> None:
    df = Store(shared_db).query(
        "SELECT region_name, count(*) AS n FROM indicator_view GROUP BY 1 ORDER BY 1"
    )
    assert df.values.tolist() == [["安吉县", 11], ["新会区", 1], ["长葛市", 1]]
    ents = Store(shared_db).query("SELECT DISTINCT issuer FROM entity_view ORDER BY 1")
    assert ents["issuer"].tolist() == ["安吉县人民政府", "长葛市人民政府"]


def test_missing_database_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such database"):
        Store(tmp_path / "nope.duckdb")


# --- columns come from the record model -------------------------------------------------------

JSON_FIELDS = ("attributes", "rules", "resources")  # dict fields, kept as JSON text


def leaves(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A model dump as the store should hold it, worked out independently of the store code:
    nested objects joined with ``_``, spans as ``_start``/``_end``, dicts as sorted JSON."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name in JSON_FIELDS:
            out[prefix + name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif isinstance(value, dict):
            out |= leaves(value, f"{prefix}{name}_")
        elif isinstance(value, tuple):
            out[f"{prefix}{name}_start"], out[f"{prefix}{name}_end"] = value
        elif not isinstance(value, list):  # lists are tables of their own, or not stored
            out[prefix + name] = value
    return out


def expected_rows(rec: Record) -> dict[str, dict[str, Any]]:
    """Each table's row for the one-of-each record (before the derived columns)."""
    doc = rec.model_dump(exclude={"document": {"text", "furniture"}})
    ind, ent = rec.indicators[0], rec.entities[0]
    key = {"document_id": rec.document.id}
    return {
        "documents": {
            **leaves(doc["document"]), **leaves(doc["provenance"]),
            "schema_version": rec.schema_version,
        },
        "sections": key | leaves(rec.sections[0].model_dump()),
        "indicators": key | leaves(ind.model_dump()),
        "entities": key | leaves(ent.model_dump(exclude={"mentions"})),
        "mentions": key | {"entity_id": ent.id, "n": 0} | leaves(ent.mentions[0].model_dump()),
    }  # fmt: skip


DERIVED = {
    "documents": {"report_year": 2025, "n_sections": 1, "n_sentences": 1, "n_indicators": 1, "n_entities": 1, "path": None},
    "sections": {},
    # the record's text is shorter than its spans: no sentence rather than a wrong cut
    "indicators": {"year": 2025, "period_start": pd.Timestamp("2025-01-01"), "period_end": pd.Timestamp("2025-06-30"), "sentence": None},
    "entities": {"n_mentions": 1},
    "mentions": {"sentence_span_start": None, "sentence_span_end": None, "sentence": None},
}  # fmt: skip


def test_the_full_record_fills_every_field_with_a_value_of_its_own() -> None:
    """Guards the test below: a field left empty, or two fields sharing a value, would let a
    value land in the wrong column unseen."""
    for table, row in expected_rows(full_record()).items():
        assert None not in row.values(), table
        values = [v for v in row.values() if not isinstance(v, bool)]
        assert len({repr(v) for v in values}) == len(values), table


def test_stored_rows_hold_each_field_of_the_record(tmp_path: Path) -> None:
    """Each column holds its own field (a value written under another column fails here)."""
    rec = full_record()
    with Store(tmp_path / "f.duckdb", read_only=False) as store:
        store.upsert([rec])
    with duckdb.connect(str(tmp_path / "f.duckdb"), read_only=True) as con:
        for table, want in expected_rows(rec).items():
            stored = con.execute(f"SELECT * FROM {table}").df().to_dict("records")
            assert len(stored) == 1, table
            assert stored[0] == want | DERIVED[table], table


def database_columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    """A table's (or view's) columns as the database has them: name → SQL type, in order."""
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ?"
        " ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return dict(rows)


def columns_of(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Each table's and view's ``(column, type)`` list in a database file."""
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: list(database_columns(con, t).items()) for t in (*TABLES, *VIEWS)}


def fresh_columns() -> dict[str, list[tuple[str, str]]]:
    with duckdb.connect() as con:
        migrate(con)
        return {t: list(database_columns(con, t).items()) for t in (*TABLES, *VIEWS)}


VIEWS = {"indicator_view": "indicators", "entity_view": "entities", "mention_view": "mentions"}
#: the columns a view adds between its table's and the document context
VIEW_ADDS = {"indicator_view": [], "entity_view": [], "mention_view": ["label", "name", "canonical"]}


@pytest.mark.parametrize("table", list(TABLES))
def test_the_sql_creates_the_model_columns(table: str) -> None:
    """The migrations and the model agree, name by name and type by type."""
    spec = {c.name: c.sql_type for c in TABLES[table].columns}
    assert dict(fresh_columns()[table]) == spec


@pytest.mark.parametrize(("view", "table"), VIEWS.items())
def test_views_are_rows_with_their_document_context(view: str, table: str) -> None:
    columns = [name for name, _ in fresh_columns()[view]]
    context = [name for name, _ in DOCUMENT_CONTEXT]
    assert columns[-len(context) :] == context
    assert sorted(columns[: -len(context)]) == sorted([*TABLES[table].names, *VIEW_ADDS[view]])


def test_shortcut_frames_carry_the_view_columns(shared_db: Path) -> None:
    store = Store(shared_db)
    context = [name for name, _ in DOCUMENT_CONTEXT]
    attributes = [f"attributes_{a}" for a in ATTRIBUTES]
    spread = ["n_years", "n_documents"]  # the distinct report years and documents of the entity
    shortcuts = [
        (store.indicators(), "indicators", [], ["sentence"]),  # sentence: with_sentence=True
        (store.indicators(with_sentence=True), "indicators", [], []),
        (store.indicators(distinct=True), "indicators", ["n_statements"], ["sentence"]),
        (store.entities(), "entities", [*spread, *attributes], []),
        (store.mentions(), "mentions", ["label", "name", "canonical", *spread], []),
    ]
    for frame, table, added, dropped in shortcuts:
        own = [n for n in TABLES[table].names if n not in ("document_id", *dropped)]
        assert list(frame.columns)[: len(context) + 2] == ["document_id", *context, "ref"]
        assert sorted(frame.columns[len(context) + 2 :]) == sorted(own + added)
    assert list(store.documents().columns) == [name for name, _ in fresh_columns()["documents"]]


# --- upserts -----------------------------------------------------------------------------------


def test_upsert_twice_never_duplicates(db: Path) -> None:
    records = county_records()
    with Store(db, read_only=False) as store:
        store.upsert(records)
        store.upsert(records[:2])
    assert counts(db) == expected_counts(records)


def test_upsert_replaces_a_changed_record(db: Path) -> None:
    changed = county_records()[0].model_copy(update={"indicators": [indicator(1, "gdp", 1.0)]})
    with Store(db, read_only=False) as store:
        store.upsert([changed])
    assert Store(db).indicators(issuer="安吉县人民政府", year=2021)["key"].tolist() == ["gdp"]
    assert Store(db).record("anji2022") == changed


def test_a_failed_upsert_leaves_nothing_of_its_batch(db: Path) -> None:
    twice = [indicator(1, "gdp", 1.0), indicator(1, "gdp", 2.0)]  # duplicate ids: rejected
    good = record("new2025", region=None, issuer="某县人民政府", plan_year=2025)
    bad = record("bad2025", region=None, issuer="某县人民政府", plan_year=2025, indicators=twice)
    with Store(db, read_only=False) as store, pytest.raises(duckdb.Error):
        store.upsert([good, bad])
    assert counts(db) == expected_counts(county_records())
    assert Store(db).record("new2025") is None


def test_records_round_trip(shared_db: Path) -> None:
    store = Store(shared_db)
    assert {r.document.id: r for r in store.records()} == {
        r.document.id: r for r in county_records()
    }


def test_delete_removes_every_row_of_a_document(db: Path) -> None:
    with Store(db, read_only=False) as store:
        store.delete(["anji2023"])
    rest = [r for r in county_records() if r.document.id != "anji2023"]
    assert counts(db) == expected_counts(rest)


def test_a_read_only_store_refuses_upserts(shared_db: Path) -> None:
    with pytest.raises(InputError, match="read-only"):
        Store(shared_db).upsert(county_records())


# --- shortcuts ---------------------------------------------------------------------------------

INDICATOR_FILTERS = [
    pytest.param({"key": "gdp_growth", "status": "target", "year": 2024}, [6.0, 500.0, 7.5, 5.5], id="targets-2024"),
    pytest.param({"key": "gdp_growth", "status": "target", "region": "安吉", "year": (2022, 2023)}, [7.0, 6.5, 9.9], id="short-region-range"),
    pytest.param({"key": "gdp_growth", "region": "330523", "status": "actual"}, [8.1, 6.2, 6.4], id="region-code"),
    pytest.param({"key": ["industrial_value_added_growth"], "issuer": "安吉县人民政府"}, [9.0, 8.0], id="key-list-issuer"),
    pytest.param({"key": "gdp_growth", "region": "上海"}, [], id="nothing-found"),
]  # fmt: skip


@pytest.mark.parametrize(("filters", "values"), INDICATOR_FILTERS)
def test_indicator_shortcut(
    shared_db: Path, filters: dict[str, object], values: list[float]
) -> None:
    df = Store(shared_db).indicators(**filters)  # type: ignore[arg-type]
    assert df["normalized_value"].tolist() == values


def test_indicator_year_comes_from_the_period_else_the_document(shared_db: Path) -> None:
    df = Store(shared_db).indicators("gdp_growth", region="安吉县")
    periods = [p if isinstance(p, str) else None for p in df["period"]]
    assert list(zip(periods, df["status"], df["year"], strict=True)) == [
        ("2021", "actual", 2021), (None, "target", 2022),
        ("2022", "actual", 2022), ("2023", "target", 2023), ("2023", "target", 2023),
        ("2023", "actual", 2023), (None, "target", 2024), (None, "target", 2024),
    ]  # fmt: skip


def test_documents_carry_the_metadata(shared_db: Path) -> None:
    df = Store(shared_db).documents(year=2024)
    assert df[
        ["region_name", "region_code", "issuer", "plan_year", "report_year"]
    ].values.tolist() == [
        ["安吉县", "330523", "安吉县人民政府", 2024, 2024],
        ["长葛市", "411082", "长葛市人民政府", 2024, 2024],
        ["新会区", "440705", "新会区人民政府", 2024, 2024],
    ]  # ordered by region code


def test_entities_in_at_least_two_years(shared_db: Path) -> None:
    df = Store(shared_db).entities("COMPANY", min_years=2, grouped=True)
    assert df[["canonical", "n_years", "years", "n_documents"]].values.tolist() == [
        ["南塘五金机械有限公司", 2, [2022, 2024], 2],
        ["禾丰食品集团", 2, [2023, 2024], 2],
        ["青岚竹木制品有限公司", 2, [2022, 2023], 2],
    ]
    rows = Store(shared_db).entities("COMPANY", min_years=2, region="安吉县")
    assert sorted(set(rows["canonical"])) == ["禾丰食品集团", "青岚竹木制品有限公司"]
    assert set(rows["n_years"]) == {2}


def test_entity_attributes_are_json_text(tmp_path: Path) -> None:
    e = company(1, "远澜新材料股份有限公司").model_copy(update={"attributes": {"type": "企业"}})
    with Store(tmp_path / "e.duckdb", read_only=False) as store:
        store.upsert([record("d", region=None, issuer=None, plan_year=None, entities=[e])])
    df = Store(tmp_path / "e.duckdb").entities()
    assert df["attributes"].tolist() == ['{"type": "企业"}']
    assert df["attributes_type"].tolist() == ["企业"] and df["attributes_owner"].isna().all()


# --- read-only queries and export ---------------------------------------------------------------

WRITES = [
    pytest.param("INSERT INTO documents (id, source) VALUES ('x', 'y')", id="insert"),
    pytest.param("DROP TABLE indicators", id="drop"),
    pytest.param("DELETE FROM documents", id="delete"),
    pytest.param("UPDATE indicators SET value = 0", id="update"),
    pytest.param("COPY documents TO '{tmp}/leak.csv'", id="copy-to-file"),
    pytest.param("ATTACH '{tmp}/other.duckdb' AS other", id="attach"),
]


@pytest.mark.parametrize("sql", WRITES)
def test_query_refuses_to_write(db: Path, sql: str) -> None:
    with pytest.raises(duckdb.Error):
        Store(db).query(sql.format(tmp=db.parent))
    assert counts(db) == expected_counts(county_records())
    assert sorted(p.name for p in db.parent.iterdir()) == ["y.duckdb"]


YEARS = [("2026", (2026, 2026)), ("2020-2024", (2020, 2024)), ("2024..2020", (2020, 2024)), ("2020至2024", (2020, 2024))]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), YEARS)
def test_parse_years(text: str, expected: tuple[int, int]) -> None:
    assert parse_years(text) == expected


def test_parse_years_rejects_junk() -> None:
    with pytest.raises(ValueError, match="not a year"):
        parse_years("twenty")


def test_the_store_package_names_load_on_first_use() -> None:
    """The lazy package lists each public name once in its table of homes and in __all__,
    and every one resolves to the object of the module the table names."""
    import importlib

    import yxnlp.store as pkg

    homes = pkg._HOMES
    assert sorted(pkg.__all__) == sorted(homes)
    for name, module in homes.items():
        assert getattr(pkg, name) is getattr(importlib.import_module(f"yxnlp.store.{module}"), name)
