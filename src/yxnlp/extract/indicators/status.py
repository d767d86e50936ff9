"""Status of a figure (actual, estimate, target, progress) as the nearest cue before it.

Each rule below looks for its cue in the figure's sentence (or clause, or paragraph) and offers
a :class:`Cue` ``(pos, status, rule)``; rules run in a declared order and a cue wins when it
stands nearer the figure than the cue that holds (``pos`` greater). The winning cue's rule id is
recorded in the indicator's ``rules["status"]``. The order:

1. ``status:capacity`` — a design capacity (年产15万樘) is a target with no period;
   ``status:attribute`` — a project's size (总投资1.4亿的…) is actual with no period;
2. ``status:plan_part`` / ``status:summary_part`` — the default of the report part
   (:mod:`yxnlp.parts`);
3. ``status:cue:estimate`` / ``status:cue:target`` — 预计 / 力争, 确保, 目标为, 要从A降到B …;
   ``status:target_clause`` — 计划投资 in the figure's own clause; ``status:cue:actual`` —
   实际 after a target (要从A降到B，…实际回落到C: C is what happened);
4. ``status:gov_this_year`` — 今年 in a 政府工作报告 (the year still to come), when nothing
   else has spoken yet;
5. ``status:future_year`` — a year after the summary year (outside the plan part);
   ``status:past_year`` — a year up to the summary year after a 今年 cue;
6. ``status:last_year`` — 去年/过去一年 in the paragraph, after any explicit year;
7. ``status:progress`` — a completion rate (完成率, 完成…%) of a kind in ``progress_kinds``;
8. ``status:start_value`` — A of 从A提升到B / 由A增至B: the level the change started from.

A figure in the review of a five-year span (:meth:`yxnlp.parts.Parts.review_at`: 过去五年，…)
is in no plan part, whatever its heading says; the decision records the span and whether the
figure is a flow of it (新增, 累计, a growth) or a level at its end, for :mod:`.period`.

Rules are ``data/status_cues.json``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from yxnlp import resources, scan
from yxnlp.extract.indicators.context import Context, last
from yxnlp.extract.indicators.units import Figure
from yxnlp.numerals import cn_digits, halfwidth
from yxnlp.record import Kind, Section, Status

_INDENT_CHARS = " \t\u3000"
_INDENT = re.compile(f"[{_INDENT_CHARS}]{{2,}}")  # a paragraph break too, in flattened paragraphs
_PARA_MAX = 400  # a past-year cue reaches at most this far back
_FROM_END = re.compile(r"[到至，,；;]")


class Cue(NamedTuple):
    """A word that decides a status: where it ends, what it says, which rule found it."""

    pos: int
    status: Status
    rule: str


class Decision(NamedTuple):
    """The status of one figure and what the period rules need to know of how it was found."""

    cue: Cue
    attribute: bool = False  # capacity or project attribute: no period
    plan: bool = False  # the figure is in the plan part
    scope_start: int = 0  # start of the full sentence the cues were read in
    years: tuple[tuple[int, int], ...] = ()  # (position, year) of years dating the figure
    this_year: bool = False  # 今年 of a 政府工作报告 decided
    past: re.Match[str] | None = None  # a past-year cue that dates the figure to last year
    review: tuple[int, int] | None = None  # the five-year span whose review holds the figure
    total: bool = False  # in that review: a flow of the whole span, not a level at its end
    start_value: bool = False  # A of 从A提升到B

    @property
    def status(self) -> Status:
        return self.cue.status


@dataclass(frozen=True)
class _Rules:
    status_re: scan.Guarded
    target_clause_re: re.Pattern[str]
    actual_after_plan: re.Pattern[str]
    actual_after_target: re.Pattern[str]
    gov_this_year: re.Pattern[str]
    progress_re: re.Pattern[str]
    progress_kinds: frozenset[str]
    capacity_re: re.Pattern[str]
    attr_before: re.Pattern[str]
    attr_after: re.Pattern[str]
    year_re: scan.Guarded
    year_ignore_before: re.Pattern[str]
    year_ignore_after: re.Pattern[str]
    last_year: scan.Guarded
    last_year_in_plan: re.Pattern[str]
    last_year_lead: re.Pattern[str]
    review_total: scan.Guarded
    review_level: re.Pattern[str]
    start_value_after: re.Pattern[str]
    start_value_before: re.Pattern[str]


@functools.cache
def _rules() -> _Rules:
    s = resources.status_cues()
    status_alts = "|".join(
        f"(?P<{name}_{i}>{pat})"
        for name, pats in (("estimate", s.estimate), ("target", s.target))
        for i, pat in enumerate(pats)
    )
    return _Rules(
        status_re=scan.compile(status_alts),
        target_clause_re=re.compile("|".join(s.target_clause)),
        actual_after_plan=re.compile(s.actual_after_plan),
        actual_after_target=re.compile(s.actual_after_target),
        gov_this_year=re.compile(s.gov_this_year_target),
        progress_re=re.compile("|".join(s.progress)),
        progress_kinds=frozenset(s.progress_kinds),
        capacity_re=re.compile(s.capacity),
        attr_before=re.compile(s.attribute_before),
        attr_after=re.compile(s.attribute_after),
        year_re=scan.compile(s.year),
        year_ignore_before=re.compile(s.year_ignore_before),
        year_ignore_after=re.compile(s.year_ignore_after),
        last_year=scan.compile(s.last_year),
        last_year_in_plan=re.compile(s.last_year_in_plan),
        last_year_lead=re.compile(s.last_year_lead),
        review_total=scan.compile(s.review_total),
        review_level=re.compile(s.review_level),
        start_value_after=re.compile(s.start_value_after),
        start_value_before=re.compile(s.start_value_before),
    )


def year_value(written: str) -> int | None:
    """A year as written in digits, full-width digits or Chinese digits.

    >>> year_value("2023"), year_value("１９９７"), year_value("一九五八"), year_value("二〇二五")
    (2023, 1997, 1958, 2025)
    """
    digits = halfwidth(written)
    return int(digits) if digits.isascii() and digits.isdigit() else cn_digits(written)


def years_before(ctx: Context, start: int, pos: int) -> list[tuple[int, int]]:
    """``(position, year)`` of years written in ``text[start:pos]`` that date a fact."""
    r = _rules()
    text = ctx.text
    out: list[tuple[int, int]] = []
    for m in r.year_re.finditer(text, start, pos):
        if r.year_ignore_before.search(text, max(0, m.start() - 1), m.start()):
            continue
        if r.year_ignore_after.match(text, m.end()):
            continue
        if text.count("《", start, m.start()) > text.count("》", start, m.start()):
            continue
        if text[m.start() - 1 : m.start()] in ("从", "由") and _FROM_END.search(text, m.end(), pos):
            continue  # 从2017年的X提高到Y: the year dates X only
        y = year_value(m.group("y"))
        if y is not None:
            out.append((m.start(), y))
    return out


def decide(ctx: Context, f: Figure, kind: Kind, secs: list[Section], clause: int) -> Decision:
    """The status of figure ``f`` (kind ``kind``, clause starting at ``clause``)."""
    r = _rules()
    text, s = ctx.text, f.num.start
    before = text[max(0, s - 12) : s]
    if r.capacity_re.search(before):
        return Decision(Cue(s, "target", "status:capacity"), attribute=True)
    if r.attr_before.search(before) and r.attr_after.match(text, f.end):
        return Decision(Cue(s, "actual", "status:attribute"), attribute=True)
    scope_start, scope_end = ctx.full_sentence(s)
    review = ctx.parts.review_at(s)
    plan = review is None and ctx.parts.is_plan(secs, s)
    years = years_before(ctx, scope_start, s)
    best = (
        Cue(-1, "target", "status:plan_part") if plan else Cue(-1, "actual", "status:summary_part")
    )
    best = _word_cues(ctx, best, scope_start, clause, s)
    para_start = _paragraph_start(text, s)
    this_year = False
    if ctx.gov_report and best.status == "actual":
        cue = _gov_this_year(ctx, para_start, scope_start, s)
        if cue is not None and cue.pos > best.pos:
            best, this_year = cue, True
    ref = ctx.summary_year
    for p, y in years:
        if ref is not None and y > ref and p > best.pos and not plan:
            best = Cue(p, "target", "status:future_year")
        elif this_year and ref is not None and y <= ref and p > best.pos:
            best, this_year = Cue(p, "actual", "status:past_year"), False  # 今年…。1979年比上年…
    past = _past_cue(ctx, plan, min(para_start, scope_start), scope_start, s)
    if past and past.end() > best.pos and (not years or past.start() > years[-1][0]):
        best = Cue(past.end(), "actual", "status:last_year")
    else:
        past = None
    if (
        best.status != "estimate"
        and kind in r.progress_kinds
        and r.progress_re.search(text[clause:s])
    ):
        best = Cue(best.pos, "progress", "status:progress")
    if best.status == "target" and ctx.gov_report and not this_year and not years:
        earlier = last(r.last_year, text, scope_start, s)
        if earlier and earlier.end() <= best.pos:  # 去年…提出，要把…控制在: last year's target
            past = earlier
    if best.status == "target" and ctx.gov_report and not plan and past is None:
        past = r.actual_after_target.search(text, f.end, scope_end)  # 计划…，实际完成: last year's
    start = bool(r.start_value_before.search(text, max(0, s - 3), s)) and bool(
        r.start_value_after.match(text, f.end)
    )
    if start and best.status != "estimate":
        best, past = Cue(best.pos, "actual", "status:start_value"), None
    total = review is not None and _review_total(text[clause:s], kind)
    return Decision(
        best, False, plan, scope_start, tuple(years), this_year, past, review, total, start
    )


def _review_total(clause: str, kind: Kind) -> bool:
    """In a five-year review, the figure after ``clause`` is a flow of the whole span: a
    growth, 累计…, or a flow verb (新增, 完成 …) standing nearer than a level verb (达到 …).

    >>> _review_total("新增高速公路通车里程", "quantity"), _review_total("总里程达", "quantity")
    (True, False)
    >>> _review_total("一般公共预算收支累计分别突破", "amount"), _review_total("占比", "share")
    (True, False)
    """
    r = _rules()
    if kind == "growth" or "累计" in clause:
        return True
    if kind not in ("count", "quantity", "amount"):
        return False
    flow, level = last(r.review_total, clause), last(r.review_level, clause)
    return flow is not None and (level is None or level.start() < flow.start())


def _word_cues(ctx: Context, best: Cue, scope_start: int, clause: int, s: int) -> Cue:
    """预计 / 力争 … anywhere before the figure in its sentence; 计划 in its own clause."""
    r = _rules()
    m = r.status_re.last(ctx.text, scope_start, s)  # the nearest (matches end in order)
    if m is not None and m.end() > best.pos:
        name = next(k for k, v in m.groupdict().items() if v is not None)
        status: Status = "estimate" if name.startswith("estimate") else "target"
        best = Cue(m.end(), status, f"status:cue:{status}")
    clause_cue = last(r.target_clause_re, ctx.text, clause, s + 1)  # a cue may look at the figure
    done = clause_cue and r.actual_after_plan.search(ctx.text, clause_cue.end(), s)
    if clause_cue and best.pos < clause_cue.end() <= s and not done:
        best = Cue(clause_cue.end(), "target", "status:target_clause")
    said = best.status == "target" and best.pos >= scope_start  # a target said in the sentence
    if said and (actual := last(r.actual_after_target, ctx.text, best.pos, s)):
        best = Cue(actual.end(), "actual", "status:cue:actual")  # 要从A降到B，…实际回落到C
    return best


def _paragraph_start(text: str, s: int) -> int:
    """After the last line break or indent (two or more spaces) within :data:`_PARA_MAX`
    before ``s``: an indent after the last line break, else that line break.

    >>> _paragraph_start("甲。\\n乙  丙", 7), _paragraph_start("甲。\\n乙丙", 5), _paragraph_start("甲乙", 2)
    (6, 3, 0)
    """
    lo = max(0, s - _PARA_MAX)
    line = text.rfind("\n", lo, s)
    start = line + 1 if line >= 0 else lo
    spaced = any(text.find(c, start, s) >= 0 for c in _INDENT_CHARS)
    indent = last(_INDENT, text, start, s) if spaced else None
    return indent.end() if indent else start


def _gov_this_year(ctx: Context, para_start: int, scope_start: int, s: int) -> Cue | None:
    """今年 in the sentence, or opening the paragraph (今年计划要求，…。…增长百分之五)."""
    r = _rules()
    lead = r.gov_this_year.match(ctx.text, para_start) if para_start < scope_start else None
    this = last(r.gov_this_year, ctx.text, scope_start, s) or lead
    return Cue(this.end(), "target", "status:gov_this_year") if this else None


def _past_cue(
    ctx: Context, plan: bool, floor: int, scope_start: int, s: int
) -> re.Match[str] | None:
    """去年 / 过去一年 before the figure in its paragraph (in a plan part: opening the sentence)."""
    r = _rules()
    text = ctx.text
    past = last(r.last_year_in_plan if plan else r.last_year, text, floor, s)
    if plan and past is None:
        past = r.last_year_lead.match(text, scope_start)
        if past and r.gov_this_year.search(text, past.end(), s):
            past = None  # 去年…，今年…: the figure is this year's
    return past
