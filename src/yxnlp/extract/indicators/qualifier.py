"""Qualifier of a figure: exact, approx, more_than, at_least, at_most, less_than or range.

Rules are ``data/qualifiers.json``. Precedence: a range, an embedded 余/多, a word after the
unit (左右, 以上, 以内), a word before the figure (约, 超过, 不低于), else exact. 以下 and 以内 are
``at_most``: in Chinese statutory usage both include the bound (Civil Code, Art. 1259).

>>> from yxnlp.extract.numbers import find_numbers
>>> from yxnlp.extract.indicators.units import resolve
>>> text = "约20亿元，30家以上，不足5%"
>>> [qualifier_of(text, f, 0) for n in find_numbers(text) if (f := resolve(text, n, ""))]
[('approx', 'qualifier:prefix:approx'), ('at_least', 'qualifier:suffix:at_least'), ('less_than', 'qualifier:prefix:less_than')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from yxnlp import resources
from yxnlp.extract.indicators.units import Figure
from yxnlp.record import Qualifier


@dataclass(frozen=True)
class _Rules:
    prefix: tuple[tuple[re.Pattern[str], Qualifier], ...]
    prefix_window: int
    suffix: tuple[tuple[re.Pattern[str], Qualifier], ...]
    embedded: tuple[str, ...]


@functools.cache
def _rules() -> _Rules:
    q = resources.qualifiers()
    return _Rules(
        prefix=tuple((re.compile(f"{p.pattern}的?$"), p.qualifier) for p in q.prefix),
        prefix_window=q.prefix_window,
        suffix=tuple((re.compile(p.pattern), p.qualifier) for p in q.suffix),
        embedded=q.embedded_more_than,
    )


def qualifier_of(text: str, f: Figure, floor: int) -> tuple[Qualifier, str]:
    """The qualifier of figure ``f`` and the rule that set it (nothing before ``floor``)."""
    r = _rules()
    if f.num.high is not None:
        return "range", "qualifier:range"
    if f.num.more or (f.base is not None and any(w in f.base.unit for w in r.embedded)):
        return "more_than", "qualifier:embedded"  # 300余个, 77.51余亿元, 2个多百分点
    tail = text[f.end : f.end + 3]
    for rx, qual in r.suffix:
        if rx.match(tail):
            return qual, f"qualifier:suffix:{qual}"
    head = text[max(floor, f.num.start - r.prefix_window) : f.num.start]
    for rx, qual in r.prefix:
        if rx.search(head):
            return qual, f"qualifier:prefix:{qual}"
    return "exact", "qualifier:none"
