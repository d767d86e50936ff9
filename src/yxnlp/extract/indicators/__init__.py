"""Numeric indicators: every figure with a unit becomes a typed, normalised fact.

:func:`yxnlp.extract.numbers.find_numbers` finds the figures in the furniture-masked text;
one module per decision then reads each (rules are data files, named in each module):

- :mod:`.units` — unit, kind of unit, normalised scale (``units.json``);
- :mod:`.kind` — growth, share or plain percent (``indicator_cues.json``);
- :mod:`.qualifier` — range, 余, 以上, 约 … (``qualifiers.json``);
- :mod:`.status` — actual, estimate, target, progress: the nearest cue (``status_cues.json``,
  the report parts of :mod:`yxnlp.parts`);
- :mod:`.period` — the year or span the figure is about;
- :mod:`.subject` — the short phrase naming what is measured;
- :mod:`.scope` — another place's figure (全国, 武汉都市圈, a district) or a comparison;
- :mod:`.keys` — 分别 lists distributed, then :func:`yxnlp.taxonomy.map_keys` over the
  subjects (no key for another place's figure, a comparison or a percentage-point gap);
- entity — a company or project mention that holds the figure (see :func:`entity_for`).

Conventions: ``text`` is the figure with its embedded 余 and its unit as written (约/超 and
以上/以下 go to ``qualifier``; ``百分之六`` and spaced digits ``8 ％`` are kept as written);
``value`` is the figure as written, always positive (下降2.0% → 2.0), and ``normalized.value``
the comparable value in the normalised unit, negative for a decline (下降2.0% → −2.0). A key
names what is measured, not its direction, so a ``*_reduction`` key (energy intensity) holds
negative values for a fall; a level reached (涨幅回落到2.6%) is not a decline (2.6). A unit the
source dropped is inferred only by a data rule and flagged ``unit_inferred``; ``source`` names
the unit rule and ``rules`` the rules that set status, period and qualifier.

>>> from yxnlp.pipeline import analyse
>>> from yxnlp.ingest import from_text
>>> a = analyse(from_text("2024年工作总结\\n一、主要指标\\n全区地区生产总值约315亿元，同比增长6.1%。"))
>>> [(i.text, i.kind, i.qualifier, i.key, i.period) for i in extract_indicators(a, entities=[])]
[('315亿元', 'amount', 'approx', 'gdp', '2024'), ('6.1%', 'growth', 'exact', 'gdp_growth', '2024')]
>>> a = analyse(from_text("2024年工作总结\\n一、主要指标\\n单位工业增加值能耗下降3.5%。"))
>>> [(i.value, i.normalized.value, i.key) for i in extract_indicators(a, entities=[])]
[(3.5, -3.5, 'industrial_energy_intensity_reduction')]
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yxnlp import resources
from yxnlp.extract.indicators.context import Context, alt, build_context, clause_start
from yxnlp.extract.indicators.keys import Found, assign_keys, distribute, increment_of
from yxnlp.extract.indicators.kind import KindInfo, kind_of
from yxnlp.extract.indicators.period import period_of
from yxnlp.extract.indicators.qualifier import qualifier_of
from yxnlp.extract.indicators.scope import Places, comparison_of, scope_of
from yxnlp.extract.indicators.status import decide
from yxnlp.extract.indicators.subject import (
    counted_end,
    elliptic_subject,
    noun_after,
    programme_effect,
    subject_of,
)
from yxnlp.extract.indicators.units import Figure, quoted_label, refused, resolve
from yxnlp.extract.numbers import find_numbers
from yxnlp.record import Entity, Indicator, Normalized

if TYPE_CHECKING:
    from yxnlp.analysis import Analysis

__all__ = ["entity_for", "extract_indicators"]

# what may stand between two figures of one list: a joiner, after the first figure's 左右/以上
_LIST_JOINER = re.compile(r"(?:左右|以上|以下|以内)?[和、及与，,]")
_MENTION_REACH = 64  # no mention that holds a figure starts further back than this
_CLAUSE_BREAK = re.compile(r"[，,；;。：:\n]")


@dataclass(frozen=True)
class _Cues:
    """The cue patterns of ``indicator_cues.json`` this module reads, compiled once."""

    skip_heading: re.Pattern[str]  # a section whose figures are not the report's
    plan_figure: re.Pattern[str]
    described: re.Pattern[str]  # the figure describes the noun after it
    span_base: re.Pattern[str]  # a growth over another span
    milestone: re.Pattern[str]  # a threshold passed (突破N) before the level
    annual_average: re.Pattern[str]  # a span's average per year of a flow
    cumulative: re.Pattern[str]
    from_before: re.Pattern[str]  # 从A增长到B: before A
    to_between: re.Pattern[str]  # … and between A and B
    projects_counted: re.Pattern[str]
    investment_only: re.Pattern[str]
    subset_lead: re.Pattern[str]
    flow_verbs: re.Pattern[str]  # the taxonomy's: a list item after a flow is a flow
    list_verbs: re.Pattern[str]  # other verbs a list item shares (改造供热管网X公里、燃气管网Y公里)
    stock_ends: tuple[str, ...]  # a list item ending so is a stock, never a flow (、总量达474万户)


@functools.cache
def _cues() -> _Cues:
    c = resources.indicator_cues()
    return _Cues(
        skip_heading=re.compile(alt(c.skip_section_headings)),
        plan_figure=re.compile(c.plan_figure),
        described=re.compile(c.described_after),
        span_base=re.compile(c.span_base),
        milestone=re.compile(c.milestone_before),
        annual_average=re.compile(c.annual_average_level),
        cumulative=re.compile(c.cumulative_growth),
        from_before=re.compile(c.from_before),
        to_between=re.compile(c.to_between),
        projects_counted=re.compile(c.projects_counted),
        investment_only=re.compile(c.investment_only),
        subset_lead=re.compile(c.subset_lead),
        flow_verbs=re.compile(resources.taxonomy().flow_verbs),
        list_verbs=re.compile(c.list_verbs),
        stock_ends=tuple(c.list_stock_ends),
    )


def _cumulative_span(period: str | None, rule: str) -> bool:
    """A growth over an explicit base year three or more years back (比2002年增长65.5% in 2007,
    2005年与2000年相比…增长57.3%) is cumulative, not the annual growth a key names; over two
    (比2019年增长19.5% in 2021, beside 两年平均) it keeps its key with its two-year period."""
    if rule != "period:since_base_year" or period is None or ".." not in period:
        return False
    first, _, end = period.partition("..")
    return first.isdigit() and end.isdigit() and int(end) - int(first) >= 2


def _continues(text: str, prev: Indicator | None, start: int, first: Indicator | None = None) -> bool:
    """从A增长到B: the figure at ``start`` continues the previous figure ``prev``; 从A1和A2分别
    提高到B1和B2: B1 continues the list ``first`` … ``prev`` (and B2 is joined to B1)."""
    if prev is None:
        return False
    before, between = _cues().from_before, _cues().to_between
    s, e = (first or prev).span[0], prev.span[1]
    return bool(before.search(text, max(0, s - 9), s)) and bool(between.fullmatch(text, e, start))


def _project_investment(subject: str | None, prev: Indicator) -> str | None:
    """实施重大项目3600个、完成投资1万亿元: the investment of the projects just counted."""
    counted, only = _cues().projects_counted, _cues().investment_only
    if subject and prev.kind == "count" and prev.subject and counted.search(prev.subject):
        return prev.subject + "投资" if only.match(subject) else subject
    return subject


def _measure_of_previous(text: str, prev: Indicator, start: int, subject: str | None) -> str | None:
    """营收增长5.9%、利润增长5.5%: the profit of what the figure before measured the revenue of."""
    c = resources.indicator_cues()
    if not subject or not prev.subject or "、" not in text[prev.span[1] : start]:
        return subject
    part = next((m for m in c.part_measures if subject.startswith(m)), None)
    if part is None or not re.fullmatch(f"{part}(?:增速|增幅|降幅|年均增速|同比增速)?", subject):
        return subject
    whole = re.sub("(?:同比|年均)?(?:增速|增幅|降幅)$", "", prev.subject)
    measure = next((m for m in c.whole_measures if whole.endswith(m) and len(whole) > len(m)), None)
    return whole[: -len(measure)] + subject if measure else subject


def _above_amount(text: str, prev: Indicator, start: int, subject: str | None) -> str | None:
    """引进投资超10亿元重大项目14个: projects above an amount, not all of them (the amount stays
    in the subject); 总投资2万亿元的389个省重点项目: the amount only describes them."""
    between = text[prev.span[1] : start]
    if prev.kind != "amount" or "的" in between or _CLAUSE_BREAK.search(between) or "、" in between:
        return subject
    return prev.text + (subject or "")


def _flow_of_list(text: str, prev: Indicator, start: int, subject: str | None) -> str | None:
    """新创建零碳园区3家、绿色园区2家: a list item after a flow is a flow too; so is one after
    another verb of ``list_verbs`` (有序改造供热管网1287公里、燃气管网810公里: 改造燃气管网)."""
    flow, other = _cues().flow_verbs, _cues().list_verbs
    found = flow.match(prev.subject or "") or other.match(prev.subject or "")
    between = text[prev.span[1] : start]
    listed = "、" in between and not _CLAUSE_BREAK.search(between)
    stock = subject is not None and subject.endswith(_cues().stock_ends)  # 、总量达474万户: the stock
    if subject and found and listed and not stock and not flow.match(subject) and not other.match(subject):
        verb = found.groupdict().get("verb") or found.group()
        return verb + subject
    return subject


def _flow_of_whole(text: str, floor: int, subject: str | None, whole: str | None) -> str | None:
    """其中国家级“小巨人”企业2家 after 新培育专精特新企业12家: the part is a flow too;
    其中新认定56家 after 高新技术企业达到320家: the part is 新认定高新技术企业; a part named by
    what the whole's name starts with takes the whole's measure (汽车保有量 … 其中新能源汽车 →
    新能源汽车保有量)."""
    lead, flow = _cues().subset_lead, _cues().flow_verbs
    if not subject or not whole or not lead.match(text, floor):
        return subject
    own = flow.match(subject)
    if own and own.end() == len(subject) and not flow.match(whole):
        return subject + whole
    head = next((n for n in range(len(whole) - 1, 1, -1) if subject.endswith(whole[:n])), 0)
    if head:  # 汽车保有量…，其中新能源汽车由45万辆增至356万辆: 新能源汽车保有量
        return subject + whole[head:]
    verb = flow.match(whole)
    return verb.group() + subject if verb and not own else subject


def _skipped(ctx: Context, sid: str | None) -> bool:
    """The figure's section is one whose figures are not indicators (党建 …)."""
    if sid not in ctx.skip:
        ctx.skip[sid] = any(_cues().skip_heading.search(x.heading) for x in ctx.ancestors(sid))
    return ctx.skip[sid]


