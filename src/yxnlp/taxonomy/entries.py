"""The taxonomy's entries, loaded once from ``data/indicator_taxonomy.json``, and the measure
words a key allows.

>>> next(e for e in entries() if e.key == "gdp").en
'Gross domestic (regional) product'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from yxnlp import resources


@dataclass(frozen=True)
class Entry:
    """One canonical indicator: key, English label, the kinds it covers, Chinese names, and
    the measure words a count of it may have (empty: any)."""

    key: str
    en: str
    kinds: tuple[str, ...]
    names: tuple[str, ...]
    units: tuple[str, ...] = ()
    fuzzy: bool = True  # the TF-IDF fallback may key a cut form of its names


@functools.cache
def entries() -> tuple[Entry, ...]:
    """The taxonomy, loaded once."""
    return tuple(Entry(e.key, e.en, e.kinds, e.names, e.units, e.fuzzy)
                 for e in resources.taxonomy().keys)  # fmt: skip


@functools.cache
def _units() -> dict[str, frozenset[str]]:
    return {e.key: frozenset(e.units) for e in entries() if e.units}


_SCALE = re.compile(r"^[十百千万亿]+")


def measure_word(unit: str | None) -> str:
    """The measure word of a unit as written, without its scale.

    >>> measure_word("万户"), measure_word("个"), measure_word(None)
    ('户', '个', '')
    """
    return _SCALE.sub("", unit or "")


def unit_fits(key: str, unit: str | None) -> bool:
    """A key that names its measure words (老旧小区: 个) takes no figure in another (1.5万户:
    households, not compounds).

    >>> unit_fits("old_residential_renovation", "万个"), unit_fits("old_residential_renovation", "户")
    (True, False)
    >>> unit_fits("gdp", "亿元")
    True
    """
    allowed, word = _units().get(key), measure_word(unit)
    return allowed is None or not word or word in allowed


