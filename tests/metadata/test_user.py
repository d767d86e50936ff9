"""Metadata from the user: values that win, manifest files, government hosts."""

from __future__ import annotations

from pathlib import Path

import pytest

from yxnlp.errors import InputError
from yxnlp.metadata import (
    MANIFEST_COLUMNS,
    apply_user_metadata,
    read_manifest,
    read_metadata,
    region_from_url,
    user_metadata,
)
from yxnlp.record import Region

PAGE = ("2023年工作总结和2024年工作计划\n"
        "　　2023年，我局在县委、县政府的坚强领导下，全县商贸流通工作稳步推进。\n")


def test_user_values_win_and_are_marked() -> None:
    guess = read_metadata("某县商务局2023年工作总结和2024年工作计划\n发布时间：2024-01-05\n")
    assert guess.published == "2024-01-05"
    m = read_metadata("某县商务局2023年工作总结和2024年工作计划\n发布时间：2024-01-05\n", user={
        "title": "某县商务局2023年工作总结", "issuer": "嘉善县商务局", "region": "330421",
        "published": "2024/1/8", "summary_year": "2023", "plan_year": "", "url": ""})
    assert (m.title, m.issuer, m.published, m.summary_year) == (
        "某县商务局2023年工作总结", "嘉善县商务局", "2024-01-08", 2023)
    assert m.region == Region(name="嘉善县", code="330421")
    assert {k: m.rules[k] for k in ("title", "issuer", "region", "published", "summary_year")} == \
        dict.fromkeys(("title", "issuer", "region", "published", "summary_year"), "user")
    assert m.plan_year is None and "plan_year" not in m.rules  # the user's title has no plan


def test_user_title_is_read_for_years() -> None:
    m = read_metadata(PAGE, user={"title": "平遥县商务局2023年工作总结和2024年工作计划"})
    assert (m.issuer, m.summary_year, m.plan_year) == ("平遥县商务局", 2023, 2024)
    assert m.region is not None and m.region.code == "140728"


def test_user_issuer_gives_the_region() -> None:
    m = read_metadata(PAGE, user={"issuer": "平遥县商务局"})
    assert m.region is not None and m.region.code == "140728"
    assert m.rules["region"] == "gazetteer:user_issuer"


def test_user_region_completes_a_partial_issuer() -> None:
    m = apply_user_metadata(read_metadata("县商务局2023年工作总结\n正文。\n"), {"region": "平遥县"})
    assert (m.issuer, m.rules["issuer"]) == ("平遥县商务局", "issuer:completed")


def test_url_host_when_nothing_better() -> None:
    m = read_metadata(PAGE, user={"url": "http://www.pingyao.gov.cn/xxgk/2024/0111/1.html"})
    assert m.region is not None and (m.region.code, m.rules["region"]) == ("140728", "url:gov_host")
    assert m.url == "http://www.pingyao.gov.cn/xxgk/2024/0111/1.html"
    # a better source (the title) wins over the host
    m = read_metadata("霍邱县商务局2023年工作总结\n正文。\n", user={"url": "http://www.pingyao.gov.cn/"})
    assert m.region is not None and m.region.code == "341522"


def test_url_host_tells_namesakes_apart() -> None:
    text = "区工信局2023年工作总结\n　　2023年，在区委、区政府领导下，鼓楼区工业稳中有进。\n"
    assert read_metadata(text).region is None
    m = read_metadata(text, user={"url": "https://www.nanjing.gov.cn/zwgk/1.html"})
    assert m.region is not None and m.region.code == "320106"
    assert m.issuer == "南京市鼓楼区工信局"


HOSTS = [
    ("https://www.hangzhou.gov.cn/art/1.html", "330100"),
    ("http://fgw.hangzhou.gov.cn/", "330100"),
    ("http://www.jiashan.gov.cn/", "330421"),
    ("http://www.zj.gov.cn/", "330000"),
    ("http://www.shaanxi.gov.cn/", "610000"),
    ("http://www.shanxi.gov.cn/", "140000"),
    ("http://www.gov.cn/zhengce/", "100000"),
    ("http://www.yuhang.hangzhou.gov.cn/", "330110"),
    # negatives: not a government host, a label naming several divisions, no label known
    ("https://www.example.com/", None),
    ("http://www.nanjing.gov.cn/", "320100"),  # 南京市 over the county 南靖县
    ("http://www.xihu.gov.cn/", None),  # four districts
    ("http://www.hzxh.gov.cn/", None),
    ("not a url", None),
]


@pytest.mark.parametrize(("url", "code"), HOSTS)
def test_region_from_url(url: str, code: str | None) -> None:
    region = region_from_url(url)
    assert (region.code if region else None) == code


BAD_VALUES = [
    ({"region": "火星市"}, "region '火星市'"),
    ({"region": "999999"}, "region code '999999'"),
    ({"published": "明天"}, "published '明天'"),
    ({"summary_year": "23"}, "summary_year '23'"),
    ({"plan_year": "2024年"}, "plan_year '2024年'"),
    ({"url": "ftp://example.com/a"}, "url 'ftp://example.com/a'"),
    ({"author": "某某"}, "unknown key(s) author"),
]


@pytest.mark.parametrize(("values", "message"), BAD_VALUES)
def test_bad_user_values(values: dict[str, str], message: str) -> None:
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        user_metadata(values)


@pytest.mark.parametrize(("value", "code"), [("330421", "330421"), ("佛山市南海区", "440605"),
                                             ("440605011", "440605011"), ("100000", "100000")])
def test_region_by_name_or_code(value: str, code: str) -> None:
    region = user_metadata({"region": value}).region
    assert region is not None and region.code == code


# -- manifest files ------------------------------------------------------------------------------
def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_manifest(tmp_path: Path) -> None:
    path = _write(tmp_path, ",".join(MANIFEST_COLUMNS) + "\n"
                  "pages/a.txt,某县商务局2023年工作总结,,330421,2024-01-08,2023,,\n"
                  "pages\\b.html,,,,,,,http://www.jiashan.gov.cn/1.html\n")
    assert read_manifest(path) == {
        "pages/a.txt": {"title": "某县商务局2023年工作总结", "region": "330421",
                        "published": "2024-01-08", "summary_year": "2023"},
        "pages/b.html": {"url": "http://www.jiashan.gov.cn/1.html"},
    }


def test_manifest_with_some_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffpath,region\na.txt,嘉善县\n")
    assert read_manifest(path) == {"a.txt": {"region": "嘉善县"}}


BAD_MANIFESTS = [
    ("path,title\na.txt,x\nb.txt,y,z\n", "line 3: more values than columns"),
    ("path,region\na.txt,330421\nb.txt,火星市\n", "line 3: region '火星市'"),
    ("path,plan_year\na.txt,明年\n", "line 2: plan_year '明年'"),
    ("path,title\na.txt,x\na.txt,y\n", "line 3: path 'a.txt' listed twice"),
    ("path,title\n,x\n", "line 2: empty path"),
    ("file,title\na.txt,x\n", "no 'path' column"),
    ("path,titel\na.txt,x\n", "unknown column\\(s\\) titel"),
]


@pytest.mark.parametrize(("text", "message"), BAD_MANIFESTS)
def test_bad_manifest_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError, match=message) as err:
        read_manifest(path)
    assert str(path) in str(err.value)


def test_missing_manifest(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read manifest"):
        read_manifest(tmp_path / "none.csv")
