"""The DuckDB store: schema and migrations, upserts without duplicates, read-only queries."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from tests.fixtures_batch import company, county_records, indicator, record
from yxnlp.errors import InputError
from yxnlp.record import Document, Indicator, Record
from yxnlp.store import TABLES, Store, migrations, parse_years, schema_version_supported


@pytest.fixture(scope="session")
def shared_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county records in a store, for tests that only read."""
    path = tmp_path_factory.mktemp("store") / "y.duckdb"
    with Store(path, read_only=False) as store:
        store.upsert(county_records())
    return path


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


# --- column names follow the record model ------------------------------------------------------


def flattened(model_fields: dict[str, object]) -> set[str]:
    names = set()
    for name in model_fields:
        if name in ("span", "sentence_span", "heading_span"):
            names |= {f"{name}_start", f"{name}_end"}
        elif name == "normalized":
            names |= {"normalized_value", "normalized_unit", "normalized_max"}
        elif name == "region":
            names |= {"region_name", "region_code"}
        elif name not in ("mentions", "text", "furniture"):
            names.add(name)
    return names


def test_columns_are_the_record_fields(shared_db: Path) -> None:
    store = Store(shared_db)
    assert flattened(Indicator.model_fields) <= set(store.indicators().columns)
    assert flattened(Document.model_fields) <= set(store.documents().columns)
    entity_columns = set(store.entities().columns)
    assert {"id", "label", "name", "canonical", "attributes", "n_mentions"} <= entity_columns


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
        ["南塘五金机械有限公司", 2, "2022,2024", 2],
        ["禾丰食品集团", 2, "2023,2024", 2],
        ["青岚竹木制品有限公司", 2, "2022,2023", 2],
    ]
    rows = Store(shared_db).entities("COMPANY", min_years=2, region="安吉县")
    assert sorted(set(rows["canonical"])) == ["禾丰食品集团", "青岚竹木制品有限公司"]
    assert set(rows["n_years"]) == {2}


def test_entity_attributes_are_json_text(tmp_path: Path) -> None:
    e = company(1, "远澜新材料股份有限公司").model_copy(update={"attributes": {"type": "企业"}})
    with Store(tmp_path / "e.duckdb", read_only=False) as store:
        store.upsert([record("d", region=None, issuer=None, plan_year=None, entities=[e])])
    assert Store(tmp_path / "e.duckdb").entities()["attributes"].tolist() == ['{"type": "企业"}']


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


def test_parquet_export_holds_every_table(shared_db: Path, tmp_path: Path) -> None:
    written = Store(shared_db).export_parquet(tmp_path / "pq")
    assert sorted(p.name for p in written) == sorted(
        f"{t}.parquet" for t in ("schema_version", *TABLES)
    )
    con = duckdb.connect()
    exported = {
        t: con.execute(
            f"SELECT count(*) FROM read_parquet('{tmp_path / 'pq' / t}.parquet')"
        ).fetchone()[0]  # type: ignore[index]
        for t in TABLES
    }
    assert exported == expected_counts(county_records())


YEARS = [("2026", (2026, 2026)), ("2020-2024", (2020, 2024)), ("2024..2020", (2020, 2024)), ("2020至2024", (2020, 2024))]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), YEARS)
def test_parse_years(text: str, expected: tuple[int, int]) -> None:
    assert parse_years(text) == expected


def test_parse_years_rejects_junk() -> None:
    with pytest.raises(ValueError, match="not a year"):
        parse_years("twenty")
