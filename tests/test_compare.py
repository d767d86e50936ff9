"""compare(): cells by year or region with value, range, qualifier, unit, gap-aware deltas and
what was left out; entity continuity. Exact tables from the invented county records."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests.fixtures_batch import county_records
from yxnlp.cli import main
from yxnlp.compare import LONG, compare, continuity, document_rows, entity_rows, indicator_rows
from yxnlp.errors import UsageError
from yxnlp.record import Document, Indicator, Normalized, Record
from yxnlp.store import Store, valid_name

NAN = np.nan
NA = pd.NA
ANJI = "安吉县人民政府"
A = ("安吉县", "330523", ANJI)
XINHUI = ("新会区", "440705", "新会区人民政府")
CHANGGE = ("长葛市", "411082", "长葛市人民政府")
CELL = ["region", "region_code", "issuer", "year", "key", "status", "value", "max", "qualifier", "unit", "text", "previous_year", "delta", "gap", "n_values", "ref"]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("compare") / "y.duckdb"
    with Store(path, read_only=False) as st:
        st.upsert(county_records())
    return Store(path)


def rows(table: pd.DataFrame, columns: list[str] = CELL) -> list[list[object]]:
    """The rows as plain lists, every kind of missing as None (exact comparisons)."""
    out = table[columns].astype(object).where(table[columns].notna(), None)
    return out.values.tolist()


# --- long: one row per cell ----------------------------------------------------------------------


def test_targets_of_one_issuer_keep_range_qualifier_unit_and_candidates() -> None:
    table = compare(county_records(), key="gdp_growth", status="target", issuer=ANJI)
    assert list(table.columns) == list(LONG)
    assert rows(table) == [
        [*A, 2022, "gdp_growth", "target", 7.0, None, "exact", "percent", "7%", None, None, False, 1, "anji2022:i2"],
        # 2023 states two figures (6.5 first, 9.9 later): the first is shown, n_values says 2
        [*A, 2023, "gdp_growth", "target", 6.5, None, "exact", "percent", "6.5%", 2022, -0.5, False, 2, "anji2023:i2"],
        [*A, 2024, "gdp_growth", "target", 6.0, None, "exact", "percent", "6%", 2023, -0.5, False, 1, "anji2024:i2"],
    ]  # fmt: skip


def test_a_key_in_another_unit_is_left_out_and_said_so(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="yxnlp"):
        table = compare(county_records(), key="gdp_growth", status="target", year=2024)
    assert table["unit"].unique().tolist() == ["percent"]
    dropped = table.attrs["dropped"]
    assert dropped.values.tolist() == [
        ["gdp_growth", "target", "CNY", 1,
         "another unit: gdp_growth target is compared in percent, its most frequent unit"],
    ]  # fmt: skip
    assert [r.getMessage() for r in caplog.records] == [
        "left out 1 gdp_growth figure(s) in CNY: another unit: gdp_growth target is compared"
        " in percent, its most frequent unit"
    ]


def test_no_delta_across_a_gap() -> None:
    """industrial_value_added_growth has targets for 2022 and 2024, none for 2023."""
    table = compare(county_records(), key="industrial_value_added_growth")
    assert rows(table, ["year", "value", "previous_year", "delta", "gap"]) == [
        [2022, 9.0, None, None, False],
        [2024, 8.0, 2022, None, True],
    ]


def test_deltas_only_between_years_shown() -> None:
    """The year before the first one shown is not used, even though the store has it."""
    table = compare(county_records(), key="gdp_growth", status="actual", year=(2022, 2023))
    assert rows(table, ["year", "value", "previous_year", "delta", "gap"]) == [
        [2022, 6.2, None, None, False],
        [2023, 6.4, 2022, pytest.approx(0.2), False],
    ]


def test_figures_without_a_key_are_reported_not_compared() -> None:
    table = compare(county_records(), status="target", year=2022)
    assert sorted(table["key"].unique()) == ["gdp_growth", "industrial_value_added_growth"]
    reasons = table.attrs["dropped"].set_index("reason")["n"].to_dict()
    assert reasons == {"no key: not in the indicator taxonomy": 1}


def test_by_region_orders_years_then_region_codes_with_the_same_labels() -> None:
    table = compare(county_records(), by="region", key="gdp_growth", status="target")
    assert rows(table, ["year", "region", "issuer", "value", "delta"]) == [
        [2022, "安吉县", ANJI, 7.0, None],
        [2023, "安吉县", ANJI, 6.5, -0.5],
        [2024, "安吉县", ANJI, 6.0, -0.5],
        [2024, "长葛市", CHANGGE[2], 7.5, None],
        [2024, "新会区", XINHUI[2], 5.5, None],
    ]
    by_year = compare(county_records(), by="year", key="gdp_growth", status="target")
    assert sorted(rows(table)) == sorted(rows(by_year))  # the same cells, another order


# --- wide: one column per key and status ---------------------------------------------------------


def test_wide_has_every_field_per_cell_under_valid_names() -> None:
    table = compare(county_records(), by="region", key="gdp_growth", status="target", year=2024, wide=True)  # fmt: skip
    assert list(table.columns) == [
        "region", "region_code", "issuer", "year", "gdp_growth_target", "gdp_growth_target_max",
        "gdp_growth_target_qualifier", "gdp_growth_target_unit", "gdp_growth_target_delta",
        "gdp_growth_target_gap",
    ]  # fmt: skip
    assert rows(table, ["region", "year", "gdp_growth_target", "gdp_growth_target_qualifier", "gdp_growth_target_delta"]) == [
        ["安吉县", 2024, 6.0, "exact", None], ["长葛市", 2024, 7.5, "exact", None], ["新会区", 2024, 5.5, "exact", None],
    ]  # fmt: skip  (2023 is not shown: no delta)
    assert table.attrs["labels"]["gdp_growth_target_max"] == "gdp_growth target max"


def test_wide_names_of_long_keys_fit_stata() -> None:
    table = compare(county_records(), wide=True)
    assert all(valid_name(str(c)) for c in table.columns), list(table.columns)
    assert "ind_va_growth_target_qualifier" in table.columns
    assert table.attrs["labels"]["ind_va_growth_target"] == "industrial_value_added_growth target value"
    assert len(set(table.columns)) == len(table.columns)
    # the status is never cut: a column of targets ends in _target, whatever its key's length
    for column, label in table.attrs["labels"].items():
        _key, status, field = label.split()
        assert column.endswith(f"_{status}" if field == "value" else f"_{status}_{field}")


# --- sources and edge cases ------------------------------------------------------------------


CASES = [
    pytest.param({}, id="everything"),
    pytest.param({"key": ["gdp_growth"], "status": "target", "region": "安吉"}, id="short-region"),
    pytest.param({"by": "region", "year": (2023, 2024)}, id="by-region-range"),
    pytest.param({"region": ["浙江", "广东"], "wide": True}, id="two-provinces-wide"),
]


@pytest.mark.parametrize("options", CASES)
def test_store_and_records_give_the_same_table(store: Store, options: dict[str, object]) -> None:
    pd.testing.assert_frame_equal(
        compare(store, **options),  # type: ignore[arg-type]
        compare(county_records(), **options),  # type: ignore[arg-type]
    )


def test_nothing_found_is_an_empty_table() -> None:
    table = compare(county_records(), key="gdp_growth", year=1999)
    assert table.empty and list(table.columns) == list(LONG)


BAD = [
    pytest.param({"key": "gdp_grwoth"}, "unknown indicator key 'gdp_grwoth' (did you mean gdp_growth?)", id="key"),
    pytest.param({"status": "targets"}, "unknown status 'targets' (did you mean target?)", id="status"),
    pytest.param({"region": "火星"}, "unknown region '火星'", id="region"),
]  # fmt: skip


@pytest.mark.parametrize(("options", "message"), BAD)
def test_a_typo_is_an_error_not_an_empty_table(options: dict[str, str], message: str) -> None:
    with pytest.raises(UsageError) as info:
        compare(county_records(), **options)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


def test_by_must_be_year_or_region() -> None:
    with pytest.raises(ValueError, match="by must be"):
        compare(county_records(), by="issuer")  # type: ignore[arg-type]


# --- entity continuity -------------------------------------------------------------------------


def test_entity_continuity_between_consecutive_reports() -> None:
    table = continuity(county_records())
    expected = [
        [*A, 2023, 2022, "COMPANY", "禾丰食品集团", "new"],
        [*A, 2023, 2022, "COMPANY", "青岚竹木制品有限公司", "continuing"],
        [*A, 2023, 2022, "COMPANY", "南塘五金机械有限公司", "dropped"],
        [*A, 2023, 2022, "PROJECT", "竹产业创新园", "new"],
        [*A, 2024, 2023, "COMPANY", "远澜新材料股份有限公司", "new"],
        [*A, 2024, 2023, "COMPANY", "禾丰食品集团", "continuing"],
        [*A, 2024, 2023, "COMPANY", "青岚竹木制品有限公司", "dropped"],
        [*A, 2024, 2023, "PROJECT", "竹产业创新园", "continuing"],
    ]
    assert rows(table, list(table.columns)) == expected


def test_entity_continuity_from_the_store_matches(store: Store) -> None:
    pd.testing.assert_frame_equal(
        continuity(store, label=["COMPANY"]), continuity(county_records(), label=["COMPANY"])
    )


def test_one_report_has_no_continuity() -> None:
    assert continuity(county_records(), issuer="长葛市人民政府").empty


# --- the command ---------------------------------------------------------------------------------


def test_compare_command_from_record_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for r in county_records():
        (tmp_path / f"{r.document.id}.json").write_text(r.to_json(), encoding="utf-8")
    status = main(
        ["compare", "--records", str(tmp_path), "--region", "安吉县", "--key", "gdp_growth",
         "--status", "target", "--year", "2022-2024", "--format", "json",
         "--columns", "year,value,max,qualifier,delta,gap"]
    )  # fmt: skip
    captured = capsys.readouterr()
    assert status == 0
    assert json.loads(captured.out) == [
        {"year": 2022, "value": 7.0, "max": None, "qualifier": "exact", "delta": None, "gap": False},
        {"year": 2023, "value": 6.5, "max": None, "qualifier": "exact", "delta": -0.5, "gap": False},
        {"year": 2024, "value": 6.0, "max": None, "qualifier": "exact", "delta": -0.5, "gap": False},
    ]
    assert captured.err == (
        "yxnlp: note: left out 1 gdp_growth figure(s) in CNY: another unit: gdp_growth target"
        " is compared in percent, its most frequent unit\n"
    )


def test_quiet_hides_the_notes_and_years_is_still_read(store: Store, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    args = ["compare", "--db", str(store.path), "--key", "gdp_growth", "--format", "csv"]
    assert main(["-q", *args, "--years", "2024"]) == 0
    quiet = capsys.readouterr()
    assert quiet.err == "" and len(quiet.out.splitlines()) == 4
    assert main([*args, "--years", "2024"]) == 0
    assert "yxnlp: note: --years is now --year" in capsys.readouterr().err


def test_wide_csv_reads_back_with_valid_names(store: Store, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["-q", "compare", "--db", str(store.path), "--wide", "--format", "csv"]) == 0
    df = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert all(valid_name(c) for c in df.columns)
    assert df.loc[df["year"] == 2023, "gdp_growth_target"].tolist() == [6.5]
    assert df["gdp_growth_target_gap"].dropna().isin([0, 1]).all()  # 1/0, which Stata reads


def test_compare_command_entities_csv(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["compare", "--db", str(store.path), "--entities", "--label", "PROJECT", "--format", "csv"]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines() == [
        "region,region_code,issuer,year,previous_year,label,canonical,change",
        f"安吉县,330523,{ANJI},2023,2022,PROJECT,竹产业创新园,new",
        f"安吉县,330523,{ANJI},2024,2023,PROJECT,竹产业创新园,continuing",
    ]


def test_a_typo_in_the_command_is_exit_2(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "--db", str(store.path), "--status", "targets"]) == 2
    assert capsys.readouterr().err == "yxnlp: error: unknown status 'targets' (did you mean target?)\n"


# --- records and the store go through one query path -------------------------------------------

REGIONS = [
    pytest.param("安吉县", id="full-name"),
    pytest.param("安吉", id="short-name"),
    pytest.param("330523", id="code"),
    pytest.param("安吉市", id="other-suffix"),
    pytest.param("浙江", id="province"),
    pytest.param("上海", id="a-region-without-reports"),
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
    assert len(indicator_rows(county_records(), key=["gdp_growth"])) == 10
    assert list(tmp_path.iterdir()) == []


# --- one figure per cell: an exact value before a bound, never an average -----------------------


def _report(figures: list[tuple[str, float, str]], year: int = 2021) -> Record:
    """A report of an invented city whose summary gives ``figures`` (text, value, qualifier) of
    one key, in that order."""
    inds = [
        Indicator(id=f"i{n}", key="gdp", text=text, span=(10 * n, 10 * n + len(text)),
                  sentence_span=(0, 99), kind="amount", status="actual", source="rule:amount",
                  qualifier=qualifier, period=str(year),
                  normalized=Normalized(value=value, unit="CNY"))
        for n, (text, value, qualifier) in enumerate(figures, start=1)
    ]  # fmt: skip
    doc = Document(id=f"qh{year}", source=f"qh{year}.txt", issuer="青禾市人民政府",
                   summary_year=year, plan_year=year + 1)  # fmt: skip
    return Record(document=doc, indicators=inds)


PICKS = [
    # (figures in text order, the one shown): a bound written first loses to the exact level
    ([("4万亿元", 4e12, "more_than"), ("4.32万亿元", 4.32e12, "exact")], "4.32万亿元"),
    ([("4万亿元", 4e12, "at_least"), ("4.1万亿元", 4.1e12, "approx")], "4.1万亿元"),
    ([("4.1万亿元", 4.1e12, "approx"), ("4.32万亿元", 4.32e12, "exact")], "4.32万亿元"),
    # two exact figures: the first mention, not their mean
    ([("4.32万亿元", 4.32e12, "exact"), ("4.3万亿元", 4.3e12, "exact")], "4.32万亿元"),
    # only bounds: the first, said to be a bound
    ([("4万亿元", 4e12, "more_than"), ("3万亿元", 3e12, "more_than")], "4万亿元"),
]


@pytest.mark.parametrize(("figures", "shown"), PICKS, ids=["bound-exact", "bound-approx", "approx-exact", "two-exact", "two-bounds"])  # fmt: skip
def test_a_cell_shows_an_exact_value_before_a_bound(figures: list[tuple[str, float, str]], shown: str) -> None:  # fmt: skip
    table = compare([_report(figures)], key="gdp", status="actual")
    assert table["text"].tolist() == [shown]
    assert table["value"].tolist() == [next(v for t, v, _ in figures if t == shown)]
    assert table["n_values"].tolist() == [len(figures)]


def test_a_total_over_years_is_left_out_and_said_so() -> None:
    """五年新增城镇就业420万人 (2019..2023) is no year's figure: not shown under 2019, but said."""
    def jobs(n: int, text: str, value: float, period: str) -> Indicator:
        return Indicator(id=f"i{n}", key="urban_new_jobs", text=text, span=(10 * n, 10 * n + 5),
                         sentence_span=(0, 99), kind="count", status="actual", source="rule:count",
                         period=period, normalized=Normalized(value=value, unit="count"))  # fmt: skip

    doc = Document(id="qh2023", source="qh2023.txt", issuer="青禾市人民政府", summary_year=2023, plan_year=2024)  # fmt: skip
    rec = Record(document=doc, indicators=[jobs(1, "420万人", 4.2e6, "2019..2023"), jobs(2, "86万人", 8.6e5, "2023")])  # fmt: skip
    table = compare([rec], key="urban_new_jobs", status="actual")
    assert rows(table, ["year", "value", "text"]) == [[2023, 860000.0, "86万人"]]
    dropped = table.attrs["dropped"]
    assert dropped[["key", "n"]].values.tolist() == [["urban_new_jobs", 1]]
    assert "several years" in dropped["reason"].iloc[0]
