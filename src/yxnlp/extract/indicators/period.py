"""Period of a figure: ``"2021"``, ``"2021-01..2021-11"``, ``"2021..2025"`` or null.

Decided after the status (:mod:`.status`), from the nearest dating cue, in this order, each
with its rule id (recorded in the indicator's ``rules["period"]``):

- ``period:none`` — a capacity or a project's attribute has no period;
- ``period:last_year`` — a past-year cue decided the status: the year before the report's;
- ``period:annual_average`` — 年均 over a five-year plan named nearby, 今后五年, or 到 <year>;
- ``period:months`` — 1-11月 in the sentence, in the year named or the section's year;
- ``period:explicit_year`` — the last year written before the figure in its sentence;
- ``period:gov_this_year`` — 今年 in a 政府工作报告: the plan year;
- ``period:five_year_plan`` — 十四五期间…, or a heading naming the plan now starting;
- ``period:section_year`` — the year of the report part (plan year or summary year).

Rules are ``data/status_cues.json``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from yxnlp import resources
from yxnlp.extract.indicators.context import Context, alt, last
from yxnlp.extract.indicators.status import Decision
from yxnlp.record import Section


@dataclass(frozen=True)
class _Rules:
    months_range: re.Pattern[str]
    annual: re.Pattern[str]
    fyp_re: re.Pattern[str]
    fyp_period: re.Pattern[str]
    fyp: dict[str, tuple[int, int]]
    this_year: re.Pattern[str]
    next_five: re.Pattern[str]


@functools.cache
def _rules() -> _Rules:
    s = resources.status_cues()
    plans = alt(list(s.five_year_plans))
    return _Rules(
        months_range=re.compile(s.months_range),
        annual=re.compile(s.annual_average),
        fyp_re=re.compile(plans),
        fyp_period=re.compile(f"(?P<fyp>{plans})”?(?:{s.fyp_span_words})"),
        fyp={k: (int(v[0]), int(v[1])) for k, v in s.five_year_plans.items()},
        this_year=re.compile(s.this_year),
        next_five=re.compile(s.next_five_years),
    )


def period_of(ctx: Context, pos: int, d: Decision, secs: list[Section]) -> tuple[str | None, str]:
    """The period of the figure at ``pos`` whose status was decided by ``d``, and its rule."""
    if d.attribute:
        return None, "period:none"
    section_year = ctx.plan_year if d.plan else ctx.summary_year
    if d.past is not None:
        current = ctx.plan_year if ctx.gov_report else section_year
        return (str(current - 1) if current is not None else None), "period:last_year"
    if d.status == "target" and ctx.gov_report and (d.this_year or not d.years):
        section_year = ctx.plan_year  # a 政府工作报告 sets targets for the year it plans
    return _dated(ctx, pos, d, section_year, secs)


def _dated(
    ctx: Context, s: int, d: Decision, section_year: int | None, secs: list[Section]
) -> tuple[str | None, str]:
    r = _rules()
    text = ctx.text
    scope = text[d.scope_start : s]
    year = d.years[-1][1] if d.years else None
    if r.annual.search(text, max(d.scope_start, s - 12), s):
        span = _annual_period(ctx, scope, year, secs)
        if span:
            return span, "period:annual_average"
    months = last(r.months_range, scope)
    if months:
        y = year or section_year
        if y is not None:
            m1, m2 = int(months.group("m1")), int(months.group("m2"))
            if m1 < m2:
                return f"{y}-{m1:02d}..{y}-{m2:02d}", "period:months"
    if year is not None:
        return str(year), "period:explicit_year"
    this = last(r.this_year, scope)
    if this and this.group() == "今年" and ctx.gov_report and ctx.plan_year is not None:
        return str(ctx.plan_year), "period:gov_this_year"
    if this is None:
        span = _plan_period(ctx, scope, secs, s)
        if span:
            return span, "period:five_year_plan"
    return (str(section_year) if section_year is not None else None), "period:section_year"


def _annual_period(ctx: Context, scope: str, year: int | None, secs: list[Section]) -> str | None:
    """The span of an annual average: a five-year plan named nearby, 今后五年, or 到 <year>."""
    r = _rules()
    for where in [scope, *(x.heading for x in secs)]:
        fyp = r.fyp_re.search(where)
        if fyp:
            a, b = r.fyp[fyp.group()]
            return f"{a}..{b}"
    if year is not None:
        return f"{year - (year - 1) % 5}..{year}"
    if ctx.plan_year is not None and r.next_five.search(scope):
        return f"{ctx.plan_year}..{ctx.plan_year + 4}"
    return None


def _plan_period(ctx: Context, scope: str, secs: list[Section], pos: int) -> str | None:
    """A five-year plan's span for figures under it: named in the sentence (十四五期间…) or in a
    heading of the plan now starting (“十三五”时期主要目标 in a 2016 report)."""
    r = _rules()
    m = r.fyp_period.search(scope)
    if m:
        a, b = r.fyp[m.group("fyp")]
        return f"{a}..{b}"
    for sec in secs:
        if ctx.parts.year_lead_between(sec.span[0], pos):
            continue  # a paragraph on this year's targets came in between
        for h in r.fyp_re.finditer(sec.heading):
            a, b = r.fyp[h.group()]
            if ctx.plan_year is not None and a <= ctx.plan_year <= b:
                return f"{a}..{b}"
    return None
