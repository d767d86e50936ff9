"""Scope of a figure: the place it is about when that is not the report's own region.

A report quotes other places' figures: 全国国内生产总值增长5.2% in a city's report, 武汉都市圈经济总量
in 湖北's, 黄石市地区生产总值 in 鄂州's, a district or a development zone of its own. Such a figure
gets that place as its ``scope`` and no key (a key is always the report region's series). The
owner of a figure is the first place named in its subject phrase before 占 (占全国比重 names a
denominator) or a comparison (高于全省 names a base):

- a region word (全国, 全省, 全市, 我省 …) is the report's own region when it is the report's
  level (全省 in a provincial report, 全市 in a city's or a county-level city's), else another;
- a place entity with a code is another place unless it is the report's region itself;
  a named region (经济圈, 都市圈, 长三角) is always another;
- a named development zone or park (a PROJECT entity of type park) is another place unless the
  report speaks for that zone.

A difference against another figure (快于经济增速1个百分点, 比全国平均水平高0.8个百分点) is a
*comparison*: :func:`comparison_of` finds it and the figure gets no key either.
Rules are ``data/indicator_cues.json`` (``scope``).

>>> owner = Owner(code="420700", name="鄂州市", level="city")
>>> owner.is_own_word("全市"), owner.is_own_word("全省"), owner.is_own_word("全国")
(True, False, False)
>>> comparison_of("增速快于全省经济增速"), comparison_of("同比增长"), comparison_of("比上年提高")
('快于全省经济增速', None, None)
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from yxnlp import gazetteer, resources
from yxnlp.record import Entity, Region

NATIONAL = "100000"


@dataclass(frozen=True)
class Owner:
    """The report's own region: its code, name and level, and the zone it speaks for."""

    code: str | None = None
    name: str | None = None
    level: str | None = None  # "national", "province", "city", "county", "township"
    zone: str | None = None

    def is_own_word(self, word: str) -> bool:
        """Whether a region word (全省, 全市 …) names the report's own region."""
        level = _rules().word_levels.get(word)
        if level is None or self.code is None:
            return level != "national" or self.level == "national"
        if level == "national":
            return self.level == "national"
        if level == "province":
            return self.level == "province"
        if level == "city":  # a county-level city speaks of 全市 too
            return self.level in ("province", "city") or (self.name or "").endswith("市")
        return True  # 全县, 全区, 全镇: the report's own level in practice


def owner_of(region: Region | None, zone: str | None) -> Owner:
    """The :class:`Owner` of a report with this region and zone."""
    if region is None or region.code is None:
        return Owner(zone=zone)
    if region.code == NATIONAL:
        return Owner(region.code, region.name, "national", zone)
    div = gazetteer.load().get(region.code)
    return Owner(region.code, region.name, div.level if div else None, zone)


@dataclass(frozen=True)
class Place:
    """A place or zone named in the text: where, its name, its code (None: a named region)."""

    start: int
    end: int
    name: str
    code: str | None
    zone: bool = False


@dataclass(frozen=True)
class _Rules:
    words: re.Pattern[str]
    word_levels: dict[str, str]
    stop: re.Pattern[str]
    comparison: re.Pattern[str]
    comparison_than: re.Pattern[str]
    not_a_base: re.Pattern[str]
    zone_names: re.Pattern[str]
    admin_char: re.Pattern[str]


@functools.cache
def _rules() -> _Rules:
    s = resources.indicator_cues().scope
    levels: dict[str, str] = {w: lv for lv, words in s.region_words.items() for w in words}
    alts = "|".join(sorted(levels, key=len, reverse=True))
    return _Rules(
        words=re.compile(f"(?:{alts})(?!{s.designation_after})"),
        word_levels=levels,
        stop=re.compile(s.owner_stop),
        comparison=re.compile(s.comparison),
        comparison_than=re.compile(s.comparison_than),
        not_a_base=re.compile(s.not_a_base),
        zone_names=re.compile(s.zone_names),
        admin_char=re.compile(s.admin_chars),
    )


def comparison_of(before: str) -> str | None:
    """The comparison that ends right before a figure (``快于经济增速``), else None."""
    r = _rules()
    m = r.comparison.search(before)
    if m:
        return m.group()
    m = r.comparison_than.search(before)
    if m and not r.not_a_base.match(m.group("base")):
        return m.group()
    return None


class Places:
    """The places and zones the entity extractor found, by start, for look-ups by span."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        r = _rules()
        found: list[Place] = []
        for e in entities:
            park = e.label == "PROJECT" and e.attributes.get("type") == "park"
            if e.label != "PLACE" and not (park and r.zone_names.search(e.canonical)):
                continue
            code = e.attributes.get("code") if e.label == "PLACE" else None
            for m in e.mentions:
                found.append(Place(m.span[0], m.span[1], e.canonical, code, zone=park))
        found.sort(key=lambda p: p.start)
        self._items = found
        self._starts = [p.start for p in found]

    def within(self, start: int, end: int) -> list[Place]:
        lo, hi = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return [p for p in self._items[lo:hi] if p.end <= end]


def scope_of(text: str, start: int, end: int, owner: Owner, places: Places) -> str | None:
    """The other place that owns the figure whose subject phrase is ``text[start:end]``."""
    r = _rules()
    stop = r.stop.search(text, start, end)
    end = stop.start() if stop else end
    if end <= start:
        return None
    found: list[tuple[int, str, bool]] = []  # (position, name, is the report's own)
    m = r.words.search(text, start, end)  # the first word: the others stand after it
    if m is not None:
        found.append((m.start(), m.group(), owner.is_own_word(m.group())))
    for p in places.within(start, end):
        found.append((p.start, p.name, _own_place(p, owner)))
    if not found and owner.code and r.admin_char.search(text, start, end):
        region = gazetteer.load().search(text[start:end], within=owner.code)
        if region is not None and region.code and region.code != NATIONAL:
            div = gazetteer.load().get(region.code)
            at = text.find(div.name if div else region.name, start, end)
            place = Place(max(at, start), end, region.name, region.code)
            found.append((place.start, place.name, _own_place(place, owner)))
    if not found:
        return None
    _, name, own = min(found)
    return None if own else name


def _own_place(p: Place, owner: Owner) -> bool:
    if p.zone:
        return owner.zone is not None and (owner.zone in p.name or p.name in owner.zone)
    if owner.code is None:
        return p.code is not None  # unknown report region: a named place may be its own
    return p.code == owner.code
