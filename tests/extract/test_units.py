"""Physical units: one base unit per dimension, the unit as written kept; traditional script.

Each case is a figure in an invented sentence, the unit it keeps as written and the value in
the base unit (``normalized``), so that one key has one unit whatever a report wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extract.test_indicators import report, the
from yxnlp import process

# (id, sentence, figure, unit as written, normalised value, base unit)
PHYSICAL = [
    ("ton", "全县粮食总产量达到32.6万吨。", "32.6万吨", "万吨", 326000.0, "吨"),
    ("jin", "全县粮食总产量达到6.5亿斤。", "6.5亿斤", "亿斤", 325000.0, "吨"),
    ("kilogram", "全县粮食总产量12000万公斤。", "12000万公斤", "万公斤", 120000.0, "吨"),
    ("hundred-million-ton", "全国粮食总产量1.3亿吨。", "1.3亿吨", "亿吨", 1.3e8, "吨"),
    ("mu", "建成高标准农田4.5万亩。", "4.5万亩", "万亩", 3000.0, "公顷"),
    ("hectare", "完成造林2600公顷。", "2600公顷", "公顷", 2600.0, "公顷"),
    ("square-km", "新增城市建成区面积3.2平方公里。", "3.2平方公里", "平方公里", 320.0, "公顷"),
    ("floor-area", "建成标准厂房18万平方米。", "18万平方米", "万平方米", 180000.0, "平方米"),
    ("kilowatt", "新增光伏装机25万千瓦。", "25万千瓦", "万千瓦", 250000.0, "千瓦"),
    ("megawatt", "新增光伏装机120兆瓦。", "120兆瓦", "兆瓦", 120000.0, "千瓦"),
    ("gigawatt-ascii", "新能源装机突破3GW。", "3GW", "GW", 3e6, "千瓦"),
    ("kwh", "全社会用电量达到86.4亿千瓦时。", "86.4亿千瓦时", "亿千瓦时", 8.64e9, "千瓦时"),
    ("kwh-long", "全年发电量１２３４亿千瓦小时。", "１２３４亿千瓦小时", "亿千瓦小时", 1.234e11, "千瓦时"),
    ("cubic-metre", "年供水能力1.2亿立方米。", "1.2亿立方米", "亿立方米", 1.2e8, "立方米"),
    ("metre", "改造老旧管网3600米。", "3600米", "米", 3.6, "公里"),
    ("pm25", "PM2.5平均浓度降至31微克/立方米。", "31微克/立方米", "微克/立方米", 31.0, "微克/立方米"),
]


@pytest.mark.parametrize(
    ("sentence", "figure", "unit", "value", "base"),
    [c[1:] for c in PHYSICAL],
    ids=[c[0] for c in PHYSICAL],
)
def test_physical_units_go_to_one_base_unit(
    sentence: str, figure: str, unit: str, value: float, base: str
) -> None:
    ind = the(report(sentence), figure)
    assert (ind.unit, ind.normalized.unit, ind.kind) == (unit, base, "quantity")
    assert ind.normalized.value == pytest.approx(value)


def test_grain_in_jin_and_tons_is_one_key_one_unit() -> None:
    text = report("全县粮食总产量达到6.5亿斤。") + report("全县粮食总产量达到32.6万吨。")
    found = {(i.key, i.normalized.unit) for i in process(text, ner=False).indicators}
    assert found == {("grain_output", "吨")}


def test_more_than_inside_a_unit_bounds_the_figure() -> None:
    ind = the(report("服务业增加值占比提高2个多百分点。"), "2个多百分点")
    assert (ind.normalized.unit, ind.normalized.value, ind.qualifier) == ("percentage_point", 2.0, "more_than")


def test_an_exponent_is_not_a_scale() -> None:
    assert [i.text for i in process(report("误差为1e-400亿元。"), ner=False).indicators] == []


TRADITIONAL = (
    "某縣2023年工作總結和2024年工作計劃\n\n一、2023年工作完成情況\n"
    "全縣地區生產總值達到125.6億元，同比增長6.2%；新增就業1.2萬人，糧食總產量32.5萬噸。\n"
    "二、2024年工作計劃\n力爭地區生產總值增長6.5%。\n"
)


def test_a_big5_report_is_read_through_a_simplified_view(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes(TRADITIONAL.encode("big5"))
    rec = process(path, ner=False)
    got = [(i.text, i.key, i.status, i.period) for i in rec.indicators]
    assert got == [
        ("125.6億元", "gdp", "actual", "2023"),
        ("6.2%", "gdp_growth", "actual", "2023"),
        ("1.2萬人", "urban_new_jobs", "actual", "2023"),
        ("32.5萬噸", "grain_output", "actual", "2023"),
        ("6.5%", "gdp_growth", "target", "2024"),
    ]
    for i in rec.indicators:  # offsets point into the traditional source
        assert TRADITIONAL[i.span[0] : i.span[1]] == i.text
    assert rec.indicators[0].normalized.value == pytest.approx(1.256e10)
    assert (rec.document.summary_year, rec.document.plan_year) == (2023, 2024)


def test_traditional_scale_words_in_a_simplified_page() -> None:
    ind = the(report("全县实现地区生产总值356.8億元，新增就业1.2萬人。"), "356.8億元")
    assert (ind.key, ind.normalized.value) == ("gdp", pytest.approx(3.568e10))