def extract_indicators(a: Analysis, *, entities: Sequence[Entity]) -> list[Indicator]:
    """Every figure in the report that states a measurable fact, in text order."""
    ctx = build_context(a, a.parts)
    text = ctx.text
    mentions, places = _Mentions(entities), Places(entities)
    out: list[Indicator] = []
    found: list[Found] = []
    prev_end, prev_sent, prev_subject = -1, -1, None
    prev_noun_end = -1  # where the previous figure's subject ends when it follows the figure
    prev_k: KindInfo | None = None
    prev_found = Found(False, False, None, None)
    for n in find_numbers(text):
        if refused(text, n):
            continue  # most numerals (一是, 进一步): no sentence and clause to look up
        s_start, s_end, sid = ctx.sentence_of(n.start)
        if _skipped(ctx, sid):
            continue
        floor = clause_start(text, n.start, s_start)
        f = resolve(text, n, text[floor : n.start])
        if f is None or quoted_label(text, n.start, f.end):  # “3个100万”: a name, not a measure
            continue
        if s_start != prev_sent:
            prev_subject = None
        seg_start = max(floor, prev_end, prev_noun_end) if prev_sent == s_start else floor
        k = kind_of(text, f, floor, s_start)
        if k.cue_start < seg_start:  # the growth cue stands in an earlier clause
            seg_start = clause_start(text, k.cue_start, s_start)
        qualifier, q_rule = qualifier_of(text, f, floor)
        # 分别增长5%和7% / 分别超98.5%和99%: the second figure shares the first one's reading
        joined = (
            prev_k is not None
            and prev_sent == s_start
            and _LIST_JOINER.fullmatch(text, prev_end, n.start) is not None
            and (out[-1].unit == f.unit or out[-1].normalized.unit == f.norm_unit != "count")
        )  # 分别突破9千亿元、3万亿元: one measure in another scale (counts in 个 and 家 are not)
        first = next((out[k] for k in range(len(out) - 1, -1, -1) if not found[k].joined), None)
        continues = prev_sent == s_start and _continues(text, out[-1] if out else None, n.start, first)
        if continues and first is out[-1]:
            joined = True  # 从3826.5亿元增长到4398.6亿元: the same reading (a list's B1 opens its own)
            if prev_k is not None and k.kind in ("percent", "share"):
                k = KindInfo(prev_k.kind, prev_k.cue, n.start, prev_k.sign)
        if joined and prev_k is not None:
            if k.kind == "percent":
                k = KindInfo(prev_k.kind, prev_k.cue, n.start, prev_k.sign)
            if qualifier == "exact":
                qualifier, q_rule = out[-1].qualifier, "qualifier:shared"
        secs = ctx.ancestors(sid)
        decision = decide(ctx, f, k.kind, secs, floor)
        period, p_rule = period_of(ctx, f.num.start, decision, secs)
        kind_before = prev_k.kind if prev_sent == s_start and prev_k is not None else None
        subject, borrowed = subject_of(ctx, f, k, seg_start, prev_subject, prev_kind=kind_before)
        if continues and out[-1].subject:  # 从A增加到B: B is A at a later time, whatever the verb
            subject, borrowed = out[-1].subject, True
        outcome = decision.cue.rule == "status:cue:actual" and (subject or "").startswith("实际")
        if outcome and prev_k is not None and prev_sent == s_start and out[-1].unit == f.unit:
            subject, borrowed = out[-1].subject, True  # 要从A降到B，…实际回落到C: C is A's too
            k = KindInfo(prev_k.kind, prev_k.cue, n.start, prev_k.sign)
        if not subject and prev_sent == s_start and out:
            if joined:  # 分别增长5%和7%, 从A增长到B: the previous figure's subject
                subject, borrowed = out[-1].subject, True
            elif prev_subject and _cues().plan_figure.search(text[floor : n.start].strip()):
                if out[-1].kind == k.kind:  # 完成年计划520亿元: the plan of the same thing
                    subject, borrowed = prev_subject, True
        if k.kind == "amount":
            subject = programme_effect(text, subject, floor, s_start, n.start)
        subject = elliptic_subject(text, subject, k.kind, f.unit, n.start)  # 事故起数 after 生产安全事故
        if prev_sent == s_start and out:
            subject = _flow_of_whole(text, floor, subject, prev_subject)
            if k.kind == "amount":
                subject = _project_investment(subject, out[-1])
            if k.kind == "growth" and not borrowed:
                subject = _measure_of_previous(text, out[-1], n.start, subject)
            if k.kind == "count":
                subject = _above_amount(text, out[-1], n.start, subject)
            if not borrowed and k.kind == out[-1].kind:
                subject = _flow_of_list(text, out[-1], n.start, subject)
        scope = scope_of(text, seg_start, k.cue_start, ctx.owner, places)
        comparison = comparison_of(text[floor : n.start])
        if borrowed and prev_sent == s_start:
            scope = scope or prev_found.scope
            comparison = comparison or (prev_found.comparison if joined else None)
        if comparison and subject and comparison not in subject:
            subject = subject + comparison
        # 分别达6.9万元、3.4万元，增长4.2%、5.3%: a growth of a 分别 list is one as well
        respectively = "分别" in text[floor : n.start] or (
            (joined or (borrowed and prev_sent == s_start)) and prev_found.respectively
        )
        described = _cues().described.match(text, f.end) is not None
        increment = (increment_of(text[floor : n.start], k.kind) and not noun_after(ctx, f, subject)) or (
            joined and prev_found.increment
        )  # 标准提高30元: a change; 新建提升310公里农村公路: the roads upgraded
        span_base = k.kind == "growth" and (
            _cues().span_base.search(text, floor, n.start) is not None
            or _cumulative_span(period, p_rule)
            or (joined and prev_found.span_base)
            or (".." not in (period or "") and _cues().cumulative.search(text, floor, k.cue_start) is not None)
        )
        averaged = (k.kind in ("amount", "count", "quantity") and ".." in (period or "")
                    and _cues().annual_average.search(text, floor, n.start) is not None)  # fmt: skip
        threshold = _cues().milestone.search(text, max(floor, n.start - 4), n.start) is not None or (
            prev_found.threshold and prev_sent == s_start and _LIST_JOINER.fullmatch(text, prev_end, n.start) is not None
        )  # 分别突破9千亿元、3万亿元: both thresholds
        found.append(Found(joined, respectively, scope, comparison, described, continues, increment,
                           span_base, averaged, threshold, decision.start_value and period is None))  # fmt: skip
        prev_found = found[-1]
        out.append(
            Indicator(
                id=f"i{len(out) + 1}",
                subject=subject,
                text=a.text[n.start : f.end],  # as written (text may be a simplified view)
                span=(n.start, f.end),
                sentence_span=(s_start, s_end),
                section=sid,
                value=n.value,
                unit=f.unit,
                unit_inferred=f.unit_inferred,
                normalized=_normalized(f, k),
                kind=k.kind,
                qualifier=qualifier,
                status=decision.status,
                period=period,
                entity=mentions.holding(text, f),
                source=f.source,
                rules={"status": decision.cue.rule, "period": p_rule, "qualifier": q_rule},
            )
        )
        prev_end, prev_sent, prev_k = f.end, s_start, k
        prev_noun_end = counted_end(ctx, f, subject) if k.kind == "count" else f.end
        if k.kind != "share" and subject:
            prev_subject = subject  # 从A增至B，超过1万美元，年均增长5.4%: all about A
    return assign_keys(distribute(out, found), found)


