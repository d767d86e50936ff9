"""Period of a figure: ``"2021"``, ``"2021-01..2021-11"``, ``"2021..2025"`` or null.

Decided after the status (:mod:`.status`), from the nearest dating cue, in this order, each
with its rule id (recorded in the indicator's ``rules["period"]``):

- ``period:none`` — a capacity or a project's (or a firm's) attribute has no period;
- ``period:start_value`` — A of 从A提升到B: the first year of a range written before it
  (2020年到2025年; 2016—2020年 names a span: 2015), the year before a reviewed span, none after a span the text does not date
  (多年来，…: null, and no key), the summary year in a plan part, else the year before B's;
- ``period:last_year`` — a past-year cue decided the status: the year before the report's;
- ``period:n_year_average`` — 两年平均增长5.9% in a 2021 summary: ``2020..2021``;
- ``period:annual_average`` — 年均 over a five-year plan named nearby, 今后五年, or 到 <year>;
- ``period:months`` — 1-11月, 1月份-6月份, 上半年, 前三季度, 截至6月底 in the sentence (the
  nearest, unless 全年/今年 follows it), in the year named or the section's year;
- ``period:explicit_year`` — the last year written before the figure in its sentence;
- ``period:review_total`` / ``period:review_end`` — in the review of a five-year span (过去五年，
  … in a 2026 report) a flow of the span (新增造林2027万亩, 增长31.6%) gets the span
  ``2021..2025``, a level (高铁里程增至3055公里) its last year;
- ``period:gov_this_year`` — 今年 in a 政府工作报告: the plan year;
- ``period:five_year_plan`` — 十四五期间…, “十四五”以来 (to the figure's year), or a heading
  naming the plan now starting; ``period:five_year_plan_end`` — 到“十四五”末: its last year;
- ``period:summary_period`` — an actual figure of a summary that covers months (a 上半年
  report: ``2023-01..2023-06``; the metadata's ``summary_period``);
- ``period:section_year`` — the year of the report part (plan year or summary year).

Rules are ``data/status_cues.json``; the named parts of a year (上半年 …) are the metadata's
(``periods`` in ``data/metadata.json``), one list for titles and figures.

>>> from yxnlp.pipeline import analyse
>>> from yxnlp.ingest import from_text
>>> from yxnlp.extract.indicators import extract_indicators
>>> a = analyse(from_text("某区2021年工作总结\\n一、经济运行\\n上半年工业投资增长12%，两年平均增长5.9%。"))
>>> [(i.text, i.period, i.rules["period"]) for i in extract_indicators(a, entities=[])]
[('12%', '2021-01..2021-06', 'period:months'), ('5.9%', '2020..2021', 'period:n_year_average')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from yxnlp import resources, scan
from yxnlp.extract.indicators.context import Context, alt, last
from yxnlp.extract.indicators.status import Decision, year_value
from yxnlp.metadata.rules import config as metadata_config
from yxnlp.numerals import cn_int
from yxnlp.record import Section

_N_YEARS = {"两": 2, "三": 3, "四": 4}
#: A dash after the first year (2016—2020年, 2016年—2020年; not 2016年到2020年): the range names the
#: years of a span, whose start value stood the year before its first.
_SPAN_DASH = re.compile(r"年?[—－\-~～]")


@dataclass(frozen=True)
class _Rules:
    months_range: scan.Guarded
    months_upto: re.Pattern[str]
    year_parts: re.Pattern[str]
    parts: dict[str, tuple[int, int]]
    n_year: re.Pattern[str]
    base_year: re.Pattern[str]
    compared_years: scan.Guarded
    compared_change: re.Pattern[str]
    whole_year: scan.Guarded
    annual: re.Pattern[str]
    fyp_re: re.Pattern[str]
    fyp_period: re.Pattern[str]
    fyp_since: re.Pattern[str]
    fyp_end: re.Pattern[str]
    fyp_base_before: re.Pattern[str]
    fyp: dict[str, tuple[int, int]]
    this_year: re.Pattern[str]
    next_five: re.Pattern[str]
    year_range: scan.Guarded
    from_year: re.Pattern[str]
    since: scan.Guarded
    year: scan.Guarded


@functools.cache
def _rules() -> _Rules:
    s = resources.status_cues()
    plans = alt(list(s.five_year_plans))
    parts = dict(metadata_config().periods)
    return _Rules(
        months_range=scan.compile(s.months_range, guard=False),
        months_upto=re.compile(s.months_upto),
        year_parts=re.compile(alt(list(parts))),
        parts=parts,
        n_year=re.compile(s.n_year_average),
        base_year=re.compile(s.base_year),
        compared_years=scan.compile(s.compared_years, guard=False),
        compared_change=re.compile(s.compared_change),
        whole_year=scan.compile(s.whole_year),
        annual=re.compile(s.annual_average),
        fyp_re=re.compile(plans),
        fyp_period=re.compile(f"(?P<fyp>{plans})”?(?:{s.fyp_span_words})"),
        fyp_since=re.compile(f"(?P<fyp>{plans})”?(?:{s.fyp_since_words})"),
        fyp_end=re.compile(f"(?P<fyp>{plans})”?(?:{s.fyp_end_words})"),
        fyp_base_before=re.compile(s.fyp_base_before),
        fyp={k: (int(v[0]), int(v[1])) for k, v in s.five_year_plans.items()},
        this_year=re.compile(s.this_year),
        next_five=re.compile(s.next_five_years),
        year_range=scan.compile(s.year_range, guard=False),
        from_year=re.compile(s.from_year),
        since=scan.compile(s.start_value_since),
        year=scan.compile(s.year),
    )


@dataclass(frozen=True)
class _Months:
    """A months cue: where it starts, its first and last month, a year it names itself."""

    start: int
    first: int
    last: int
    year: int | None = None


def _month(value: str) -> int | None:
    n = int(value) if value.isdigit() else cn_int(value)
    return n if n is not None and 1 <= n <= 12 else None


def months_cue(scope: str) -> _Months | None:
    """The last months cue in ``scope`` (1-11月, 1月份-6月份, 上半年, 截至6月底).

    >>> months_cue("1月份-6月份，全区")
    _Months(start=0, first=1, last=6, year=None)
    >>> months_cue("前三季度，截至2023年9月底，累计"), months_cue("一至十一月")
    (_Months(start=5, first=1, last=9, year=2023), _Months(start=0, first=1, last=11, year=None))
    """
    r = _rules()
    found: list[_Months] = []
    for m in r.months_range.finditer(scope):
        a, b = _month(m.group("m1")), _month(m.group("m2"))
        if a is not None and b is not None and a < b:
            found.append(_Months(m.start(), a, b))
    for m in r.months_upto.finditer(scope):
        b = _month(m.group("m2"))
        if b is not None:
            found.append(_Months(m.start(), 1, b, int(m.group("y")) if m.group("y") else None))
    for m in r.year_parts.finditer(scope):
        a, b = r.parts[m.group()]
        found.append(_Months(m.start(), a, b))
    return max(found, key=lambda x: x.start, default=None)


def period_of(ctx: Context, pos: int, d: Decision, secs: list[Section]) -> tuple[str | None, str]:
    """The period of the figure at ``pos`` whose status was decided by ``d``, and its rule."""
    if d.attribute:
        return None, "period:none"
    section_year = ctx.plan_year if d.plan else ctx.summary_year
    if d.start_value:
        return _start_year(ctx, pos, d, section_year), "period:start_value"
    if d.plan and section_year is None and _partial(ctx):
        section_year = ctx.summary_year  # 1-11月工作总结 … 下一步: the rest of the same year
    if d.past is not None:
        current = ctx.plan_year if ctx.gov_report else section_year
        year = current - 1 if current is not None else None
        return _spanning(ctx, pos, d, year) or (
            (str(year) if year is not None else None), "period:last_year"
        )
    if d.status == "target" and ctx.gov_report and (d.this_year or not d.years):
        section_year = ctx.plan_year  # a 政府工作报告 sets targets for the year it plans
    return _dated(ctx, pos, d, section_year, secs)


def _start_year(ctx: Context, pos: int, d: Decision, section_year: int | None) -> str | None:
    """The year of A in 从A提升到B: the first year of a range (2020年到2025年，…从A…; the year
    before the first of a span named with a dash, 2016—2020年) or of a parallel start (由2020年的7.2%提升至7.4%，…由A…), the earlier of two years compared
    (1986年同1978年相比，…由A…), the year before a reviewed span, the summary year in a plan
    part, else the year before B's.

    >>> from yxnlp.pipeline import analyse
    >>> from yxnlp.ingest import from_text
    >>> from yxnlp.extract.indicators import extract_indicators
    >>> a = analyse(from_text("某省2024年工作总结\\n一、回顾\\n从一九七八年到一九八二年，高校由598所增加到715所。"))
    >>> [(i.text, i.period) for i in extract_indicators(a, entities=[])]
    [('598所', '1978'), ('715所', '1982')]
    """
    r, text = _rules(), ctx.text
    for rx, group in ((r.year_range, "y1"), (r.from_year, "y")):
        found = last(rx, text, d.scope_start, pos)
        if found and (y := year_value(found.group(group))) is not None:
            label = group == "y1" and _SPAN_DASH.match(text, found.end(group))
            return str(y - 1 if label else y)  # 2016—2020年 names the span's years: A is 2015's
    written = {year_value(m.group("y")) for m in r.year.finditer(text, d.scope_start, pos)}
    written.discard(None)
    if len(written) >= 2:
        return str(min(y for y in written if y is not None))
    if d.review:
        return str(d.review[0] - 1)
    if r.since.search(text, d.scope_start, pos):
        return None  # 党的十八大以来，…从A增加到B: A's year is not said
    if d.plan:
        return str(ctx.summary_year) if ctx.summary_year is not None else None
    year = d.years[-1][1] if d.years else section_year
    return str(year - 1) if year is not None else None


def _partial(ctx: Context) -> bool:
    """The summary covers months of a year (上半年, 1-11月), not the whole year."""
    return ".." in (ctx.parts.summary_period or "")


def _spanning(ctx: Context, s: int, d: Decision, year: int | None) -> tuple[str, str] | None:
    """A span the figure's own words give, ending in ``year``: 两年平均 (``2020..2021``),
    比2019年增长 (``2020..2021``), 2021年与2019年相比，…增长 (``2020..2021``), “十四五”以来
    (``2021..2023``)."""
    if year is None:
        return None
    r, text = _rules(), ctx.text
    near = max(d.scope_start, s - 12)
    n_avg = last(r.n_year, text, near, s) or _lead_in(r.n_year, text[d.scope_start : s])
    if n_avg:
        n = int(n_avg.group("n")) if n_avg.group("n").isdigit() else _N_YEARS[n_avg.group("n")]
        return f"{year - n + 1}..{year}", "period:n_year_average"
    base = last(r.base_year, text, max(d.scope_start, s - 28), s)
    if base and int(base.group("y")) < year - 1:
        return f"{int(base.group('y')) + 1}..{year}", "period:since_base_year"
    compared = last(r.compared_years, text, d.scope_start, s)
    if compared and r.compared_change.search(text, max(d.scope_start, s - 8), s):
        first, end = year_value(compared.group("y")), year_value(compared.group("y2"))
        if first is not None and end == year and first < year - 1:
            annual = r.annual.search(text, max(d.scope_start, s - 12), s)
            return f"{first + 1}..{year}", f"period:{'annual_average' if annual else 'since_base_year'}"
    since = _named_plan(r.fyp_since, text[d.scope_start : s])
    if since is not None:
        end = max(since[0], min(since[1], year))
        return (str(end) if end == since[0] else f"{since[0]}..{end}"), "period:five_year_plan"
    return None


def _lead_in(rx: re.Pattern[str], scope: str) -> re.Match[str] | None:
    """A cue opening the sentence as a lead-in (两年平均，全县…增长7.3%): it dates all of it."""
    m = rx.match(scope.lstrip())
    return m if m and scope.lstrip()[m.end() : m.end() + 1] in ("，", ",") else None


def _dated(
    ctx: Context, s: int, d: Decision, section_year: int | None, secs: list[Section]
) -> tuple[str | None, str]:
    r = _rules()
    text = ctx.text
    scope = text[d.scope_start : s]
    year = d.years[-1][1] if d.years else None
    spanning = _spanning(ctx, s, d, year or section_year)
    if spanning:
        return spanning
    if r.annual.search(text, max(d.scope_start, s - 12), s):
        span = _annual_period(ctx, scope, year, secs, d)
        if span:
            return span, "period:annual_average"
    this = last(r.this_year, scope)
    whole = last(r.whole_year, scope)
    months = months_cue(scope)
    if months and (whole is None or whole.start() < months.start):
        y = months.year or year or section_year
        if y is not None:
            return f"{y}-{months.first:02d}..{y}-{months.last:02d}", "period:months"
    summary = _summary_months(ctx, d, section_year)
    if year is not None:
        if summary and year == ctx.summary_year:
            return summary, "period:summary_period"
        return str(year), "period:explicit_year"
    if d.review and d.status in ("actual", "progress"):
        named = _named_plan(r.fyp_period, scope)
        if d.total or named == d.review:
            return f"{d.review[0]}..{d.review[1]}", "period:review_total"
        return str(d.review[1]), "period:review_end"
    if this and this.group() == "今年" and ctx.gov_report and ctx.plan_year is not None:
        return str(ctx.plan_year), "period:gov_this_year"
    if summary and whole is None:
        return summary, "period:summary_period"
    if this is None:
        found = _plan_period(ctx, scope, secs, s)
        if found:
            return found
    return (str(section_year) if section_year is not None else None), "period:section_year"


def _summary_months(ctx: Context, d: Decision, section_year: int | None) -> str | None:
    """The months a summary covers (``2023-01..2023-06``) for an actual figure of its year."""
    sp = ctx.parts.summary_period
    if d.plan or d.status not in ("actual", "progress") or not sp or ".." not in sp:
        return None
    return sp if section_year is not None and section_year == ctx.summary_year else None


def _annual_period(
    ctx: Context, scope: str, year: int | None, secs: list[Section], d: Decision
) -> str | None:
    """The span of an annual average: a five-year plan named nearby (in a plan part, the one
    holding the plan year first: “十四五”时期发展成就和“十五五”时期主要目标 heads both),
    今后五年, 到 <year>, or, in the review of a five-year span (or the review part of a report
    planning the first year of a five-year plan) the span reviewed (年均增长5.7% in a 2026
    report's review is 2021..2025, also after 2025年，… naming the span's last year)."""
    r = _rules()
    review = not d.plan
    ranged = r.fyp_re.search(scope) or r.year_range.search(scope)  # 从1979年到1982年的四年内
    if d.review and year in (None, d.review[1]) and not ranged:
        return f"{d.review[0]}..{d.review[1]}"
    for where in [scope, *(x.heading for x in secs)]:
        spans = [r.fyp[m.group()] for m in r.fyp_re.finditer(where)]
        now = [x for x in spans if d.plan and ctx.plan_year is not None and x[0] <= ctx.plan_year]
        now = [x for x in now if ctx.plan_year is not None and ctx.plan_year <= x[1]]
        if spans:
            a, b = (now or spans)[0]
            return f"{a}..{b}"
    if year is not None:
        return f"{year - (year - 1) % 5}..{year}"
    if ctx.plan_year is not None and r.next_five.search(scope):
        return f"{ctx.plan_year}..{ctx.plan_year + 4}"
    starts = {a for a, _ in r.fyp.values()}
    if review and ctx.plan_year in starts:
        return f"{ctx.plan_year - 5}..{ctx.plan_year - 1}"
    return None


def _named_plan(rx: re.Pattern[str], scope: str) -> tuple[int, int] | None:
    """The years of the last plan ``rx`` finds in ``scope`` that is not a base (较“十三五”末)."""
    r = _rules()
    for m in reversed(list(rx.finditer(scope))):
        if not r.fyp_base_before.search(scope[: m.start()].rstrip("“\"")):
            return r.fyp[m.group("fyp")]
    return None


def _plan_period(
    ctx: Context, scope: str, secs: list[Section], pos: int
) -> tuple[str, str] | None:
    """A five-year plan's span for figures under it: named in the sentence (十四五期间…,
    到“十四五”末: its last year) or in a heading of the plan now starting (“十三五”时期主要目标
    in a 2016 report)."""
    r = _rules()
    if (span := _named_plan(r.fyp_period, scope)) is not None:
        return f"{span[0]}..{span[1]}", "period:five_year_plan"
    if (span := _named_plan(r.fyp_end, scope)) is not None:
        return str(span[1]), "period:five_year_plan_end"
    for sec in secs:
        if ctx.parts.year_lead_between(sec.span[0], pos):
            continue  # a paragraph on this year's targets came in between
        for h in r.fyp_re.finditer(sec.heading):
            a, b = r.fyp[h.group()]
            if ctx.plan_year is not None and a <= ctx.plan_year <= b:
                return f"{a}..{b}", "period:five_year_plan"
    return None
