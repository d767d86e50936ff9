"""Every filter value is checked against what exists: a typo is an error naming the closest
matches, not an empty table; a value that exists but has no rows is an empty table."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.fixtures_batch import county_records
from yxnlp.errors import UsageError
from yxnlp.store import Store
from yxnlp.store.checks import closest


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("checks") / "c.duckdb"
    with Store(path, read_only=False) as st:
        st.upsert(county_records())
    return Store(path)


# (method, filters, the one-line error)
TYPOS = [
    ("indicators", {"key": "gdp_grwoth"}, "unknown indicator key 'gdp_grwoth' (did you mean gdp_growth?); `yxnlp keys` lists them"),
    ("indicators", {"key": ["gdp_growth", "cpi"]}, "unknown indicator key 'cpi'; `yxnlp keys` lists them"),
    ("indicators", {"status": "targets"}, "unknown status 'targets' (did you mean target?)"),
    ("indicators", {"status": "Target"}, "unknown status 'Target' (did you mean target?)"),
    ("indicators", {"issuer": "安吉县政府"}, "unknown issuer '安吉县政府' (did you mean 安吉县人民政府?)"),
    ("entities", {"label": "company"}, "unknown label 'company' (did you mean COMPANY?)"),
    ("entities", {"label": "PERSON"}, "unknown label 'PERSON'"),
    ("mentions", {"canonical": "禾丰食品"}, "unknown canonical '禾丰食品' (did you mean 禾丰食品集团?)"),
    ("documents", {"region": "火星"}, "unknown region '火星': not a region of the stored documents nor of the gazetteer"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "filters", "message"), TYPOS)
def test_a_typo_is_one_line_with_the_closest_matches(store: Store, method: str, filters: dict[str, Any], message: str) -> None:  # fmt: skip
    with pytest.raises(UsageError) as info:
        getattr(store, method)(**filters)
    assert str(info.value) == message


# values that exist, with no rows under the other filters: a normal empty result
EMPTY = [
    ("indicators", {"key": "cpi_growth"}),  # a taxonomy key no report here has
    ("indicators", {"key": "gdp_growth", "status": "progress"}),
    ("indicators", {"key": "gdp_growth", "year": 1999}),
    ("entities", {"label": "PLACE"}),
    ("documents", {"region": "上海"}),  # a real region without reports here
]


@pytest.mark.parametrize(("method", "filters"), EMPTY)
def test_a_value_without_rows_is_an_empty_result(store: Store, method: str, filters: dict[str, Any]) -> None:  # fmt: skip
    assert getattr(store, method)(**filters).empty


CLOSEST = [
    ("gdp_grwoth", ["gdp", "gdp_growth", "gnp_growth", "cpi_growth"], ["gdp_growth"]),
    ("COMPANy", ["COMPANY", "PROJECT"], ["COMPANY"]),
    ("浙江身", ["浙江省", "江苏省"], ["浙江省"]),
    ("xyz", ["gdp_growth"], []),
]


@pytest.mark.parametrize(("value", "known", "expected"), CLOSEST)
def test_closest(value: str, known: list[str], expected: list[str]) -> None:
    assert closest(value, known) == expected


def test_the_command_line_exits_2_with_the_error(store: Store, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:  # fmt: skip
    from yxnlp.cli import main

    assert main(["indicators", "--db", str(store.path), "--key", "gdp_grwoth"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "yxnlp: error: unknown indicator key 'gdp_grwoth' (did you mean gdp_growth?);"
        " `yxnlp keys` lists them\n"
    )
    assert main(["indicators", "--db", str(store.path), "--columns", "region_name,sentense"]) == 2
    assert capsys.readouterr().err == "yxnlp: error: unknown column 'sentense' (did you mean sentence?)\n"
