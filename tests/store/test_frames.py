"""Frames with proper dtypes: dates, nullable integers, categoricals for the record's enums,
period bounds and typed entity attributes."""

from __future__ import annotations

import datetime as dt
import typing
from pathlib import Path

import pandas as pd
import pytest

from tests.fixtures_batch import company, county_records, full_record, record
from yxnlp.record import Kind, Label, Qualifier, Status
from yxnlp.store import Store, period_bounds
from yxnlp.store.frames import columns


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    project = company(9, "竹产业创新园", label="PROJECT").model_copy(
        update={"attributes": {"type": "park", "owner": "禾丰食品集团", "investment": "2亿元", "status": "在建"}}
    )  # fmt: skip
    extra = record("park", region=("安吉县", "330523"), issuer="安吉县人民政府", plan_year=2025, entities=[project])  # fmt: skip
    path = tmp_path_factory.mktemp("frames") / "f.duckdb"
    with Store(path, read_only=False) as st:
        st.upsert([*county_records(), full_record(), extra])
    return Store(path)


def dtypes(df: pd.DataFrame, names: list[str]) -> list[str]:
    return [str(df[n].dtype) for n in names]


def test_indicator_frame_types(store: Store) -> None:
    df = store.indicators()
    assert dtypes(df, ["year", "span_start", "report_year", "summary_year"]) == ["Int64"] * 4
    assert dtypes(df, ["kind", "qualifier", "status"]) == ["category"] * 3
    for name, literal in (("kind", Kind), ("qualifier", Qualifier), ("status", Status)):
        assert list(df[name].cat.categories) == list(typing.get_args(literal))
    assert str(df["unit_inferred"].dtype) == "boolean"
    assert pd.api.types.is_datetime64_any_dtype(df["published"])
    assert pd.api.types.is_datetime64_any_dtype(df["period_start"])
    assert pd.api.types.is_float_dtype(df["normalized_value"])
    missing = df[df["document_id"] == "anji2022"]
    assert missing["published"].isna().all() and missing["report_year"].tolist()[0] == 2022


PERIODS = [
    ("2021", (dt.date(2021, 1, 1), dt.date(2021, 12, 31))),
    ("2021-01..2021-11", (dt.date(2021, 1, 1), dt.date(2021, 11, 30))),
    ("2024-02..2024-02", (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
    ("2021..2025", (dt.date(2021, 1, 1), dt.date(2025, 12, 31))),
    (None, (None, None)),
    ("", (None, None)),
    ("去年", (None, None)),
]


@pytest.mark.parametrize(("period", "bounds"), PERIODS)
def test_period_bounds(period: str | None, bounds: tuple[object, object]) -> None:
    assert period_bounds(period) == bounds


def test_period_columns_in_the_frame(store: Store) -> None:
    df = store.indicators(region="临川区")
    assert df[["period", "period_start", "period_end"]].values.tolist() == [
        ["2025-01..2025-06", pd.Timestamp("2025-01-01"), pd.Timestamp("2025-06-30")]
    ]


def test_document_frame_types(store: Store) -> None:
    df = store.documents(region="临川区")
    assert df["published"].tolist() == [pd.Timestamp("2025-01-20")]
    assert df["created"].tolist() == [pd.Timestamp("2025-02-01T00:00:00", tz="UTC")]
    assert str(df["schema_version"].dtype) == "category"
    assert dtypes(df, ["summary_year", "n_indicators", "length"]) == ["Int64"] * 3


def test_entity_frame_types_and_attributes(store: Store) -> None:
    df = store.entities(year=2025)
    assert list(df["label"].cat.categories) == list(typing.get_args(Label))
    park = df[df["canonical"] == "竹产业创新园"].iloc[0]
    assert (park["attributes_type"], park["attributes_owner"], park["attributes_investment"], park["attributes_status"]) == ("park", "禾丰食品集团", "2亿元", "在建")  # fmt: skip
    assert str(df["attributes_type"].dtype) == "category"
    assert str(df["attributes_issuer"].dtype) == "boolean"
    grouped = store.entities(grouped=True)
    assert all(isinstance(y, list) and all(isinstance(v, int) for v in y) for y in grouped["years"])
    assert dtypes(grouped, ["n_years", "n_documents", "n_mentions"]) == ["Int64"] * 3


def test_a_column_has_one_type_in_every_table() -> None:
    """``source`` is in three tables, ``status`` only in indicators: frames type them alike."""
    known = columns()
    assert known["status"].categories == typing.get_args(Status)
    assert known["source"].sql_type == "VARCHAR" and not known["source"].categories


def test_frames_round_trip_through_parquet(store: Store, tmp_path: Path) -> None:
    for frame in (store.indicators(with_sentence=True), store.entities(), store.documents()):
        path = tmp_path / "f.parquet"
        frame.to_parquet(path)
        back = pd.read_parquet(path)
        assert list(back.columns) == list(frame.columns)
        assert dtypes(back, list(back.columns)) == dtypes(frame, list(frame.columns))
