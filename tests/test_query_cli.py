"""``yxnlp query``, ``indicators``, ``entities``, ``export``: read the store, never write it."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.fixtures_batch import county_store
from yxnlp.cli import main
from yxnlp.store import TABLES, Store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return county_store(tmp_path_factory.mktemp("query") / "y.duckdb")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def snapshot(path: Path) -> list[tuple[str, int]]:
    with duckdb.connect(str(path), read_only=True) as con:
        return [(t, con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]) for t in TABLES]


# --- query ---------------------------------------------------------------------------------------


def test_query_selects_as_csv(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sql = "SELECT region_name, report_year FROM documents ORDER BY region_code, report_year"
    status, out, _ = run(capsys, "query", sql, "--db", str(db), "--format", "csv")
    assert status == 0
    assert list(csv.reader(io.StringIO(out))) == [
        ["region_name", "report_year"],
        ["安吉县", "2022"], ["安吉县", "2023"], ["安吉县", "2024"], ["长葛市", "2024"], ["新会区", "2024"],
    ]  # fmt: skip


def test_query_as_a_table(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "query", "SELECT count(*) AS n FROM indicators", "--db", str(db))
    assert status == 0
    assert "┃  n ┃" in out and "│ 13 │" in out


REFUSED = [
    pytest.param("INSERT INTO documents (id, source) VALUES ('x', 'y.txt')", "INSERT", id="insert"),
    pytest.param("DROP TABLE indicators", "DROP", id="drop"),
]


@pytest.mark.parametrize(("sql", "verb"), REFUSED)
def test_query_refuses_to_write(
    db: Path, capsys: pytest.CaptureFixture[str], sql: str, verb: str
) -> None:
    before = snapshot(db)
    status, out, err = run(capsys, "query", sql, "--db", str(db))
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"yxnlp: error: {db}: ")
    assert verb in err and "read-only" in err
    assert snapshot(db) == before


def test_query_on_a_missing_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "query", "SELECT 1", "--db", str(tmp_path / "none.duckdb"))
    assert status == 1
    assert (
        err
        == f"yxnlp: error: {tmp_path / 'none.duckdb'}: no such database (create it with yxnlp batch --db)\n"
    )


def test_query_does_not_block_a_writer(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "w.duckdb"
    shutil.copyfile(db, copy)
    reader = Store(copy)  # a notebook holding a store open
    with Store(copy, read_only=False) as writer:
        writer.delete(["changge2024"])
    assert len(reader.documents()) == 4


# --- shortcuts -----------------------------------------------------------------------------------


def test_indicators_targets_of_a_year(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "indicators", "--db", str(db), "--key", "gdp_growth", "--status", "target",
        "--year", "2024", "--columns", "region_name,year,normalized_value,normalized_unit", "--format", "csv",
    )  # fmt: skip
    assert status == 0
    assert out.splitlines() == [
        "region_name,year,normalized_value,normalized_unit",
        "安吉县,2024,6.0,percent",
        "安吉县,2024,500.0,CNY",
        "长葛市,2024,7.5,percent",
        "新会区,2024,5.5,percent",
    ]


def test_indicators_of_a_region_over_years(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "indicators", "--db", str(db), "--key", "gdp_growth", "--status", "target",
        "--region", "安吉", "--year", "2022-2023", "--format", "json",
    )  # fmt: skip
    assert status == 0
    rows = json.loads(out)
    assert [(r["year"], r["normalized_value"], r["document_source"]) for r in rows] == [
        (2022, 7.0, "reports/anji2022.txt"),
        (2023, 6.5, "reports/anji2023.txt"),
        (2023, 9.9, "reports/anji2023.txt"),
    ]


def test_indicators_table_has_readable_columns(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, "indicators", "--db", str(db), "--key", "gdp_growth", "--year", "2021"
    )
    assert status == 0
    assert "region_name" in out and "8.1" in out and "安吉县" in out


def test_indicators_nothing_found_is_fine(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "indicators",
        "--db",
        str(db),
        "--key",
        "gdp_growth",
        "--year",
        "1999",
        "--format",
        "json",
    )
    assert (status, out) == (0, "[]\n")


def test_a_bad_year_is_a_usage_error(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["indicators", "--db", str(db), "--year", "last year"])
    assert exit_info.value.code == 2
    assert "not a year" in capsys.readouterr().err


def test_entities_in_two_years(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "entities",
        "--db",
        str(db),
        "--label",
        "COMPANY",
        "--min-years",
        "2",
        "--format",
        "json",
    )
    assert status == 0
    assert [(r["canonical"], r["years"]) for r in json.loads(out)] == [
        ("南塘五金机械有限公司", [2022, 2024]),
        ("禾丰食品集团", [2023, 2024]),
        ("青岚竹木制品有限公司", [2022, 2023]),
    ]


def test_entities_per_document(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "entities", "--db", str(db), "--label", "PROJECT", "--per-document", "--format", "json"
    )  # fmt: skip
    assert status == 0
    assert [(r["document_id"], r["canonical"], r["n_years"]) for r in json.loads(out)] == [
        ("anji2023", "竹产业创新园", 2),
        ("anji2024", "竹产业创新园", 2),
    ]


def test_default_table_columns_are_frame_columns(db: Path) -> None:
    from yxnlp.cli.compare import TABLE_COLUMNS as COMPARE
    from yxnlp.cli.entities import MENTION_COLUMNS
    from yxnlp.cli.indicators import TABLE_COLUMNS as INDICATORS
    from yxnlp.compare import LONG

    store = Store(db)
    assert set(INDICATORS) <= set(store.indicators().columns)
    assert set(MENTION_COLUMNS) <= set(store.mentions().columns)
    assert set(COMPARE) <= set(LONG)


def test_a_record_file_given_as_the_store_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "r.json"
    record.write_text('{"schema_version": "3", "document": {"id": "d", "source": "a.txt"}}', "utf-8")
    assert main(["query", "SELECT 1", "--db", str(record)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == f"yxnlp: error: {record}: not a DuckDB store (records and reports are read by the commands' file arguments, not --db)"
