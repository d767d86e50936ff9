"""Filters shared by every query of the store: region, years, lists of values, as SQL.

A region filter matches a region's full name, its 6-digit code, or the same name with another
administrative suffix (``上海`` finds ``上海市``; ``安吉县`` finds ``安吉``): the suffixes are
data (``data/store/query.json``). :func:`yxnlp.compare.compare` over records goes through the
same SQL (an in-memory store), so a filter means one thing everywhere.

>>> w = Where()
>>> w.any_of("status", "target"); w.years("year", (2020, 2024))
>>> w.sql(), w.params
(' WHERE status IN (?) AND year BETWEEN ? AND ?', ['target', 2020, 2024])
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from importlib import resources
from typing import Any

YearFilter = int | tuple[int, int] | None


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


class Where:
    """Accumulates SQL conditions with their parameters (column names as given)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def any_of(self, column: str, values: str | Sequence[str] | None) -> None:
        if values is None:
            return
        items = [values] if isinstance(values, str) else list(values)
        self.add(f"{column} IN ({', '.join('?' for _ in items)})", *items)

    def region(self, value: str | None) -> None:
        """Rows whose ``region_name`` or ``region_code`` is ``value`` (module docstring)."""
        if value is None:
            return
        short = short_region_name(value)
        self.add(
            "(region_name = ? OR region_code = ? OR region_name IN (SELECT unnest(?::VARCHAR[])))",
            value,
            value,
            [short + s for s in ("", *_region_suffixes())],
        )

    def years(self, column: str, year: YearFilter) -> None:
        if year is None:
            return
        lo, hi = (year, year) if isinstance(year, int) else year
        self.add(f"{column} BETWEEN ? AND ?", lo, hi)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.parts)) if self.parts else ""


def parse_years(text: str) -> tuple[int, int]:
    """``"2026"`` or ``"2020-2024"`` (also ``..``, ``–``, ``～``) → an inclusive year range.

    >>> parse_years("2020-2024"), parse_years("2026")
    ((2020, 2024), (2026, 2026))
    """
    m = re.fullmatch(r"\s*(\d{4})\s*(?:(?:-|–|—|～|~|\.\.|至)\s*(\d{4}))?\s*", text)
    if not m:
        raise ValueError(f"not a year or a year range: {text!r} (expected 2026 or 2020-2024)")
    lo = int(m.group(1))
    hi = int(m.group(2)) if m.group(2) else lo
    return (min(lo, hi), max(lo, hi))
