"""China's administrative divisions: names → regions with 6-digit codes.

The tables in ``data/gazetteer/`` come from the public repository
modood/Administrative-divisions-of-China (see the README there): 31 provinces, ~340
prefecture-level cities, ~2,900 counties/districts and ~41,000 townships/streets.

Codes follow the national statistical scheme, padded to six digits: province ``51`` →
``510000``, city ``5107`` → ``510700``, county ``510704``. Townships keep their 9-digit code
(``510704001``), which extends their county's code. The placeholder rows 市辖区, 县 and
省直辖县级行政区划 are not divisions of their own: their counties hang directly under the
province. The national level (国务院, 中华人民共和国, 全国) resolves to
``Region(name="中华人民共和国", code="100000")``: ``100000`` is the code commonly used for
the whole country in map and statistics data (it is no division code in the tables above).

>>> g = load()
>>> g.resolve("温州市龙湾区")
Region(name='温州市龙湾区', code='330303')
>>> g.resolve("北京"), g.resolve("国务院").code
(Region(name='北京市', code='110000'), '100000')
>>> g.search("2026年北京市政府工作报告")
Region(name='北京市', code='110000')
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from yxnlp import datacache, resources
from yxnlp.record import Region

Level = Literal["province", "city", "county", "township"]

#: Single-division matches shorter than this are ignored by :meth:`Gazetteer.search`
#: (names such as 城区 or 东区 are also ordinary words), unless they are provinces.
MIN_SEARCH_LEN = 3


class Division(NamedTuple):
    """One administrative division; ``parent`` is the code of the enclosing division.

    A named tuple, not a dataclass: the gazetteer's 44,000 of them are read back from the
    disk cache at every start, and a tuple loads in half the time.
    """

    code: str
    name: str
    level: Level
    parent: str | None


@dataclass(frozen=True)
class _Step:
    """One matched name in a chain: the candidate divisions it may denote."""

    start: int
    end: int
    candidates: tuple[Division, ...]


class Gazetteer:
    """Lookup tables built once from the division lists (use :func:`load`)."""

    def __init__(self, divisions: Iterable[Division], *, aliases: dict[str, list[str]],
                 short: dict[str, list[str]], national: Region,
                 national_aliases: Iterable[str]) -> None:
        self._by_code: dict[str, Division] = {}
        self._full: dict[str, list[Division]] = {}
        for div in divisions:
            self._by_code[div.code] = div
            self._full.setdefault(div.name, []).append(div)
        self._names = frozenset(self._full)
        for alias, codes in aliases.items():
            bucket = self._full.setdefault(alias, [])
            bucket.extend(self._by_code[c] for c in codes if self._by_code[c] not in bucket)
        self._short = {k: [self._by_code[c] for c in v] for k, v in short.items()}
        self._national = national
        self._national_aliases = frozenset(national_aliases)
        self._max = max(map(len, [*self._full, *self._short, *self._national_aliases]))

    # -- lookups ---------------------------------------------------------------------------
    def names(self) -> frozenset[str]:
        """All full division names (provinces, cities, counties, townships).

        >>> {"温州市", "龙湾区", "浙江省"} <= load().names()
        True
        """
        return self._names

    def divisions(self, name: str) -> list[Division]:
        """Every division called ``name`` (full name or province alias), by code.

        >>> [d.code for d in load().divisions("朝阳区")]
        ['110105', '220104']
        """
        bucket = self._full.get(name)
        if not bucket:
            return []
        return list(bucket) if len(bucket) == 1 else sorted(bucket, key=lambda d: d.code)

    def of_level(self, level: Level) -> list[Division]:
        """Every division of one level, by code.

        >>> [d.name for d in load().of_level("province")][:3]
        ['北京市', '天津市', '河北省']
        """
        return sorted((d for d in self._by_code.values() if d.level == level), key=lambda d: d.code)

    def level(self, code: str) -> str | None:
        """``"national"`` for the country's code, else the division's level (None if unknown).

        >>> g = load()
        >>> g.level("100000"), g.level("420000"), g.level("421223")
        ('national', 'province', 'county')
        """
        if code == self._national.code:
            return "national"
        div = self.get(code)
        return div.level if div else None

    def get(self, code: str) -> Division | None:
        """The division with this code (6 digits, or 9 for townships)."""
        return self._by_code.get(code)

    def lineage(self, code: str) -> list[Division]:
        """The division and its ancestors, outermost first.

        >>> [d.name for d in load().lineage("330303")]
        ['浙江省', '温州市', '龙湾区']
        """
        out: list[Division] = []
        div = self._by_code.get(code)
        while div is not None:
            out.append(div)
            div = self._by_code.get(div.parent) if div.parent else None
        return out[::-1]

    # -- resolution ------------------------------------------------------------------------
    def resolve(self, name: str, *, within: str | None = None) -> Region | None:
        """The region a whole name denotes, or ``None`` if unknown or ambiguous.

        Names chain outer to inner (province → city → county → township); each part must
        lie inside the previous one, which also decides between namesakes. ``within`` (a
        region code) picks among namesakes when the name alone does not.

        >>> g = load()
        >>> g.resolve("北京市朝阳区").code, g.resolve("长春市朝阳区").code
        ('110105', '220104')
        >>> g.resolve("朝阳区") is None, g.resolve("朝阳区", within="110000").code
        (True, '110105')
        >>> g.resolve("广西").name, g.resolve("温州").code
        ('广西壮族自治区', '330300')
        """
        name = name.strip()
        if name in self._national_aliases:
            return self._national
        if not name:
            return None
        for steps in self._chains(name, 0, None, short=True):
            if steps[-1].end == len(name):
                return self._region(steps, within=within)
        return None

    def search(self, text: str, *, within: str | None = None) -> Region | None:
        """The longest chain of division names anywhere in ``text`` (e.g. a title).

        >>> g = load()
        >>> g.search("温州市龙湾区发展和改革局2023年工作总结")
        Region(name='温州市龙湾区', code='330303')
        >>> g.search("2025年中华人民共和国国务院政府工作报告").code
        '100000'
        >>> g.search("关于加强安全生产的通知") is None
        True
        """
        best: tuple[int, Region] | None = None
        for i in range(len(text)):
            national = self._national_at(text, i)
            if national and (best is None or national > best[0]):
                best = (national, self._national)
            for steps in self._chains(text, i, None, short=False):
                length = steps[-1].end - steps[0].start
                single = len(steps) == 1 and steps[0].candidates[0].level != "province"
                if single and length < MIN_SEARCH_LEN:
                    continue
                if best is not None and length <= best[0]:
                    break
                region = self._region(steps, within=within)
                if region is not None:
                    best = (length, region)
                    break
        return best[1] if best else None

    def _national_at(self, text: str, i: int) -> int:
        return max((len(a) for a in self._national_aliases if text.startswith(a, i)), default=0)

    def _chains(self, text: str, pos: int, prev: _Step | None, *,
                short: bool) -> Iterator[list[_Step]]:
        """Chains of names starting at ``pos``, longest first (depth-first)."""
        found: list[list[_Step]] = []
        for end in range(min(len(text), pos + self._max), pos, -1):
            key = text[pos:end]
            cands = list(self._full.get(key, ()))
            if short:
                cands += self._short.get(key, ())
            if prev is not None:
                cands = [d for d in cands if any(self._inside(d, p) for p in prev.candidates)]
            if not cands:
                continue
            step = _Step(pos, end, tuple(dict.fromkeys(cands)))
            tails = list(self._chains(text, end, step, short=short))
            found.extend([[step, *t] for t in tails] or [[step]])
        found.sort(key=lambda steps: steps[-1].end, reverse=True)
        yield from found

    def _inside(self, div: Division, outer: Division) -> bool:
        parent = div.parent
        while parent is not None:
            if parent == outer.code:
                return True
            up = self._by_code.get(parent)
            parent = up.parent if up else None
        return False

    def _region(self, steps: list[_Step], *, within: str | None) -> Region | None:
        cands = list(steps[-1].candidates)
        if len(steps) > 1:
            cands = [d for d in cands if any(self._inside(d, p) for p in steps[-2].candidates)]
        if len(cands) > 1 and within:
            outer = self._by_code.get(within)
            if outer is not None:
                cands = [d for d in cands if d.code == within or self._inside(d, outer)]
        if len(cands) != 1:
            return None
        div = cands[0]
        names = {d.code: d.name for d in self.lineage(div.code)}
        chosen = [self._pick(s, names) for s in steps]
        return Region(name="".join(chosen), code=div.code)

    @staticmethod
    def _pick(step: _Step, lineage: dict[str, str]) -> str:
        for d in step.candidates:
            if d.code in lineage:
                return d.name
        return step.candidates[0].name


def _rows(name: str, *columns: str) -> Iterator[list[str]]:
    """The named columns of a CSV table, in that order (plain csv.reader: fast)."""
    text = resources.path("gazetteer", name).read_text("utf-8")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    index = [header.index(c) for c in columns]
    for row in reader:
        yield [row[i] for i in index]


def _json(name: str) -> Any:
    return json.loads(resources.path("gazetteer", name).read_text("utf-8"))


def _pad(code: str) -> str:
    return code.ljust(6, "0")


@functools.cache
def province_aliases() -> dict[str, str]:
    """Short names and aliases of the 31 provincial units, each with its full name.

    >>> province_aliases()["内蒙古"]
    '内蒙古自治区'
    """
    out: dict[str, str] = {}
    for p in _json("provinces_31.json"):
        for alias in [p["short_name"], *p["aliases"]]:
            out.setdefault(alias, p["province"])
    return out


def province_short_names() -> frozenset[str]:
    """The keys of :func:`province_aliases`."""
    return frozenset(province_aliases())


@functools.cache
@datacache.disk_cached("gazetteer")
def load() -> Gazetteer:
    """The gazetteer, built from the package data once (kept on disk between processes,
    :mod:`yxnlp.datacache`) and loaded once per process."""
    nat = _json("national.json")
    placeholders = set(nat["placeholders"])
    divs: list[Division] = []
    prov_code: dict[str, str] = {}
    for code, name in _rows("provinces.csv", "code", "name"):
        prov_code[name] = _pad(code)
        divs.append(Division(_pad(code), name, "province", None))
    city_of: dict[str, str] = {}  # city code (4 digits) -> enclosing code (6 digits)
    city_name: dict[str, str] = {}
    for code, name, prov in _rows("cities.csv", "code", "name", "provinceCode"):
        if name in placeholders:
            city_of[code] = _pad(prov)
            continue
        city_of[code] = _pad(code)
        city_name[code] = name
        divs.append(Division(_pad(code), name, "city", _pad(prov)))
    area_of: dict[str, str] = {}  # county code -> code streets hang under
    for code, name, city in _rows("areas.csv", "code", "name", "cityCode"):
        if city_name.get(city) == name:  # 东莞市 under 东莞市: one division
            area_of[code] = city_of[city]
            continue
        area_of[code] = code
        divs.append(Division(code, name, "county", city_of[city]))
    for code, name, area in _rows("streets.csv", "code", "name", "areaCode"):
        divs.append(Division(code, name, "township", area_of[area]))
    aliases = {
        alias: [prov_code[p["province"]]]
        for p in _json("provinces_31.json")
        for alias in [p["short_name"], *p["aliases"]]
    }
    short: dict[str, list[str]] = {}
    for d in divs:
        for suffix in nat["city_suffixes"]:
            stem = d.name.removesuffix(suffix)
            if d.level == "city" and stem != d.name and len(stem) >= 2 and stem not in aliases:
                short.setdefault(stem, []).append(d.code)
    return Gazetteer(divs, aliases=aliases, short=short,
                     national=Region(name=nat["name"], code=nat["code"]),
                     national_aliases=nat["aliases"])
