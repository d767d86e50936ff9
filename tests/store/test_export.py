"""Export: the views as Parquet (pyarrow), CSV (UTF-8, Stata- and R-valid names) and JSON Lines."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from yxnlp.cli import main
from yxnlp.errors import InputError, UsageError
from yxnlp.store import VIEWS, Store, valid_name
from yxnlp.store.export import csv_text, json_text, jsonl_text, view_frame


@pytest.fixture
def store(county_store: Store) -> Store:
    return county_store


@pytest.mark.parametrize("view", VIEWS)
def test_every_column_name_is_valid_in_stata_and_r(store: Store, view: str) -> None:
    names = [str(c) for c in view_frame(store, view).columns]
    assert [n for n in names if not valid_name(n)] == []


NAMES = [("gdp_growth_target", True), ("x" * 32, True), ("x" * 33, False), ("_n", False), ("2024", False), ("in", False), ("gdp:target", False), ("目标", False)]  # fmt: skip


@pytest.mark.parametrize(("name", "valid"), NAMES)
def test_valid_name(name: str, valid: bool) -> None:
    assert valid_name(name) is valid


def test_parquet_reads_back_with_pandas(store: Store, tmp_path: Path) -> None:
    written = store.export(tmp_path / "pq")
    assert [p.name for p in written] == [f"{v}.parquet" for v in VIEWS]
    back = pd.read_parquet(tmp_path / "pq" / "indicators.parquet")
    frame = store.indicators(with_sentence=True)
    pd.testing.assert_frame_equal(back, frame)
    assert str(back["status"].dtype) == "category" and str(back["year"].dtype) == "Int64"
    assert len(pd.read_parquet(tmp_path / "pq" / "mentions.parquet")) == 10  # 9 + 1


def test_csv_for_stata_and_excel(store: Store, tmp_path: Path) -> None:
    store.export(tmp_path, format="csv", views=["indicators"], key="industrial_investment")
    raw = (tmp_path / "indicators.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    row = next(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
    assert (row["text"], row["published"], row["period_start"], row["unit_inferred"]) == ("12亿—15亿元", "2025-01-20", "2025-01-01", "1")  # fmt: skip
    store.export(tmp_path, format="csv", views=["indicators"], bom=True)
    assert (tmp_path / "indicators.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(tmp_path / "indicators.csv", encoding="utf-8-sig").columns[0] == "document_id"


def test_jsonl_one_object_per_line_without_escapes(store: Store, tmp_path: Path) -> None:
    store.export(tmp_path, format="jsonl", views=["documents"], region="临川区")
    lines = (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 and "\\/" not in lines[0] and "临川区" in lines[0]
    doc = json.loads(lines[0])
    assert (doc["source"], doc["published"], doc["created"]) == ("reports/linchuan2025.html", "2025-01-20", "2025-02-01T00:00:00+00:00")  # fmt: skip


def test_filters_apply_to_the_views_they_are_about(store: Store, tmp_path: Path) -> None:
    written = store.export(tmp_path, format="csv", key="gdp_growth", label="COMPANY", region="浙江")
    counts = {p.stem: len(pd.read_csv(p)) for p in written}
    assert counts == {"indicators": 8, "entities": 6, "mentions": 6, "documents": 3}


def test_an_unknown_view_or_format_is_an_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=re.escape("unknown view 'indicator' (did you mean indicators?)")):
        store.export(tmp_path, views=["indicator"])
    with pytest.raises(UsageError, match="unknown format 'xlsx'"):
        store.export(tmp_path, format="xlsx")


CELLS = pd.DataFrame({
    "key": ["gdp_growth", None], "value": [5.0, float("nan")], "source": ["a/b.txt", "c"],
    "year": pd.array([2024, None], dtype="Int64"), "years": [[2023, 2024], []],
    "published": pd.to_datetime(["2024-01-20", None]),
})  # fmt: skip


def test_the_text_formats() -> None:
    assert csv_text(CELLS).splitlines() == [
        "key,value,source,year,years,published", "gdp_growth,5.0,a/b.txt,2024,2023;2024,2024-01-20", ",,c,,,",
    ]  # fmt: skip
    first = '{"key": "gdp_growth", "value": 5.0, "source": "a/b.txt", "year": 2024, "years": [2023, 2024], "published": "2024-01-20"}'  # fmt: skip
    assert jsonl_text(CELLS).splitlines()[0] == first
    assert json.loads(json_text(CELLS))[1] == {"key": None, "value": None, "source": "c", "year": None, "years": [], "published": None}  # fmt: skip
    assert json_text(CELLS.iloc[:0]) == "[]\n"


# --- the command ---------------------------------------------------------------------------------


def test_export_command(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "--db", str(store.path), "--format", "csv", "--view", "indicators", "--out", str(tmp_path), "--region", "浙江", "--region", "广东"]  # fmt: skip
    assert main(args) == 0
    assert capsys.readouterr().out == f"{tmp_path / 'indicators.csv'}\n"
    assert set(pd.read_csv(tmp_path / "indicators.csv")["region_name"]) == {"安吉县", "新会区"}


def test_export_without_out_is_a_usage_error(store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--db", str(store.path)]) == 2
    assert capsys.readouterr().err.startswith("yxnlp: error: export needs --out DIR")


def test_the_old_parquet_flag_still_works_with_a_note(store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    assert main(["export", "--db", str(store.path), "--parquet", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{v}.parquet" for v in VIEWS)
    assert "yxnlp: note: --parquet DIR is now --format parquet --out DIR" in capsys.readouterr().err


def test_a_folder_that_cannot_be_written_is_one_line(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(InputError) as info:
        store.export(blocker / "sub", format="csv", views=["documents"])
    assert str(info.value) == f"{blocker / 'sub'}: cannot write (not a directory)"
