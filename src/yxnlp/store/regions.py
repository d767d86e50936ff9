"""Region filters: a name or code at any level, meaning that region and everything below it.

Codes are the gazetteer's 6-digit division codes, whose prefixes nest: a province ``330000``
holds every code starting ``33``, a city ``330400`` every code starting ``3304``, a county
``330424`` itself and its townships (``330424001``). So ``浙江`` (or ``浙江省``, ``33`` or
``330000``) selects 浙江省's own reports and those of its cities, counties and towns. The whole
country (``全国``, ``中国``, code ``100000``) selects the national reports only.

A name is looked up among the regions of the stored documents first (a full name, or the same
name with another administrative suffix: ``上海`` finds ``上海市``, ``海盐`` finds
``海盐县``), then in the gazetteer (a region with no report of its own still selects the reports
below it). A name that matches neither is an error naming the closest names; a name shared by
several divisions (``朝阳区``) is an error listing their codes.

>>> m = resolve("浙江", stored=[("浙江省", "330000"), ("海盐县", "330424")])
>>> m.prefixes, m.label
(('33',), '浙江省 (330000)')
>>> resolve("全国", stored=[]).exact
('100000',)
>>> resolve("火星", stored=[("浙江省", "330000")])
Traceback (most recent call last):
...
yxnlp.errors.UsageError: unknown region '火星': not a region of the stored documents nor of the gazetteer
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from yxnlp import gazetteer
from yxnlp.errors import UsageError
from yxnlp.store.checks import did_you_mean

_CODE = re.compile(r"\d{2}(?:\d{2}(?:\d{2}(?:\d{3})?)?)?")


@dataclass(frozen=True)
class RegionMatch:
    """What one ``--region`` value selects: codes starting with a prefix, codes equal to one
    of ``exact``, or (for regions the gazetteer does not know) documents with one of ``names``."""

    value: str
    label: str
    prefixes: tuple[str, ...] = ()
    exact: tuple[str, ...] = ()
    names: tuple[str, ...] = ()

    @property
    def codes(self) -> frozenset[str]:
        """The region's own 6-digit codes (not those below it).

        >>> sorted(RegionMatch("浙江", "浙江省", prefixes=("33",)).codes)
        ['330000']
        """
        return frozenset({p.ljust(6, "0") for p in self.prefixes} | set(self.exact))


@functools.cache
def _region_suffixes() -> tuple[str, ...]:
    path = resources.files("yxnlp.data").joinpath("store", "query.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(sorted(data["region_suffixes"], key=len, reverse=True))


def short_region_name(name: str) -> str:
    """A region's name without its administrative suffix.

    >>> short_region_name("广西壮族自治区"), short_region_name("上海市"), short_region_name("北京")
    ('广西', '上海', '北京')
    """
    for suffix in _region_suffixes():
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def name_variants(name: str) -> list[str]:
    """``name`` and the same name with each administrative suffix (``上海`` → ``上海市``, …)."""
    short = short_region_name(name)
    return list(dict.fromkeys([name, short, *(short + s for s in _region_suffixes())]))


def code_prefix(code: str) -> str:
    """The prefix every code below ``code`` starts with.

    >>> code_prefix("330000"), code_prefix("330400"), code_prefix("330424"), code_prefix("33")
    ('33', '3304', '330424', '33')
    """
    while len(code) > 2 and code.endswith("00") and len(code) <= 6:
        code = code[:-2]
    return code


def _national() -> str:
    region = gazetteer.load().resolve("全国")
    return region.code if region is not None and region.code else "100000"


def _match_code(value: str, label: str, national: str) -> RegionMatch:
    if value == national:
        return RegionMatch(value, label, exact=(value,))
    return RegionMatch(value, label, prefixes=(code_prefix(value),))


def resolve(value: str, *, stored: Iterable[tuple[str | None, str | None]]) -> RegionMatch:
    """What ``value`` (a name or code) selects, given the stored ``(region_name, region_code)``
    pairs (module docstring)."""
    value = value.strip()
    pairs = [(n, c) for n, c in stored if n or c]
    if _CODE.fullmatch(value):
        return _by_code(value, pairs)
    variants = name_variants(value)
    codes = sorted({c for n, c in pairs if n in variants and c})
    names = tuple(sorted({n for n, _ in pairs if n in variants and n}))
    if len(codes) == 1:
        return _match_code(codes[0], f"{names[0] if names else value} ({codes[0]})", _national())
    if len(codes) > 1:
        listed = ", ".join(f"{c} ({n})" for n, c in sorted(set(pairs)) if c in codes)
        raise UsageError(f"region {value!r} is ambiguous: {listed}; give the code")
    if names:  # regions of the store the gazetteer has no code for
        return RegionMatch(value, "、".join(names), names=names)
    return _by_gazetteer(value, variants, pairs)


def _by_code(value: str, pairs: list[tuple[str | None, str | None]]) -> RegionMatch:
    g = gazetteer.load()
    national = _national()
    division = g.get(value.ljust(6, "0")) if len(value) <= 6 else g.get(value)
    stored = [n for n, c in pairs if c and c.startswith(code_prefix(value))]
    if division is None and value != national and not stored:
        raise UsageError(f"unknown region code {value!r}: not in the gazetteer nor in the store")
    name = division.name if division is not None else (stored[0] if stored else "全国")
    return _match_code(value, f"{name} ({value})", national)


def _by_gazetteer(
    value: str, variants: list[str], pairs: list[tuple[str | None, str | None]]
) -> RegionMatch:
    g = gazetteer.load()
    found = g.resolve(value)
    if found is None:
        hits = {r.code: r for r in (g.resolve(v) for v in variants[1:]) if r is not None}
        found = next(iter(hits.values())) if len(hits) == 1 else None
    if found is not None and found.code:
        return _match_code(found.code, f"{found.name} ({found.code})", _national())
    namesakes = [d for v in variants for d in g.divisions(v)]
    if len(namesakes) > 1:
        listed = ", ".join(
            f"{d.code} ({''.join(x.name for x in g.lineage(d.code))})" for d in namesakes[:6]
        )
        raise UsageError(f"region {value!r} is ambiguous: {listed}; give the code")
    known = {n for n, _ in pairs if n} | {short_region_name(n) for n, _ in pairs if n}
    known |= set(gazetteer.province_aliases())
    raise UsageError(
        f"unknown region {value!r}{did_you_mean(value, known)}: not a region of the stored"
        " documents nor of the gazetteer"
    )
