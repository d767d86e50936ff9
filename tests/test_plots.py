"""Plots: main targets picked from the store, drawn with a CJK font (no missing glyphs)."""

from __future__ import annotations

import hashlib
import importlib.util
import warnings
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from matplotlib import font_manager, rcParams

from yxnlp import plots
from yxnlp.errors import ModelError
from yxnlp.record import Document, Indicator, Normalized, Record, Region, Section
from yxnlp.store import Store

# Invented report sentences (provinces and a county, not the seed); each row is
# (region, plan year, sentence, [(figure text, key, value, max, unit, qualifier, status, period)]).
Row = tuple[str, int, str, list[tuple[str, str, float, float | None, str, str, str, str | None]]]
REPORTS: list[Row] = [
    ("河南省", 2026, "全省生产总值增长5%以上，城镇新增就业110万人以上。", [
        ("5%以上", "gdp_growth", 5, None, "percent", "at_least", "target", None),
        ("110万人以上", "urban_new_jobs", 1100000, None, "count", "at_least", "target", None),
    ]),
    ("浙江省", 2026, "生产总值增长5%-5.5%；“十五五”期间年均增长5.5%。", [
        ("5%-5.5%", "gdp_growth", 5, 5.5, "percent", "range", "target", None),
        ("5.5%", "gdp_growth", 5.5, None, "percent", "exact", "target", "2026..2030"),
    ]),
    ("广东省", 2026, "去年地区生产总值增长4.2%。今年增长4.5%左右。", [
        ("4.2%", "gdp_growth", 4.2, None, "percent", "exact", "actual", "2025"),
        ("4.5%", "gdp_growth", 4.5, None, "percent", "approx", "target", None),
    ]),
] + [
    ("江西省某县", year, f"{year}年目标：生产总值增长{g}左右，居民消费价格涨幅3%左右。", [
        (f"{g}左右", "gdp_growth", float(g[:-1]), None, "percent", "approx", "target", None),
        ("3%左右", "cpi_growth", 3, None, "percent", "approx", "target", None),
    ])
    for year, g in [(2022, "7%"), (2023, "6.5%"), (2024, "6%"), (2025, "5.5%")]
]  # fmt: skip
NATIONAL: list[Row] = [
    ("全国", year, f"{year}年国内生产总值增长{g}左右；城镇新增就业{j}万人以上；居民消费价格涨幅{c}左右。", [
        (f"{g}左右", "gdp_growth", float(g[:-1]), None, "percent", "approx", "target", None),
        (f"{j}万人以上", "urban_new_jobs", j * 1e4, None, "count", "at_least", "target", None),
        (f"{c}左右", "cpi_growth", float(c[:-1]), None, "percent", "approx", "target", None),
    ])
    for year, g, j, c in [(2023, "5%", 1200, "3%"), (2024, "5%", 1200, "3%"), (2025, "5%", 1200, "2%")]
]  # fmt: skip
CODES = {"河南省": "410000", "浙江省": "330000", "广东省": "440000", "江西省某县": "360121", "温州市": "330300"}


def _record(region: str, year: int, text: str, facts: list, folder: Path) -> Record:  # type: ignore[type-arg]
    path = folder / f"{region}{year}.txt"
    path.write_text(text, encoding="utf-8")
    inds, pos = [], 0
    for n, (part, key, value, high, unit, qualifier, status, period) in enumerate(facts):
        start = text.index(part, pos)
        pos = start + len(part)
        sent_start = max(text.rfind("。", 0, start) + 1, 0)
        sent_end = text.index("。", start) + 1
        inds.append(
            Indicator(
                id=f"i{n + 1}", key=key, text=part, span=(start, pos),
                sentence_span=(sent_start, sent_end), kind="growth" if unit == "percent" else "count",
                normalized=Normalized(value=value, unit=unit, max=high), qualifier=qualifier,
                status=status, period=period, source="test",
            )
        )  # fmt: skip
    doc = Document(
        id=hashlib.sha256(text.encode()).hexdigest(), source=str(path),
        region=None if region == "全国" else Region(name=region, code=CODES[region]),
        issuer="国务院" if region == "全国" else f"{region}人民政府",
        summary_year=year - 1, plan_year=year, length=len(text),
    )  # fmt: skip
    return Record(document=doc, indicators=inds)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("plots")
    with Store(folder / "t.duckdb", read_only=False) as st:
        st.upsert(_record(*r, folder) for r in REPORTS + NATIONAL)
    yield Store(folder / "t.duckdb")


# --- picking the year's main target -------------------------------------------------------


