"""Region filters: a name or code at any level selects the region and everything below it."""

from __future__ import annotations

import pytest

from tests.fixtures_batch import county_records, indicator, record
from yxnlp.errors import UsageError
from yxnlp.store import Store
from yxnlp.store.regions import code_prefix, resolve

STORED = [("安吉县", "330523"), ("新会区", "440705"), ("长葛市", "411082"), ("江西省某县", None)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The county records and a made-up town below 安吉县 (a 9-digit township code)."""
    town = record("town", region=("某某镇", "330523100"), issuer="某某镇人民政府", plan_year=2024,
                  indicators=[indicator(1, "gdp_growth", 6.6, status="target")])  # fmt: skip
    path = tmp_path_factory.mktemp("regions") / "r.duckdb"
    with Store(path, read_only=False) as st:
        st.upsert([*county_records(), town])
    return Store(path)


# (value, what it selects: the prefixes, exact codes and names of the match)
RESOLVED = [
    ("浙江", ("33",), (), ()),
    ("浙江省", ("33",), (), ()),
    ("330000", ("33",), (), ()),
    ("33", ("33",), (), ()),
    ("湖州", ("3305",), (), ()),  # a city with no report of its own: from the gazetteer
    ("湖州市", ("3305",), (), ()),
    ("安吉", ("330523",), (), ()),  # a county's short name, as stored
    ("海盐县", ("330424",), (), ()),  # a county the store does not have
    ("海盐", ("330424",), (), ()),  # its short name, completed with a suffix
    ("全国", (), ("100000",), ()),  # the country: national reports only
    ("100000", (), ("100000",), ()),
    ("江西省某县", (), (), ("江西省某县",)),  # a stored name the gazetteer does not know
]


@pytest.mark.parametrize(("value", "prefixes", "exact", "names"), RESOLVED)
def test_what_a_region_selects(value: str, prefixes: tuple[str, ...], exact: tuple[str, ...], names: tuple[str, ...]) -> None:  # fmt: skip
    m = resolve(value, stored=STORED)
    assert (m.prefixes, m.exact, m.names) == (prefixes, exact, names)


REFUSED = [
    ("火星", "unknown region '火星': not a region of the stored documents nor of the gazetteer"),
    ("浙江身", "unknown region '浙江身' (did you mean 浙江?)"),
    ("朝阳区", "region '朝阳区' is ambiguous: 110105 (北京市朝阳区), 220104 (吉林省长春市朝阳区)"),
    ("999999", "unknown region code '999999'"),
]


@pytest.mark.parametrize(("value", "message"), REFUSED)
def test_a_region_that_names_nothing_or_several_is_an_error(value: str, message: str) -> None:
    with pytest.raises(UsageError) as info:
        resolve(value, stored=STORED)
    assert str(info.value).startswith(message)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(("code", "prefix"), [("330000", "33"), ("330500", "3305"), ("330523", "330523"), ("330523100", "330523100"), ("441900", "4419")])  # fmt: skip
def test_code_prefix(code: str, prefix: str) -> None:
    assert code_prefix(code) == prefix


# (filter, the documents it selects)
SELECTED = [
    ("浙江", ["anji2022", "anji2023", "anji2024", "town"]),  # the county and the town below it
    ("湖州", ["anji2022", "anji2023", "anji2024", "town"]),
    ("安吉县", ["anji2022", "anji2023", "anji2024", "town"]),
    ("某某镇", ["town"]),
    (["浙江", "广东"], ["anji2022", "anji2023", "anji2024", "town", "xinhui2024"]),  # repeatable
    (["江苏", "上海"], []),  # regions without reports: an empty result, not an error
    ("河南", ["changge2024"]),
]


@pytest.mark.parametrize(("region", "documents"), SELECTED)
def test_a_region_includes_everything_below_it(store: Store, region: str | list[str], documents: list[str]) -> None:  # fmt: skip
    assert sorted(store.documents(region=region)["id"]) == documents
    assert sorted(set(store.indicators(region=region)["document_id"])) == documents


def test_the_same_regions_in_every_query(store: Store) -> None:
    two = ["浙江", "广东"]
    assert set(store.entities(region=two)["document_id"]) == {"anji2022", "anji2023", "anji2024"}
    assert set(store.mentions(region=two)["region_name"]) == {"安吉县"}
    assert sorted(set(store.indicators("gdp_growth", region=two)["region_name"])) == ["安吉县", "新会区", "某某镇"]  # fmt: skip


def test_a_typo_in_a_region_is_an_error_in_the_store(store: Store) -> None:
    with pytest.raises(UsageError, match="did you mean 安吉"):
        store.indicators(region="安吉线")


def test_the_region_s_own_codes(store: Store) -> None:
    assert store.region("浙江").codes == frozenset({"330000"})
    assert store.region("安吉").codes == frozenset({"330523"})
