"""Gazetteer: names and chains of names → regions with codes."""

from __future__ import annotations

import pytest

from yxnlp.gazetteer import Gazetteer, load
from yxnlp.record import Region


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load()


FULL_NAMES = [
    ("德阳市旌阳区", "德阳市旌阳区", "510603"),
    ("北京市", "北京市", "110000"),
    ("上海市", "上海市", "310000"),
    ("四川省", "四川省", "510000"),
    ("浙江省温州市龙湾区", "浙江省温州市龙湾区", "330303"),
    ("郑州市金水区", "郑州市金水区", "410105"),
    ("广东省东莞市", "广东省东莞市", "441900"),  # city without counties: one division
    ("重庆市万州区", "重庆市万州区", "500101"),  # county under the 市辖区 placeholder
    ("河南省济源市", "河南省济源市", "419001"),  # 省直辖县级行政区划
    ("吉林省吉林市", "吉林省吉林市", "220200"),
]

SHORT_FORMS = [
    ("北京", "北京市", "110000"),
    ("广西", "广西壮族自治区", "450000"),
    ("内蒙古", "内蒙古自治区", "150000"),
    ("吉林", "吉林省", "220000"),  # the province wins over 吉林市
    ("温州", "温州市", "330300"),
]

NATIONAL = ["国务院", "中华人民共和国", "全国"]

CONTAINMENT = [
    ("北京市朝阳区", "110105"),
    ("长春市朝阳区", "220104"),
    ("南京市鼓楼区", "320106"),
    ("福州市鼓楼区", "350102"),
]

UNRESOLVED = ["朝阳区", "城关镇", "香港", "旌阳", "工业和信息化局", "", "四川省朝阳区"]


@pytest.mark.parametrize(("name", "full", "code"), FULL_NAMES + SHORT_FORMS)
def test_resolve(gaz: Gazetteer, name: str, full: str, code: str) -> None:
    assert gaz.resolve(name) == Region(name=full, code=code)


@pytest.mark.parametrize("name", NATIONAL)
def test_national_level(gaz: Gazetteer, name: str) -> None:
    assert gaz.resolve(name) == Region(name="中华人民共和国", code="100000")


@pytest.mark.parametrize(("name", "code"), CONTAINMENT)
def test_namesakes_told_apart_by_their_city(gaz: Gazetteer, name: str, code: str) -> None:
    region = gaz.resolve(name)
    assert region is not None and region.code == code


@pytest.mark.parametrize("name", UNRESOLVED)
def test_ambiguous_or_unknown_is_none(gaz: Gazetteer, name: str) -> None:
    assert gaz.resolve(name) is None


def test_within_picks_a_namesake(gaz: Gazetteer) -> None:
    region = gaz.resolve("朝阳区", within="220000")
    assert region is not None and region.code == "220104"


def test_township_keeps_nine_digit_code(gaz: Gazetteer) -> None:
    region = gaz.resolve("北京市东城区东华门街道")
    assert region is not None and region.code == "110101001"
    assert [d.level for d in gaz.lineage(region.code)] == ["province", "county", "township"]


SEARCH = [
    ("德阳市旌阳区经济和信息化局2023年工作总结和2024年工作计划", "510603"),
    ("温州市龙湾区发展和改革局2023年工作总结及2024年工作思路", "330303"),
    ("2026年北京市政府工作报告", "110000"),
    ("2025年中华人民共和国国务院政府工作报告", "100000"),
    ("广东省人民政府2026年政府工作报告", "440000"),
    ("河南省郑州市金水区人民政府关于印发2024年工作要点的通知", "410105"),
    ("佛山市南海区人民政府2023年工作报告", "440605"),
]


@pytest.mark.parametrize(("text", "code"), SEARCH)
def test_search_finds_longest_chain(gaz: Gazetteer, text: str, code: str) -> None:
    region = gaz.search(text)
    assert region is not None and region.code == code


@pytest.mark.parametrize("text", ["主城区建设提速", "关于加强安全生产的通知", "东区开发"])
def test_search_ignores_short_ordinary_words(gaz: Gazetteer, text: str) -> None:
    assert gaz.search(text) is None


def test_divisions_and_names(gaz: Gazetteer) -> None:
    divs = gaz.divisions("旌阳区")
    assert [(d.code, d.level, d.parent) for d in divs] == [("510603", "county", "510600")]
    names = gaz.names()
    assert {"四川省", "德阳市", "旌阳区", "东华门街道"} <= names
    assert "市辖区" not in names and "北京" not in names
    assert len(names) > 30000
    levels = {d.level for n in ("四川省", "德阳市", "旌阳区") for d in gaz.divisions(n)}
    assert levels == {"province", "city", "county"}


def test_doctests() -> None:
    import doctest

    from yxnlp import gazetteer as module

    assert doctest.testmod(module).failed == 0
