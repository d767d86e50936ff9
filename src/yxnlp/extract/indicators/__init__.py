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
- key — :func:`yxnlp.taxonomy.map_keys` over the subjects;
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
from typing import TYPE_CHECKING

from yxnlp import resources, taxonomy
from yxnlp.extract.indicators.context import Context, alt, build_context, clause_start
from yxnlp.extract.indicators.kind import KindInfo, kind_of
from yxnlp.extract.indicators.period import period_of
from yxnlp.extract.indicators.qualifier import qualifier_of
from yxnlp.extract.indicators.status import decide
from yxnlp.extract.indicators.subject import subject_of
from yxnlp.extract.indicators.units import Figure, resolve
from yxnlp.extract.numbers import find_numbers
from yxnlp.record import Entity, Indicator, Normalized

if TYPE_CHECKING:
    from yxnlp.analysis import Analysis

__all__ = ["entity_for", "extract_indicators"]

_LIST_JOINERS = frozenset({"和", "、", "及", "与", "，", ","})
_MENTION_REACH = 64  # no mention that holds a figure starts further back than this


@functools.cache
def _skip_heading() -> re.Pattern[str]:
    return re.compile(alt(resources.indicator_cues().skip_section_headings))


def _skipped(ctx: Context, sid: str | None) -> bool:
    """The figure's section is one whose figures are not indicators (党建 …)."""
    if sid not in ctx.skip:
        ctx.skip[sid] = any(_skip_heading().search(x.heading) for x in ctx.ancestors(sid))
    return ctx.skip[sid]


def extract_indicators(a: Analysis, *, entities: Sequence[Entity]) -> list[Indicator]:
    """Every figure in the report that states a measurable fact, in text order."""
    ctx = build_context(a, a.parts)
    text = ctx.text
    mentions = _Mentions(entities)
    out: list[Indicator] = []
    prev_end, prev_sent, prev_subject = -1, -1, None
    prev_k: KindInfo | None = None
    for n in find_numbers(text):
        s_start, s_end, sid = ctx.sentence_of(n.start)
        if _skipped(ctx, sid):
            continue
        floor = clause_start(text, n.start, s_start)
        f = resolve(text, n, text[floor : n.start])
        if f is None:
            continue
        if s_start != prev_sent:
            prev_subject = None
        seg_start = max(floor, prev_end) if prev_sent == s_start else floor
        k = kind_of(text, f, floor, s_start)
        if k.cue_start < seg_start:  # the growth cue stands in an earlier clause
            seg_start = clause_start(text, k.cue_start, s_start)
        qualifier, q_rule = qualifier_of(text, f, floor)
        # 分别增长5%和7% / 分别超98.5%和99%: the second figure shares the first one's reading
        joined = (
            prev_k is not None
            and prev_sent == s_start
            and text[prev_end : n.start] in _LIST_JOINERS
            and out[-1].unit == f.unit
        )
        if joined and prev_k is not None:
            if k.kind == "percent":
                k = KindInfo(prev_k.kind, prev_k.cue, n.start, prev_k.sign)
            if qualifier == "exact":
                qualifier, q_rule = out[-1].qualifier, "qualifier:shared"
        secs = ctx.ancestors(sid)
        decision = decide(ctx, f, k.kind, secs, floor)
        period, p_rule = period_of(ctx, f.num.start, decision, secs)
        subject = subject_of(ctx, f, k, seg_start, prev_subject)
        if joined and not subject:
            subject = prev_subject
        out.append(
            Indicator(
                id=f"i{len(out) + 1}",
                subject=subject,
                text=text[n.start : f.end],
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
        if k.kind != "share":
            prev_subject = subject
    keys = taxonomy.map_keys([(i.subject, i.kind) for i in out])
    for i, (key, src) in zip(out, keys, strict=True):  # this function's own new objects
        i.key, i.key_source = key, src
    return out


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
