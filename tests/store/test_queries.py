"""The reading methods beyond filters: mentions with their sentences, entities in several
reports, one row per figure stated several times, the keys, refs, and the default store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.fixtures_batch import county_records
from yxnlp.errors import InputError, UsageError
from yxnlp.store import DEFAULT_PATH, Store, default_path


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("queries") / "q.duckdb"
    with Store(path, read_only=False) as st:
        st.upsert(county_records())
    return Store(path)


def test_companies_in_more_than_one_report_with_each_mention(store: Store) -> None:
    df = store.mentions("COMPANY", min_documents=2)
    assert df[["canonical", "document_id", "text", "n_documents"]].values.tolist() == [
        ["南塘五金机械有限公司", "anji2022", "南塘五金机械有限公司", 2],
        ["南塘五金机械有限公司", "changge2024", "南塘五金机械有限公司", 2],
        ["禾丰食品集团", "anji2023", "禾丰食品集团", 2],
        ["禾丰食品集团", "anji2024", "禾丰食品集团", 2],
        ["青岚竹木制品有限公司", "anji2022", "青岚竹木制品有限公司", 2],
        ["青岚竹木制品有限公司", "anji2023", "青岚竹木制品有限公司", 2],
    ]
    assert df["ref"].tolist()[0] == "anji2022:e2"


def test_min_documents_and_min_years_differ_for_entities(store: Store) -> None:
    by_documents = store.entities("COMPANY", min_documents=2, grouped=True)
    by_years = store.entities("COMPANY", min_years=2, region="安吉", grouped=True)
    assert by_documents["canonical"].tolist() == ["南塘五金机械有限公司", "禾丰食品集团", "青岚竹木制品有限公司"]  # fmt: skip
    assert by_years["canonical"].tolist() == ["禾丰食品集团", "青岚竹木制品有限公司"]


def test_distinct_keeps_the_first_statement_of_a_figure(store: Store) -> None:
    every = store.indicators("gdp_growth", status="target", region="安吉", year=2023)
    assert every["normalized_value"].tolist() == [6.5, 9.9]  # two different figures
    one = store.indicators("gdp_growth", status="target", region="安吉", year=2023, distinct=True)
    assert one[["normalized_value", "n_statements"]].values.tolist() == [[6.5, 1], [9.9, 1]]


def test_keys_with_names_labels_units_and_counts(store: Store) -> None:
    keys = store.keys().set_index("key")
    assert len(keys) >= 44 and keys.index.is_unique
    gdp = keys.loc["gdp_growth"]
    assert (gdp["en"], gdp["kinds"], gdp["units"], gdp["n"], gdp["n_documents"], gdp["first_year"], gdp["last_year"]) == ("GDP growth", "growth", "CNY, percent", 10, 5, 2021, 2024)  # fmt: skip
    assert keys.loc["cpi_growth", "n"] == 0 and keys.loc["cpi_growth", "name"] == "居民消费价格涨幅"


REFS = [
    ("anji2023:i2", ("anji2023", "i2")),
    ("anji2023:e3", ("anji2023", "e3")),
]


@pytest.mark.parametrize(("ref", "expected"), REFS)
def test_refs(store: Store, ref: str, expected: tuple[str, str]) -> None:
    assert store.resolve_ref(ref) == expected


BAD_REFS = [
    ("anji2023", "not a ref"),
    ("anji:i2", "not a ref"),
    ("zzzzzz:i2", "no stored document id starts with 'zzzzzz'"),
    ("anji20:i2", "several stored document ids start with 'anji20'"),
    ("anji2023:i22", "unknown item of document anji2023 'i22' (did you mean i2?)"),
]


@pytest.mark.parametrize(("ref", "message"), BAD_REFS)
def test_bad_refs(store: Store, ref: str, message: str) -> None:
    with pytest.raises(UsageError, match=re.escape(message)):
        store.resolve_ref(ref)


def test_the_default_store_is_yxnlp_db_else_out(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("YXNLP_DB", raising=False)
    assert default_path() == Path(DEFAULT_PATH) == Path("out/yxnlp.duckdb")
    monkeypatch.setenv("YXNLP_DB", str(tmp_path / "mine.duckdb"))
    assert default_path() == tmp_path / "mine.duckdb"
    with pytest.raises(InputError, match=r"mine\.duckdb: no such database"):
        Store()
