"""Plots of targets from the store, with Chinese labels in a real CJK font (no tofu boxes).

The functions take the frames of :meth:`yxnlp.Store.indicators` and return matplotlib figures
built without pyplot, so they hold no global state and render with Agg whatever the session's
backend is: targets by year as lines with each point labelled by its raw text (so ranges
and qualifiers such as 左右, 以上 stay visible), and targets across regions as a sorted bar
chart. :func:`use_cjk_font` finds Noto Sans CJK (Debian's ``fonts-noto-cjk``) or fails with
an install hint.

>>> import pandas as pd
>>> df = pd.DataFrame({"document_id": ["d1", "d1"], "region_name": ["某省", "某省"],
...     "report_year": [2026, 2026], "year": [2026, 2026], "key": ["gdp_growth"] * 2,
...     "status": ["target"] * 2, "period": [None, "2026..2030"], "span_start": [40, 90],
...     "normalized_value": [5.0, 5.5], "normalized_max": [None, None],
...     "normalized_unit": ["percent"] * 2, "qualifier": ["approx", "exact"],
...     "text": ["5%左右", "5.5%"]})
>>> main_targets(df)[["region_name", "year", "text"]].values.tolist()
[['某省', 2026, '5%左右']]
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib import font_manager, rcParams
from matplotlib.figure import Figure

from yxnlp import taxonomy
from yxnlp.errors import ModelError
from yxnlp.store import Store, short_region_name

#: Font families tried in order; the first one matplotlib can find is used.
CJK_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Noto Sans CJK JP",
    "Source Han Sans CN",
)
_FONT_FILES = ("notosanscjk", "sourcehansans", "notosanssc")

#: Plot labels for the keys plotted by default (others fall back to the taxonomy's name).
KEY_LABELS: dict[str, str] = {
    "gdp_growth": "GDP增长目标",
    "cpi_growth": "居民消费价格涨幅目标",
    "urban_new_jobs": "城镇新增就业目标",
}

#: The national main targets plotted by default.
MAIN_KEYS: tuple[str, ...] = ("gdp_growth", "cpi_growth", "urban_new_jobs")
#: Region names that mean the whole country.
NATIONAL_NAMES: tuple[str, ...] = ("全国", "中国", "中华人民共和国")
#: How each ``qualifier`` is drawn: marker, legend name, word added to a point's label.
QUALIFIER_STYLE: dict[str, tuple[str, str, str]] = {
    "exact": ("o", "确定值", ""),
    "approx": ("D", "左右/约", "左右"),
    "more_than": ("^", "超过/多", "超"),
    "at_least": ("^", "以上/不低于", "以上"),
    "at_most": ("v", "以内/不超过", "以内"),
    "less_than": ("v", "以下/不足", "以下"),
    "range": ("s", "区间", ""),
}


def use_cjk_font(*, families: Iterable[str] = CJK_FAMILIES) -> str:
    """Make matplotlib draw Chinese with a CJK font; returns the family used.

    Raises :class:`yxnlp.errors.ModelError` with an install hint when none is installed.

    >>> use_cjk_font(families=["无此字体"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    yxnlp.errors.ModelError: no CJK font for plots: tried 无此字体; install one, e.g. `apt-get ...
    """
    wanted = tuple(families)
    family = _find_family(wanted)
    if family is None:
        raise ModelError(
            "no CJK font for plots: tried " + ", ".join(wanted) + "; install one, e.g."
            " `apt-get install fonts-noto-cjk` (Debian/Ubuntu) or `brew install"
            " --cask font-noto-sans-cjk` (macOS)"
        )
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [family, *[f for f in rcParams["font.sans-serif"] if f != family]]
    rcParams["axes.unicode_minus"] = False
    return family


@functools.cache
def _find_family(families: tuple[str, ...]) -> str | None:
    known = {f.name for f in font_manager.fontManager.ttflist}
    if not any(f in known for f in families):
        # Fonts installed after matplotlib built its cache: register them from the system.
        for path in font_manager.findSystemFonts():  # ttf, otf and ttc files
            if any(k in Path(path).name.lower().replace("-", "") for k in _FONT_FILES):
                font_manager.fontManager.addfont(path)
        known = {f.name for f in font_manager.fontManager.ttflist}
    return next((f for f in families if f in known), None)


@functools.cache
def _taxonomy_names() -> dict[str, str]:
    return {e.key: e.names[0] for e in taxonomy.entries()}


def key_label(key: str) -> str:
    """A Chinese label for an indicator key.

    >>> key_label("urban_new_jobs")
    '城镇新增就业目标'
    """
    return KEY_LABELS.get(key) or _taxonomy_names().get(key, key)


def main_targets(df: pd.DataFrame) -> pd.DataFrame:
    """One target per document and key: the report's main target for its own year.

    Keeps ``status == "target"`` rows whose indicator year is the report year and whose period
    is that single year or unstated (a 年均 target over five years is not the year's target).
    Of those, the first in the text wins; when the frame has a ``top_heading`` column (see
    :func:`with_headings`), targets under a heading that names the year (``2024年…``, ``今年…``)
    win over earlier ones, such as a five-year plan's targets in the same report.
    """
    if df.empty:
        return df.copy()
    year_ok = df["year"] == df["report_year"]
    single = df["period"].isna() | (df["period"].astype(str) == df["year"].astype(str))
    keep = df[(df["status"] == "target") & year_ok & single & df["normalized_value"].notna()]
    keep = keep.assign(_elsewhere=True)
    if "top_heading" in keep.columns and len(keep):
        keep["_elsewhere"] = [
            not names_year(h, y) for h, y in zip(keep["top_heading"], keep["year"], strict=True)
        ]
    keep = keep.sort_values(["document_id", "key", "_elsewhere", "span_start"])
    out = keep.groupby(["document_id", "key"], sort=False).head(1).drop(columns="_elsewhere")
    return out.sort_values(["key", "region_name", "year"], na_position="first").reset_index(
        drop=True
    )


def names_year(heading: object, year: int | float | None) -> bool:
    """Whether a section heading is about ``year`` (full-width digits allowed).

    >>> names_year("２０２４年政府工作任务", 2024), names_year("今年主要目标", 2024)
    (True, True)
    >>> names_year("“十四五”时期主要目标任务", 2021)
    False
    """
    if not isinstance(heading, str) or year is None or year != year:  # None or NaN
        return False
    text = unicodedata.normalize("NFKC", heading)
    return f"{int(year)}年" in text or "今年" in text


def with_headings(df: pd.DataFrame, store: Store) -> pd.DataFrame:
    """``df`` with ``top_heading``: the heading of the level-1 section each row lies in."""
    out = df.copy()
    ids = [str(i) for i in out["document_id"].drop_duplicates()]
    if not ids:
        out["top_heading"] = None
        return out
    sections = store.sections(ids)
    parent = {(d, i): p for d, i, p in sections[["document_id", "id", "parent"]].values}
    heading = {(d, i): h for d, i, h in sections[["document_id", "id", "heading"]].values}

    def top(doc: str, section: object) -> str | None:
        node = section if isinstance(section, str) else None
        while node is not None and isinstance(parent.get((doc, node)), str):
            node = parent[(doc, node)]
        return heading.get((doc, node)) if node is not None else None

    out["top_heading"] = [top(d, sec) for d, sec in out[["document_id", "section"]].values]
    return out


def is_national(df: pd.DataFrame) -> pd.Series:
    """Rows of national reports (region 全国/中国/中华人民共和国 or code 100000, or no region
    and the 国务院 as issuer)."""
    names = df["region_name"].isin(NATIONAL_NAMES) | (df["region_code"] == "100000")
    return names | (df["region_name"].isna() & (df["issuer"] == "国务院"))


def is_province(df: pd.DataFrame) -> pd.Series:
    """Rows of provincial reports (a 6-digit code ``xx0000`` other than 100000)."""
    code = df["region_code"].fillna("").astype(str)
    return code.str.fullmatch(r"[1-8]\d0000") & (code != "100000")


def national_targets(store: Store, key: Sequence[str] = MAIN_KEYS) -> pd.DataFrame:
    """The national main targets by year (:func:`main_targets` of the national reports), each
    with its ``sentence``."""
    df = store.indicators(list(key), status="target", with_sentence=True)
    return main_targets(with_headings(df[is_national(df)] if len(df) else df, store))


def region_targets(
    store: Store, region: str, *, year: tuple[int, int] | None = None,
    key: Sequence[str] = MAIN_KEYS,
) -> pd.DataFrame:  # fmt: skip
    """The main targets by year of a region's own reports (``region`` a name or code; the
    reports of the regions below it are left out), each with its ``sentence``."""
    df = store.indicators(list(key), status="target", region=region, year=year, with_sentence=True)  # fmt: skip
    match = store.region(region)
    own = df["region_code"].isin(match.codes) | df["region_name"].isin(match.names)
    return main_targets(with_headings(df[own.fillna(False)], store))


def province_targets(store: Store, key: str = "gdp_growth", *, year: int) -> pd.DataFrame:
    """Each province's main target for ``key`` in ``year`` (one row per province), each with
    its ``sentence``."""
    df = store.indicators(key, status="target", year=year, with_sentence=True)
    return main_targets(with_headings(df[is_province(df)] if len(df) else df, store))


def scaled(df: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """``low``/``high`` columns in a readable unit: percent as is, counts in 万人.

    >>> d, unit = scaled(pd.DataFrame({"normalized_value": [11000000.0],
    ...     "normalized_max": [None], "normalized_unit": ["count"]}))
    >>> unit, d["low"].tolist()
    ('万人', [1100.0])
    """
    out = df.copy()
    units = set(out["normalized_unit"].dropna())
    factor, unit = (1e4, "万人") if units == {"count"} else (1.0, "%" if units else "")
    if units and units != {"count"} and units != {"percent"}:
        unit = "/".join(sorted(units))
    out["low"] = out["normalized_value"].astype(float) / factor
    out["high"] = out["normalized_max"].astype(float) / factor
    return out, unit


def point_label(text: str, qualifier: str) -> str:
    """A point's label: the figure as written, with its qualifier when the text lacks it.

    >>> point_label("5%", "approx"), point_label("5%左右", "approx"), point_label("3%", "at_most")
    ('5%左右', '5%左右', '3%以内')
    """
    word = QUALIFIER_STYLE.get(qualifier, ("", "", ""))[2]
    cues = ("左右", "约", "以上", "以内", "以下", "不低于", "不超过", "控制在", "超", "多", "余")
    return text if not word or any(c in text for c in cues) else text + word


def _legend_for_qualifiers(ax: Any, qualifiers: Iterable[str]) -> None:
    handles = []
    for q in dict.fromkeys(qualifiers):
        marker, name, _ = QUALIFIER_STYLE.get(q, ("o", q, ""))
        handles.append(ax.plot([], [], marker, color="#555", ls="", label=name)[0])
    if handles:
        ax.legend(handles=handles, fontsize=8, loc="best", title="限定", title_fontsize=8)


def _draw_series(ax: Any, d: pd.DataFrame, *, color: str, label: str | None = None) -> None:
    d = d.sort_values("year").drop_duplicates("year")
    years = range(int(d["year"].min()), int(d["year"].max()) + 1)
    line = d.set_index("year")["low"].reindex(years)  # a year without a report breaks the line
    ax.plot(list(years), line.tolist(), "-", color=color, alpha=0.6, label=label)
    for n, row in enumerate(d.itertuples(index=False)):
        marker = QUALIFIER_STYLE.get(str(row.qualifier), ("o", "", ""))[0]
        ax.plot(row.year, row.low, marker, color=color, ms=6)
        if pd.notna(row.high):
            ax.vlines(row.year, row.low, row.high, color=color, lw=4, alpha=0.45)
        above = n % 2 == 0 or len(d) < 8  # alternate above/below when points are dense
        ax.annotate(
            point_label(str(row.text), str(row.qualifier)),
            (row.year, row.low),
            textcoords="offset points",
            xytext=(0, 8 if above else -10),
            va="bottom" if above else "top",
            ha="center",
            fontsize=7,
            color="#333",
        )


def plot_targets_by_year(
    targets: pd.DataFrame, *, key: Iterable[str] | None = None, title: str = ""
) -> Figure:
    """One panel per key: the target by year, labelled with its text (ranges as bars).

    ``targets`` is :func:`main_targets` output for one region; ``key`` orders the panels.
    """
    use_cjk_font()
    wanted = list(key) if key is not None else sorted(set(targets["key"]))
    fig = Figure(figsize=(10, 3.2 * len(wanted)))
    axes = fig.subplots(len(wanted), 1, squeeze=False)
    for ax, key in zip(axes[:, 0], wanted, strict=True):
        d, unit = scaled(targets[targets["key"] == key])
        ax.set_title(f"{key_label(key)}（{unit or '—'}）", fontsize=11)
        if d.empty:
            ax.text(0.5, 0.5, "没有数据", transform=ax.transAxes, ha="center", color="#999")
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        _draw_series(ax, d, color="#c0392b")
        _legend_for_qualifiers(ax, d["qualifier"])
        ax.set_xlabel("年份")
        ax.grid(alpha=0.3)
        ax.margins(y=0.25)
        ax.xaxis.get_major_locator().set_params(integer=True)
    if title:
        fig.suptitle(title, fontsize=13)
    fig.tight_layout()
    return fig


def plot_target_bars(targets: pd.DataFrame, *, title: str = "", short: bool = True) -> Figure:
    """Targets across regions as a sorted horizontal bar chart (ranges as a lighter extension).

    ``targets`` has one row per region (:func:`main_targets` output for one key and year).
    """
    use_cjk_font()
    d, unit = scaled(targets)
    d = d.sort_values(["low", "high"], ascending=True, na_position="first")
    names = [short_region_name(str(n)) if short else str(n) for n in d["region_name"]]
    fig = Figure(figsize=(9, 0.32 * max(len(d), 4) + 1.2))
    ax = fig.subplots()
    ax.barh(names, d["low"], color="#2e86c1")
    extra = (d["high"] - d["low"]).fillna(0)
    ax.barh(names, extra, left=d["low"], color="#85c1e9", hatch="//", label="区间上限")
    for y, row in enumerate(d.itertuples(index=False)):
        end = row.high if pd.notna(row.high) else row.low
        ax.text(
            end + 0.05, y, point_label(str(row.text), str(row.qualifier)), va="center", fontsize=8
        )
    ax.set_xlabel(f"目标值（{unit}）")
    if (extra > 0).any():
        ax.legend(loc="lower right", fontsize=8)
    ax.set_xlim(0, float(d[["low", "high"]].max().max()) * 1.2 if len(d) else 1)
    ax.grid(axis="x", alpha=0.3)
    if title:
        ax.set_title(title, fontsize=12)
    fig.tight_layout()
    return fig


def save(fig: Figure, path: str | Path, *, dpi: int = 130) -> Path:
    """Write ``fig`` as PNG (Agg), creating folders."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, dpi=dpi, format="png")
    return target


def png(fig: Figure, *, dpi: int = 110) -> bytes:
    """``fig`` as PNG bytes (for ``IPython.display.Image`` in notebooks)."""
    buf = io.BytesIO()
    fig.savefig(buf, dpi=dpi, format="png")
    return buf.getvalue()