def _normalized(f: Figure, k: KindInfo) -> Normalized:
    n = f.num
    return Normalized(
        value=_round(n.value * f.norm_factor * k.sign),
        unit=f.norm_unit,
        max=_round(n.high * f.norm_factor * k.sign) if n.high is not None else None,
    )


def _round(x: float) -> float:
    """Drop binary noise from scaled decimals (1.58 × 1e8)."""
    return float(f"{x:.10g}")


class _Mentions:
    """Entity mentions sorted by start, to find the one holding a figure without a scan."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        flat = [
            (m.span[0], m.span[1], order, e.canonical)
            for order, (e, m) in enumerate((e, m) for e in entities for m in e.mentions)
        ]
        flat.sort()
        self._items = flat
        self._starts = [x[0] for x in flat]

    def holding(self, text: str, f: Figure) -> str | None:
        return entity_for(self, text, f)


def entity_for(mentions: _Mentions, text: str, f: Figure) -> str | None:
    """The entity whose mention holds the figure (年产15万樘…项目), else the one named right
    after ``的`` (投资2亿元的X项目); the first in entity order when several do."""
    s, e = f.num.start, f.end
    lo = bisect.bisect_left(mentions._starts, s - _MENTION_REACH)
    hi = bisect.bisect_right(mentions._starts, s)
    holding = [x for x in mentions._items[lo:hi] if x[1] >= e]
    if holding:
        return min(holding, key=lambda x: x[2])[3]
    if text[e : e + 1] == "的":
        lo = bisect.bisect_left(mentions._starts, e + 1)
        hi = bisect.bisect_right(mentions._starts, e + 2)
        after = mentions._items[lo:hi]
        if after:
            return min(after, key=lambda x: x[2])[3]
    return None
