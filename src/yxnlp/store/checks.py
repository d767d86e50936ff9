"""Filter values checked against what exists, so that a typo is an error and not an empty table.

A key, status, label, kind, issuer or column that names nothing raises
:class:`~yxnlp.errors.UsageError` with one line naming the value and the closest matches
(:mod:`difflib`, case ignored); the command line turns it into exit status 2. A value that exists
but has no rows under the other filters is a normal, empty result.

>>> check("indicator key", ["gdp_grwoth"], ["gdp", "gdp_growth", "cpi_growth"])
Traceback (most recent call last):
...
yxnlp.errors.UsageError: unknown indicator key 'gdp_grwoth' (did you mean gdp_growth?)
>>> check("label", ["company"], ["COMPANY", "PROJECT", "ORG", "PLACE"])
Traceback (most recent call last):
...
yxnlp.errors.UsageError: unknown label 'company' (did you mean COMPANY?)
>>> check("status", ["target"], ["actual", "target"])  # fine: nothing raised
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from yxnlp.errors import UsageError


def values_of(given: str | Sequence[str] | None) -> list[str]:
    """A filter argument as a list: one value, several, or none.

    >>> values_of("target"), values_of(["a", "b"]), values_of(None)
    (['target'], ['a', 'b'], [])
    """
    if given is None:
        return []
    return [given] if isinstance(given, str) else list(given)


def closest(value: str, known: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Up to ``n`` known values closest to ``value`` (case ignored), best first: those about
    as close as the best one (within 0.05 of its :class:`difflib.SequenceMatcher` ratio).

    >>> closest("gdp_grwoth", ["gdp", "gdp_growth", "gnp_growth", "cpi_growth"])
    ['gdp_growth']
    >>> closest("浙江身", ["浙江省", "江苏省"]), closest("火星", ["浙江省"])
    (['浙江省'], [])
    """
    by_lower: dict[str, str] = {}
    for k in known:
        by_lower.setdefault(k.lower(), k)
    found = difflib.get_close_matches(value.lower(), list(by_lower), n=n, cutoff=cutoff)
    if not found:
        return []
    ratio = [difflib.SequenceMatcher(None, value.lower(), f).ratio() for f in found]
    return [by_lower[f] for f, r in zip(found, ratio, strict=True) if r >= ratio[0] - 0.05]


def did_you_mean(value: str, known: Iterable[str]) -> str:
    """`` (did you mean a, b?)`` or nothing."""
    found = closest(value, known)
    return f" (did you mean {' or '.join(found)}?)" if found else ""


def check(what: str, values: Sequence[str], known: Iterable[str], *, hint: str = "") -> None:
    """Raise :class:`UsageError` for the first of ``values`` that is not ``known``."""
    pool = set(known)
    for value in values:
        if value not in pool:
            raise UsageError(f"unknown {what} {value!r}{did_you_mean(value, pool)}{hint}")
