"""Keys for the standard statistics of industry: value added of the manufacturing divisions of
GB/T 4754 and output of the main industrial products the statistics bureau reports monthly,
each with its growth; the new-energy share of capacity apart from the renewables' share."""

from __future__ import annotations

import pytest

from yxnlp import taxonomy

KEYED = [
    ("农副食品加工业增加值", "growth", "agri_food_processing_value_added_growth"),
    ("食品制造业增加值", "growth", "food_manufacturing_value_added_growth"),
    ("食品工业增加值", "amount", "food_industry_value_added"),
    ("石化产业增加值", "growth", "petrochemical_value_added_growth"),
    ("化学原料和化学制品制造业增加值", "growth", "chemical_manufacturing_value_added_growth"),
    ("医药制造业增加值", "growth", "pharmaceutical_manufacturing_value_added_growth"),
    ("非金属矿物制品业增加值", "growth", "non_metallic_minerals_value_added_growth"),
    ("黑色金属冶炼和压延加工业增加值", "growth", "ferrous_metals_value_added_growth"),
    ("钢铁行业增加值", "growth", "ferrous_metals_value_added_growth"),
    ("有色金属行业增加值", "growth", "non_ferrous_metals_value_added_growth"),
    ("通用设备制造业增加值", "growth", "general_equipment_value_added_growth"),
    ("专用设备制造业增加值", "growth", "special_equipment_value_added_growth"),
    ("汽车制造业增加值", "amount", "auto_manufacturing_value_added"),
    ("铁路、船舶、航空航天和其他运输设备制造业增加值", "growth",
     "transport_equipment_value_added_growth"),
    ("航空航天行业增加值", "growth", "aerospace_manufacturing_value_added_growth"),
    ("船舶行业增加值", "growth", "ship_manufacturing_value_added_growth"),
    ("电气机械和器材制造业增加值", "growth", "electrical_machinery_value_added_growth"),
    ("计算机、通信和其他电子设备制造业增加值", "growth", "computer_electronics_value_added_growth"),
    ("钢材产量", "quantity", "steel_products_output"),
    ("粗钢产量", "growth", "crude_steel_output_growth"),
    ("水泥产量", "quantity", "cement_output"),
    ("集成电路产量", "count", "integrated_circuit_output"),
    ("集成电路圆片", "growth", "ic_wafer_output_growth"),
    ("集成电路出口", "growth", "ic_exports_growth"),  # exports, a key apart from output
    ("工业机器人产量", "count", "industrial_robot_output"),
    ("服务机器人产量", "growth", "service_robot_output_growth"),
    ("民用无人机产量", "growth", "civil_drone_output_growth"),
    ("太阳能电池产量", "quantity", "solar_cell_output"),
    ("锂离子电池产量", "growth", "li_ion_battery_output_growth"),
    ("汽车用锂电池产量", "growth", "ev_battery_output_growth"),
    ("十种有色金属产量", "quantity", "ten_nonferrous_metals_output"),
    ("新能源装机占比", "share", "new_energy_capacity_share"),
    ("清洁能源装机占比", "share", "renewable_capacity_share"),
    ("以旧换新带动消费", "amount", "consumer_goods_trade_in_sales"),
]


@pytest.mark.parametrize(("subject", "kind", "key"), KEYED)
def test_division_and_product_keys(subject: str, kind: str, key: str) -> None:
    assert taxonomy.map_key(subject, kind=kind) == (key, "rule")


# Near those names, but another measure (or not said which).
UNKEYED = [
    ("钢材", "quantity"),  # output, consumption or exports?
    ("锂电池出口", "growth"),
    ("集成电路", "growth"),  # output or exports? (no fuzzy match of a product name)
    ("太阳能电池", "quantity"),
    ("电子专用材料行业增加值", "growth"),  # a class inside a division, no key
    ("健康医药产业增加值", "growth"),  # a narrower sector than pharmaceuticals
    ("有色金属产业产值", "amount"),  # output value, not value added
    ("石化产业营收", "amount"),  # revenue, not value added
    ("拉动消费", "amount"),  # driven by what? not said
    ("新能源和清洁能源装机增加", "quantity"),  # a change, and two measures
]


@pytest.mark.parametrize(("subject", "kind"), UNKEYED)
def test_near_names_take_no_key(subject: str, kind: str) -> None:
    assert taxonomy.map_key(subject, kind=kind) == (None, None)


def test_new_energy_and_renewable_shares_are_two_keys() -> None:
    new_energy = taxonomy.map_key("新能源装机占比", kind="share")[0]
    renewable = taxonomy.map_key("可再生能源装机占比", kind="share")[0]
    assert (new_energy, renewable) == ("new_energy_capacity_share", "renewable_capacity_share")
