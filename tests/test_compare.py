"""compare(): indicator keys by year or region with deltas; entity continuity. Exact tables."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.fixtures_batch import county_records
from yxnlp.cli import main
from yxnlp.compare import compare, continuity, document_rows, entity_rows, indicator_rows
from yxnlp.store import Store

NAN = np.nan
ANJI = "安吉县人民政府"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("compare") / "y.duckdb"
    with Store(path, read_only=False) as st:
        st.upsert(county_records())
    return Store(path)


def frame(
    index: list[tuple[object, ...]], names: list[str], columns: dict[str, list[float]]
) -> pd.DataFrame:
    return pd.DataFrame(columns, index=pd.MultiIndex.from_tuples(index, names=names))


# --- by year -----------------------------------------------------------------------------------


def test_targets_of_one_issuer_by_year() -> None:
    table = compare(county_records(), keys=["gdp_growth"], status="target", issuer=ANJI)
    expected = frame(
        [(ANJI, 2022), (ANJI, 2023), (ANJI, 2024)],
        ["issuer", "year"],
        {"gdp_growth:target": [7.0, 6.5, 6.0], "gdp_growth:target:delta": [NAN, -0.5, -0.5]},
    )
    pd.testing.assert_frame_equal(table, expected)
    assert table.attrs["units"] == {
        "gdp_growth:target": "percent",
        "gdp_growth:target:delta": "percent",
    }


def test_every_key_and_status_by_year() -> None:
    table = compare(county_records())
    expected = frame(
        [(ANJI, 2021), (ANJI, 2022), (ANJI, 2023), (ANJI, 2024), ("新会区人民政府", 2024), ("长葛市人民政府", 2024)],
        ["issuer", "year"],
        {
            "gdp_growth:actual": [8.1, 6.2, 6.4, NAN, NAN, NAN],
            "gdp_growth:actual:delta": [NAN, 6.2 - 8.1, 6.4 - 6.2, NAN, NAN, NAN],
            "gdp_growth:target": [NAN, 7.0, 6.5, 6.0, 5.5, 7.5],
            "gdp_growth:target:delta": [NAN, NAN, -0.5, -0.5, NAN, NAN],
            # a year without a value breaks the series: no delta across the gap
            "industrial_value_added_growth:target": [NAN, 9.0, NAN, 8.0, NAN, NAN],
            "industrial_value_added_growth:target:delta": [NAN, NAN, NAN, NAN, NAN, NAN],
        },
    )  # fmt: skip
    pd.testing.assert_frame_equal(table, expected)


def test_years_range_filters_indicator_years() -> None:
    table = compare(county_records(), keys=["gdp_growth"], status="actual", years=(2022, 2023))
    expected = frame(
        [(ANJI, 2022), (ANJI, 2023)],
        ["issuer", "year"],
        {"gdp_growth:actual": [6.2, 6.4], "gdp_growth:actual:delta": [NAN, 6.4 - 6.2]},
    )
    pd.testing.assert_frame_equal(table, expected)


# --- by region -------------------------------------------------------------------------------


def test_targets_of_one_year_by_region() -> None:
    table = compare(county_records(), by="region", keys=["gdp_growth"], status="target", years=2024)
    expected = frame(
        [(2024, "安吉县"), (2024, "长葛市"), (2024, "新会区")],  # by region code
        ["year", "region"],
        {"gdp_growth:target": [6.0, 7.5, 5.5], "gdp_growth:target:delta": [NAN, NAN, NAN]},
    )
    pd.testing.assert_frame_equal(table, expected)


def test_by_region_deltas_follow_each_region() -> None:
    table = compare(county_records(), by="region", keys=["gdp_growth"], status="target")
    expected = frame(
        [(2022, "安吉县"), (2023, "安吉县"), (2024, "安吉县"), (2024, "长葛市"), (2024, "新会区")],
        ["year", "region"],
        {"gdp_growth:target": [7.0, 6.5, 6.0, 7.5, 5.5], "gdp_growth:target:delta": [NAN, -0.5, -0.5, NAN, NAN]},
    )  # fmt: skip
    pd.testing.assert_frame_equal(table, expected)


# --- sources and edge cases ------------------------------------------------------------------


CASES = [
    pytest.param({}, id="everything"),
    pytest.param({"keys": ["gdp_growth"], "status": "target", "region": "安吉"}, id="short-region"),
    pytest.param({"by": "region", "years": (2023, 2024)}, id="by-region-range"),
]


@pytest.mark.parametrize("options", CASES)
def test_store_and_records_give_the_same_table(store: Store, options: dict[str, object]) -> None:
    pd.testing.assert_frame_equal(
        compare(store, **options),  # type: ignore[arg-type]
        compare(county_records(), **options),  # type: ignore[arg-type]
    )


def test_nothing_found_is_an_empty_table() -> None:
    table = compare(county_records(), keys=["no_such_key"])
    assert table.empty
    assert list(table.index.names) == ["issuer", "year"]


def test_by_must_be_year_or_region() -> None:
    with pytest.raises(ValueError, match="by must be"):
        compare(county_records(), by="issuer")  # type: ignore[arg-type]


# --- entity continuity -------------------------------------------------------------------------


def test_entity_continuity_between_consecutive_reports() -> None:
    table = continuity(county_records())
    rows = [
        (ANJI, 2023, 2022, "COMPANY", "禾丰食品集团", "new"),
        (ANJI, 2023, 2022, "COMPANY", "青岚竹木制品有限公司", "continuing"),
        (ANJI, 2023, 2022, "COMPANY", "南塘五金机械有限公司", "dropped"),
        (ANJI, 2023, 2022, "PROJECT", "竹产业创新园", "new"),
        (ANJI, 2024, 2023, "COMPANY", "远澜新材料股份有限公司", "new"),
        (ANJI, 2024, 2023, "COMPANY", "禾丰食品集团", "continuing"),
        (ANJI, 2024, 2023, "COMPANY", "青岚竹木制品有限公司", "dropped"),
        (ANJI, 2024, 2023, "PROJECT", "竹产业创新园", "continuing"),
    ]
    expected = pd.DataFrame(
        rows, columns=["issuer", "year", "previous_year", "label", "canonical", "change"]
    )
    pd.testing.assert_frame_equal(table, expected)


def test_entity_continuity_from_the_store_matches(store: Store) -> None:
    pd.testing.assert_frame_equal(
        continuity(store, labels=["COMPANY"]), continuity(county_records(), labels=["COMPANY"])
    )


def test_one_report_has_no_continuity() -> None:
    assert continuity(county_records(), issuer="长葛市人民政府").empty


# --- the command ---------------------------------------------------------------------------------


def test_compare_command_from_record_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for r in county_records():
        (tmp_path / f"{r.document.id}.json").write_text(r.to_json(), encoding="utf-8")
    status = main(
        ["compare", "--records", str(tmp_path), "--region", "安吉县", "--key", "gdp_growth",
         "--status", "target", "--years", "2022-2024", "--format", "json"]
    )  # fmt: skip
    assert status == 0
    assert json.loads(capsys.readouterr().out) == [
        {"issuer": ANJI, "year": 2022, "gdp_growth:target": 7.0, "gdp_growth:target:delta": None},
        {"issuer": ANJI, "year": 2023, "gdp_growth:target": 6.5, "gdp_growth:target:delta": -0.5},
        {"issuer": ANJI, "year": 2024, "gdp_growth:target": 6.0, "gdp_growth:target:delta": -0.5},
    ]


def test_compare_command_entities_csv(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "compare",
                "--db",
                str(store.path),
                "--entities",
                "--label",
                "PROJECT",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.splitlines() == [
        "issuer,year,previous_year,label,canonical,change",
        f"{ANJI},2023,2022,PROJECT,竹产业创新园,new",
        f"{ANJI},2024,2023,PROJECT,竹产业创新园,continuing",
    ]


# --- records and the store go through one query path -------------------------------------------

REGIONS = [
    pytest.param("安吉县", id="full-name"),
    pytest.param("安吉", id="short-name"),
    pytest.param("330523", id="code"),
    pytest.param("安吉市", id="other-suffix"),
    pytest.param("上海", id="no-such-region"),
]


@pytest.mark.parametrize("region", REGIONS)
def test_rows_from_records_equal_rows_from_the_store(store: Store, region: str) -> None:
    """Same columns, same rows, same region matching (no second filter in pandas)."""
    pd.testing.assert_frame_equal(
        indicator_rows(store, region=region), indicator_rows(county_records(), region=region)
    )
    pd.testing.assert_frame_equal(
        entity_rows(store, region=region), entity_rows(county_records(), region=region)
    )
    pd.testing.assert_frame_equal(
        document_rows(store, region=region), document_rows(county_records(), region=region)
    )


def test_records_are_compared_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert len(indicator_rows(county_records(), keys=["gdp_growth"])) == 10
    assert list(tmp_path.iterdir()) == []
