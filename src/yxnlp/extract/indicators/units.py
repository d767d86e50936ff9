"""Units: attach a unit to a figure and derive its kind and normalised scale, or reject it.

Rules are ``data/units.json``: units with their kind and factor, words that look like units
but are not (个月, 人民), measure words Chinese numerals may take, and the cues that let a bare
scale (3亿) be money or people, or a dropped measure word be inferred (flagged).

>>> from yxnlp.extract.numbers import find_numbers
>>> text = "新增企业12户，投资3亿，共计50"
>>> [(f.unit, f.kind, f.source) for n in find_numbers(text) if (f := resolve(text, n, text[:n.start])) is not None]
[('户', 'count', 'rule:count'), ('亿', 'amount', 'rule:money')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from yxnlp import resources
from yxnlp.extract.indicators.context import CLAUSE_END, PUNCT, alt
from yxnlp.extract.numbers import NumberMatch
from yxnlp.resources.schemas import QuotedLabel


@dataclass(frozen=True)
class Unit:
    unit: str
    kind: str
    normalized: str
    factor: float
    ascii: bool = False


class Figure(NamedTuple):
    """A figure with its unit resolved: what will become an indicator (a named tuple: one is
    made for every figure of a report)."""

    num: NumberMatch
    end: int  # end of figure + unit (the indicator's span end)
    unit: str | None
    unit_inferred: bool
    base: Unit | None
    norm_unit: str | None
    norm_factor: float
    kind: str
    source: str


@dataclass(frozen=True)
class _Rules:
    units: dict[str, Unit]
    unit_re: re.Pattern[str]
    non_unit_re: re.Pattern[str]
    cn_units: frozenset[str]
    money_cue: re.Pattern[str]
    people_cue: re.Pattern[str]
    inferred: dict[str, str]
    inferred_re: re.Pattern[str]
    money_total_re: re.Pattern[str]
    money_clause_re: re.Pattern[str]
    inferred_money_unit: str
    scales: dict[str, float]
    label: QuotedLabel  # a figure in a short quoted name (“3个100万”)
    label_breaks: frozenset[str]  # what such a name never holds


@functools.cache
def _rules() -> _Rules:
    u = resources.units()
    units = {x.unit: Unit(x.unit, x.kind, x.normalized, x.factor, x.ascii) for x in u.units}
    unit_alts = "|".join(
        re.escape(k) + ("(?![A-Za-z])" if units[k].ascii else "")
        for k in sorted(units, key=len, reverse=True)
    )
    gap = u.inferred_max_gap
    return _Rules(
        units=units,
        unit_re=re.compile(unit_alts),
        non_unit_re=re.compile(alt([re.escape(w) for w in u.non_units])),
        cn_units=frozenset(u.cn_numeral_units),
        money_cue=re.compile(alt(u.bare_scale_money_cues)),
        people_cue=re.compile(alt(u.bare_scale_people_cues)),
        inferred=dict(u.inferred_measure_words),
        inferred_re=re.compile(
            rf"[\u4e00-\u9fff]{{0,{gap}}}?(?P<head>{alt(list(u.inferred_measure_words))})"
        ),
        money_total_re=re.compile(f"(?:{alt(u.money_total_words)})$"),
        money_clause_re=re.compile(alt(u.money_clause_cues)),
        inferred_money_unit=u.inferred_money_unit,
        scales=dict(u.scales),
        label=u.quoted_label,
        label_breaks=frozenset(u.quoted_label.breaks),
    )


def is_year(n: NumberMatch) -> bool:
    """A four-digit integer between 1900 and 2100 (a year, not a figure)."""
    digits = n.text.replace(" ", "")
    return not n.chinese and n.value.is_integer() and 1900 <= n.value <= 2100 and len(digits) == 4


def refused(text: str, n: NumberMatch) -> bool:
    """The figure is no indicator, whatever its clause says: a word that is no unit follows it,
    or it is a Chinese numeral without a unit it may take (一是, 进一步; most of a report's
    numerals). :func:`resolve` refuses it too; this is the cheap test to make first.

    >>> from yxnlp.extract.numbers import find_numbers
    >>> [(n.text, refused(t, n)) for t in ["进一步增长6%"] for n in find_numbers(t)]
    [('一', True), ('6', False)]
    """
    return not n.percent and _unit_at(text, n) is None


def _unit_at(text: str, n: NumberMatch) -> tuple[int, re.Match[str] | None] | None:
    """Where the unit of ``n`` stands and the unit written there, or None when ``n`` is
    refused (see :func:`refused`)."""
    r = _rules()
    pos = _after(text, n)
    if r.non_unit_re.match(text, pos):
        return None
    m = r.unit_re.match(text, pos)
    if n.chinese and (not m or m.group() not in r.cn_units or (n.value < 2 and not n.scale)):
        return None
    return pos, m


def _after(text: str, n: NumberMatch) -> int:
    """Where the unit of ``n`` would start: 8 ％, spaced digits, keep a space before it."""
    return n.end + 1 if n.spaced and text[n.end : n.end + 1] == " " else n.end


def resolve(text: str, n: NumberMatch, clause: str) -> Figure | None:
    """Attach a unit to a figure, or decide it is not an indicator."""
    r = _rules()
    if n.percent:  # 百分之六: the unit is written before the figure
        u = r.units["%"]
        return Figure(n, _after(text, n), "百分之", False, u, u.normalized, u.factor, u.kind,
                      "rule:percent")  # fmt: skip
    at = _unit_at(text, n)
    if at is None:
        return None
    pos, m = at
    if m:
        u = r.units[m.group()]
        if u.kind == "percent" and n.scale:
            return None
        unit = (n.scale or "") + u.unit
        src = {"amount": "money", "percent": "percent"}.get(u.kind, u.kind)
        return Figure(n, m.end(), unit, False, u, u.normalized, n.factor * u.factor, u.kind,
                      f"rule:{src}")  # fmt: skip
    if n.scale:
        if r.money_cue.search(clause):
            return Figure(n, pos, n.scale, False, None, "CNY", n.factor, "amount", "rule:money")
        if r.people_cue.search(clause):
            return Figure(n, pos, n.scale, False, None, "count", n.factor, "count", "rule:count")
        return None
    if is_year(n) or n.high is not None:
        return None
    return _inferred(text, n, pos, clause)


def _inferred(text: str, n: NumberMatch, pos: int, clause: str) -> Figure | None:
    """A measure word (企业 → 户) or a money unit (共计 …资金) the source dropped."""
    r = _rules()
    head = r.inferred_re.match(text, pos)
    if head and not PUNCT.search(head.group()):
        word = r.inferred[head.group("head")]
        return Figure(n, pos, word, True, None, "count", 1.0, "count", "rule:count-inferred")
    after = text[pos : pos + 1]
    if (not after or after in CLAUSE_END or after.isspace()) and r.money_total_re.search(clause):
        if r.money_clause_re.search(clause):
            unit = r.inferred_money_unit
            factor = next((f for s, f in r.scales.items() if unit.startswith(s)), 1.0)
            return Figure(n, pos, unit, True, None, "CNY", factor, "amount", "rule:money-inferred")
    return None




def quoted_label(text: str, start: int, end: int) -> bool:
    """The figure is part of a short quoted name (深入推进“3个100万”, “117项目”, “三所联动”),
    a label, not a measure: a quote stands right before it and its closing quote within a few
    characters after, or the other way round.

    >>> t = "深入推进“3个100万”工程"
    >>> quoted_label(t, t.index("3"), t.index("1")), quoted_label(t, t.index("1"), t.index("”"))
    (True, True)
    >>> t = "打造10个“数字领航”企业"
    >>> quoted_label(t, t.index("1"), t.index("“"))
    False
    """
    q, breaks = _rules().label, _rules().label_breaks
    if start > 0 and text[start - 1] in q.open:
        after = text[end : end + q.reach + 1]
        close = next((n for n, ch in enumerate(after) if ch in q.close), None)
        return close is not None and breaks.isdisjoint(after[:close])
    if text[end : end + 1] in q.close:
        before = text[max(0, start - q.reach - 1) : start]
        return any(ch in q.open for ch in before) and breaks.isdisjoint(before)
    return False