def test_main_targets_one_per_region_and_year(store: Store) -> None:
    t = plots.main_targets(store.indicators("gdp_growth", year=2026))
    assert dict(zip(t["region_name"], t["text"], strict=True)) == {
        "河南省": "5%以上", "浙江省": "5%-5.5%", "广东省": "4.5%",
    }  # fmt: skip


PICK_CASES = [
    ("actual figure of last year skipped", "广东省", "4.5%"),
    ("five-year average target skipped", "浙江省", "5%-5.5%"),
]


@pytest.mark.parametrize(("region", "text"), [c[1:] for c in PICK_CASES],
                         ids=[c[0] for c in PICK_CASES])  # fmt: skip
def test_main_targets_skips(store: Store, region: str, text: str) -> None:
    t = plots.main_targets(store.indicators("gdp_growth", region=region))
    assert t["text"].tolist() == [text]


def test_national_targets_by_year(store: Store) -> None:
    t = plots.national_targets(store)
    assert sorted(set(t["key"])) == ["cpi_growth", "gdp_growth", "urban_new_jobs"]
    assert t[t["key"] == "cpi_growth"]["text"].tolist() == ["3%左右", "3%左右", "2%左右"]
    assert t["year"].tolist().count(2025) == 3
    assert t["issuer"].eq("国务院").all()


def test_region_targets_within_years(store: Store) -> None:
    t = plots.region_targets(store, "江西省某县", year=(2023, 2024))
    assert sorted(zip(t["key"], t["year"], strict=True)) == [
        ("cpi_growth", 2023), ("cpi_growth", 2024), ("gdp_growth", 2023), ("gdp_growth", 2024),
    ]  # fmt: skip


def test_province_targets_only_provinces(store: Store) -> None:
    t = plots.province_targets(store, "gdp_growth", year=2026)
    assert sorted(t["region_code"]) == ["330000", "410000", "440000"]
    assert plots.province_targets(store, "gdp_growth", year=2025).empty  # national and county


def test_main_targets_empty_frame() -> None:
    assert plots.main_targets(pd.DataFrame()).empty


def test_scaled_units(store: Store) -> None:
    jobs, unit = plots.scaled(plots.main_targets(store.indicators("urban_new_jobs", region="河南")))
    assert (unit, jobs["low"].tolist()) == ("万人", [110.0])
    gdp, unit = plots.scaled(plots.main_targets(store.indicators("gdp_growth", region="浙江")))
    assert (unit, gdp["low"].tolist(), gdp["high"].tolist()) == ("%", [5.0], [5.5])


def test_sentences_behind_each_point(store: Store) -> None:
    t = plots.region_targets(store, "江西省某县", key=["cpi_growth"])
    assert len(t) == 4
    for year, sentence in zip(t["year"], t["sentence"], strict=True):
        assert sentence == f"{year}年目标：生产总值增长" + sentence.split("增长")[1]
        assert sentence.endswith("居民消费价格涨幅3%左右。")


def test_sentences_stay_when_the_source_changes_later(store: Store) -> None:
    """The store keeps the sentence it cut when the record was stored."""
    df = store.indicators("gdp_growth", region="河南", with_sentence=True)
    Path(df["document_path"].iloc[0]).write_text("已改动", encoding="utf-8")
    again = store.indicators("gdp_growth", region="河南", with_sentence=True)
    assert again["sentence"].tolist() == ["全省生产总值增长5%以上，城镇新增就业110万人以上。"]


def test_a_province_s_targets_leave_out_the_reports_below_it(tmp_path: Path) -> None:
    """region_targets is about the region's own reports; a city's report inside it is not."""
    province = _record("浙江省", 2026, "生产总值增长5.5%左右。", [
        ("5.5%左右", "gdp_growth", 5.5, None, "percent", "approx", "target", None)], tmp_path)
    city = _record("温州市", 2026, "生产总值增长6%左右。", [
        ("6%左右", "gdp_growth", 6, None, "percent", "approx", "target", None)], tmp_path)
    with Store(tmp_path / "z.duckdb", read_only=False) as st:
        st.upsert([province, city])
    store = Store(tmp_path / "z.duckdb")
    assert len(store.indicators("gdp_growth", region="浙江")) == 2  # the city is below 浙江
    assert plots.region_targets(store, "浙江", key=["gdp_growth"])["text"].tolist() == ["5.5%左右"]


# --- fonts and figures --------------------------------------------------------------------


