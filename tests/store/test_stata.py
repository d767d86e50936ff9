"""Stata export: format 118 files with a label on every variable, read back by pandas."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from yxnlp.cli import main
from yxnlp.store import VIEWS, Store
from yxnlp.store.export import view_frame
from yxnlp.store.stata import MAX_LABEL, column_labels, dta_bytes, for_stata


@pytest.fixture
def store(county_store: Store) -> Store:
    return county_store


@pytest.mark.parametrize("view", VIEWS)
def test_every_column_of_every_view_has_a_label(store: Store, view: str) -> None:
    labels = column_labels()
    assert [c for c in view_frame(store, view).columns if str(c) not in labels] == []


def test_labels_fit_stata_and_none_is_left_over(store: Store) -> None:
    labels = column_labels()
    assert all(0 < len(v) <= MAX_LABEL for view in ("", *VIEWS) for v in column_labels(view).values())
    used = {view: {str(c) for c in view_frame(store, view).columns} for view in VIEWS}
    assert sorted(set(labels) - set().union(*used.values())) == []  # a label no view uses is stale
    for view in VIEWS:  # a view's own label is for a column it has
        own = {k for k, v in column_labels(view).items() if v != labels.get(k)}
        assert sorted(own - used[view]) == []


def test_a_documents_id_is_labelled_as_the_report_id() -> None:
    assert column_labels("documents")["id"] != column_labels("indicators")["id"]
    assert "sha256" in column_labels("documents")["id"]


@pytest.mark.parametrize("view", VIEWS)
def test_each_view_reads_back_with_the_same_rows_and_values(store: Store, view: str) -> None:
    frame = view_frame(store, view)
    with pd.io.stata.StataReader(io.BytesIO(dta_bytes(frame, name=view))) as reader:
        back = reader.read()
        labels = reader.variable_labels()
        assert reader.data_label == f"yxnlp {view}"
    assert list(back.columns) == list(frame.columns) and len(back) == len(frame)
    assert labels == {str(c): column_labels(view)[str(c)] for c in frame.columns}
    for name in frame.columns:
        mine, theirs = frame[name], back[name]
        if isinstance(mine.dtype, pd.CategoricalDtype) and isinstance(theirs.dtype, pd.CategoricalDtype):
            assert theirs.astype(object).fillna("-").tolist() == mine.astype(object).fillna("-").tolist()
        elif isinstance(mine.dtype, pd.CategoricalDtype):  # categories from the data, or numbers
            assert theirs.astype(str).tolist() == [str(v) if v == v else "" for v in mine.astype(object)]
        elif pd.api.types.is_numeric_dtype(mine) or pd.api.types.is_bool_dtype(mine):
            expected = mine.astype("Float64").astype(float)
            pd.testing.assert_series_equal(theirs.astype(float), expected, check_names=False)
        elif pd.api.types.is_string_dtype(mine):
            assert theirs.tolist() == mine.fillna("").tolist()


@pytest.mark.parametrize("view", VIEWS)
def test_a_view_without_rows_is_written_with_its_labels(tmp_path: Path, view: str) -> None:
    """An empty store, or filters that match nothing: the file has the view's columns, no rows,
    and the fixed categories still labelled."""
    with Store(tmp_path / "empty.duckdb", read_only=False) as empty:
        frame = view_frame(empty, view)
    with pd.io.stata.StataReader(io.BytesIO(dta_bytes(frame, name=view))) as reader:
        back = reader.read()
        value_labels = reader.value_labels()
    assert list(back.columns) == list(frame.columns) and back.empty
    if view == "indicators":
        assert set(value_labels["status"].values()) >= {"actual", "target"}


def test_indicator_cells_keep_their_meaning(store: Store) -> None:
    frame = view_frame(store, "indicators", key="industrial_investment")
    back = pd.read_stata(io.BytesIO(dta_bytes(frame, name="indicators")))
    row = back.iloc[0]
    assert (row["text"], row["unit_inferred"], row["status"]) == ("12亿—15亿元", 1, "target")
    assert (row["published"], row["period_start"]) == (pd.Timestamp("2025-01-20"), pd.Timestamp("2025-01-01"))  # fmt: skip


CASES = [  # (column, values, dtype after for_stata, written as strL, missing left, Stata date format)
    ("flag", pd.array([True, None], dtype="boolean"), "Int8", False, 1, None),
    ("zone", pd.Series([None, None], dtype="str"), "object", False, 0, None),
    ("sentence", pd.Series(["长" * 100, "短"], dtype="str"), "object", True, 0, None),
    ("title", pd.Series(["长" * 81, None], dtype="str"), "object", False, 0, None),
    ("created", pd.to_datetime(["2026-01-02T03:04:05Z", None], utc=True), "datetime64[us]", False, 1, "tc"),
    ("published", pd.to_datetime(["2026-01-02", None]), "datetime64[us]", False, 1, "td"),
    ("status", pd.Categorical(["target", None], categories=["actual", "target"]), "category", False, 1, None),
    ("attributes_type", pd.Categorical(["park", None]), "object", False, 0, None),
    ("schema_version", pd.Categorical(["3", "3"], categories=["1", "2", "3"]), "int64", False, 0, None),
]


@pytest.mark.parametrize(("name", "values", "dtype", "strl", "missing", "date"), CASES)
def test_for_stata_types(
    name: str, values: object, dtype: str, strl: bool, missing: int, date: str | None
) -> None:
    out, long, dates = for_stata(pd.DataFrame({name: values}))
    assert (str(out[name].dtype), name in long, int(out[name].isna().sum())) == (dtype, strl, missing)
    assert dates.get(name) == date


def test_a_date_reads_as_a_stata_date() -> None:
    """%td counts days from 1960-01-01 (``year(published)`` works in Stata); %tc milliseconds."""
    df = pd.DataFrame({
        "published": pd.to_datetime(["2025-01-20"]),
        "created": pd.to_datetime(["2025-01-20T08:00:00Z"], utc=True),
    })  # fmt: skip
    raw = pd.read_stata(io.BytesIO(dta_bytes(df, name="documents")), convert_dates=False)
    days = (pd.Timestamp("2025-01-20") - pd.Timestamp("1960-01-01")).days
    assert (raw["published"][0], raw["created"][0]) == (days, (days * 24 + 8) * 3_600_000)


def test_cli_writes_dta_files(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "--db", str(store.path), "--format", "dta", "--out", str(tmp_path), "--view", "documents"]  # fmt: skip
    assert main(args) == 0
    assert capsys.readouterr().out.strip().endswith("documents.dta")
    assert len(pd.read_stata(tmp_path / "documents.dta")) == len(view_frame(store, "documents"))
