"""Filters shared by every query of the store, as SQL: lists of values, regions, years.

:func:`yxnlp.compare.compare` over records goes through the same SQL (an in-memory store), so a
filter means one thing everywhere. Values are checked before they get here (:mod:`.checks`,
:mod:`.regions`).

>>> w = Where()
>>> w.any_of("status", "target"); w.years("year", (2020, 2024))
>>> w.sql(), w.params
(' WHERE status IN (?) AND year BETWEEN ? AND ?', ['target', 2020, 2024])
>>> w = Where(); w.regions([RegionMatch("浙江", "浙江省", prefixes=("33",))]); w.sql()
' WHERE (starts_with(region_code, ?))'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from yxnlp.store.checks import values_of
from yxnlp.store.regions import RegionMatch

YearFilter = int | tuple[int, int] | None


class Where:
    """Accumulates SQL conditions with their parameters (column names as given)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.parts.append(sql)
        self.params.extend(params)

    def any_of(self, column: str, values: str | Sequence[str] | None) -> None:
        items = values_of(values)
        if items:
            self.add(f"{column} IN ({', '.join('?' for _ in items)})", *items)

    def regions(self, matches: Sequence[RegionMatch]) -> None:
        """Rows in any of the regions (or below them): one condition joined with OR."""
        ors: list[str] = []
        params: list[Any] = []
        for m in matches:
            ors += ["starts_with(region_code, ?)"] * len(m.prefixes)
            ors += ["region_code = ?"] * len(m.exact)
            params += [*m.prefixes, *m.exact]
            if m.names:
                ors.append("region_name IN (SELECT unnest(?::VARCHAR[]))")
                params.append(list(m.names))
        if ors:
            self.add("(" + " OR ".join(ors) + ")", *params)

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