def _render_strict(fig: object) -> bytes:
    """PNG bytes; a glyph missing from the font (a tofu box) raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return plots.png(fig)  # type: ignore[arg-type]


def _texts(fig: object) -> list[str]:
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def cjk() -> str:
    try:
        return plots.use_cjk_font()
    except ModelError as exc:
        pytest.skip(str(exc))


def test_cjk_font_is_a_real_file(cjk: str) -> None:
    path = font_manager.findfont(font_manager.FontProperties(family=cjk), fallback_to_default=False)
    assert "cjk" in Path(path).name.lower() or "han" in Path(path).name.lower()
    assert rcParams["font.sans-serif"][0] == cjk


def test_missing_font_fails_with_install_hint() -> None:
    with pytest.raises(ModelError, match="fonts-noto-cjk"):
        plots.use_cjk_font(families=("一种不存在的字体",))


def test_strict_render_catches_tofu(cjk: str) -> None:
    """The check used below is real: Chinese in a Latin-only font raises."""
    from matplotlib.figure import Figure

    fig = Figure()
    fig.text(0.5, 0.5, "国内生产总值", family="DejaVu Sans")
    with pytest.raises(UserWarning, match="missing from font"):
        _render_strict(fig)


def test_targets_by_year_plot(store: Store, cjk: str, tmp_path: Path) -> None:
    t = plots.main_targets(store.indicators(["gdp_growth", "cpi_growth"], region="江西省某县"))
    fig = plots.plot_targets_by_year(t, key=["gdp_growth", "cpi_growth"], title="江西省某县")
    assert _render_strict(fig)[:8] == b"\x89PNG\r\n\x1a\n"
    texts = _texts(fig)
    assert {"7%左右", "5.5%左右", "3%左右", "江西省某县", "GDP增长目标（%）"} <= set(texts)
    assert "左右/约" in texts  # the qualifier legend
    assert plots.save(fig, tmp_path / "a" / "t.png").stat().st_size > 10_000


def test_targets_by_year_missing_key_panel(store: Store, cjk: str) -> None:
    t = plots.main_targets(store.indicators("gdp_growth", region="江西省某县"))
    fig = plots.plot_targets_by_year(t, key=["gdp_growth", "urban_new_jobs"])
    assert "没有数据" in _texts(fig)
    _render_strict(fig)


def test_sorted_bar_chart(store: Store, cjk: str) -> None:
    t = plots.main_targets(store.indicators("gdp_growth", year=2026))
    fig = plots.plot_target_bars(t, title="2026年各省GDP增长目标")
    _render_strict(fig)
    ax = fig.axes[0]
    assert [lbl.get_text() for lbl in ax.get_yticklabels()] == ["广东", "河南", "浙江"]
    assert {"5%以上", "5%-5.5%", "4.5%左右"} <= set(_texts(fig))  # qualifier added to "4.5%"


def test_make_plots_script(store: Store, cjk: str, tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location(
        "make_plots", Path(__file__).resolve().parents[1] / "scripts" / "make_plots.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    written = dict(script.make_plots(store, tmp_path / "plots"))
    names = {p.name: n for p, n in written.items()}
    assert names == {
        "national_targets.png": 9,  # 3 years x 3 keys
        "shanghai_2020_2024.png": 0,  # no Shanghai report in this store: empty panels
        "provinces_2026_gdp_growth.png": 3,
    }
    assert all(p.stat().st_size > 10_000 for p in written)


def test_year_section_wins_over_five_year_plan(tmp_path: Path) -> None:
    """A five-year plan's target comes first in the text; the year's own target is preferred."""
    text = (
        "二、“十五五”时期主要目标任务\n五年城镇新增就业5500万人以上。\n"
        "三、2026年政府工作任务\n城镇新增就业1200万人左右。\n"
    )
    rec = _record("河南省", 2026, text, [
        ("5500万人以上", "urban_new_jobs", 5.5e7, None, "count", "at_least", "target", None),
        ("1200万人左右", "urban_new_jobs", 1.2e7, None, "count", "approx", "target", None),
    ], tmp_path)  # fmt: skip
    first, second = text.index("二、"), text.index("三、")
    rec.sections = [
        Section(id="s1", heading="“十五五”时期主要目标任务", level=1, span=(first, second),
                heading_span=(first + 2, first + 14)),
        Section(id="s2", heading="2026年政府工作任务", level=1, span=(second, len(text)),
                heading_span=(second + 2, second + 12)),
    ]  # fmt: skip
    rec.indicators[0].section, rec.indicators[1].section = "s1", "s2"
    with Store(tmp_path / "s.duckdb", read_only=False) as st:
        st.upsert([rec])
    store = Store(tmp_path / "s.duckdb")
    assert plots.main_targets(store.indicators("urban_new_jobs"))["text"].tolist() == [
        "5500万人以上"
    ]  # without headings: the first in the text
    assert plots.region_targets(store, "河南", key=["urban_new_jobs"])["text"].tolist() == [
        "1200万人左右"
    ]
