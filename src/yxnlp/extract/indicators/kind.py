"""Kind of a percentage: a growth (同比增长6%, 下降2%), a share (占比30%) or a plain percent.

Other kinds come with the unit (:mod:`.units`). Rules are ``data/indicator_cues.json``: growth
cues and their gap to the figure, decline words, share cues, a growth named as a target
(经济增长预期目标为7%) and a level held in a later clause (…涨幅回落，力争控制在3%左右).

>>> from yxnlp.extract.numbers import find_numbers
>>> from yxnlp.extract.indicators.units import resolve
>>> text = "工业增加值同比下降2.5%，占比30%"
>>> [(k.kind, k.cue, k.sign) for n in find_numbers(text) if (f := resolve(text, n, "")) for k in [kind_of(text, f, text.rfind("，", 0, n.start) + 1, 0)]]
[('growth', '同比', -1.0), ('share', None, 1.0)]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from yxnlp import resources
from yxnlp.extract.indicators.context import alt, clause_start
from yxnlp.extract.indicators.units import Figure
from yxnlp.record import Kind


class KindInfo(NamedTuple):
    kind: Kind
    cue: str | None  # the growth cue as written
    cue_start: int  # where the subject phrase ends
    sign: float


@dataclass(frozen=True)
class _Rules:
    growth_re: re.Pattern[str]
    growth_target_re: re.Pattern[str]
    not_a_growth_gap: re.Pattern[str]
    hold_clause: re.Pattern[str]
    growth_names: re.Pattern[str]
    decline: frozenset[str]
    level_after: re.Pattern[str]
    share_re: re.Pattern[str]
    share_of_plan: re.Pattern[str]


@functools.cache
def _rules() -> _Rules:
    c = resources.indicator_cues()
    return _Rules(
        growth_re=re.compile(
            rf"(?P<cue>{alt(c.growth)})(?P<gap>[^，,；;。：:、0-9０-９]{{0,{c.growth_gap}}})$"
        ),
        growth_target_re=re.compile(rf"(?P<cue>{alt(c.growth)})(?P<gap>{c.growth_target_gap})$"),
        not_a_growth_gap=re.compile(c.not_a_growth_gap),
        hold_clause=re.compile(c.hold_clause),
        growth_names=re.compile(c.growth_names),
        decline=frozenset(c.decline),
        level_after=re.compile(c.level_after_cue),
        share_re=re.compile("|".join(c.share)),
        share_of_plan=re.compile(c.share_of_plan),
    )


def kind_of(text: str, f: Figure, clause: int, sent_start: int) -> KindInfo:
    """The kind of figure ``f`` whose clause starts at ``clause``."""
    r = _rules()
    s = f.num.start
    if f.kind != "percent":
        return KindInfo(f.kind, None, s, 1.0)  # type: ignore[arg-type]
    window = text[clause:s]
    g = r.growth_re.search(window)
    if g and r.not_a_growth_gap.search(g.group("gap")):
        g = None  # 对经济增长贡献率35.1%: a rate of its own
    share = r.share_re.search(window)
    if share and r.share_of_plan.search(window):
        share = None  # 占年度计划的95%: a completion rate    if g and share and share.start() >= g.end("cue"):
        g = None  # 增加值占比8%: the figure is a share
    if g and not r.level_after.match(g.group("gap")):
        cue = g.group("cue")
        said = cue + g.group("gap")
        if said.endswith(("到", "至")):
            said = cue  # 涨幅回落到2.6%: the growth reached, not a fall
        sign = -1.0 if any(w in said for w in r.decline) else 1.0
        return KindInfo("growth", cue, clause + g.start(), sign)
    if g is None and not share:  # 经济增长预期目标为7%: the growth named as a target
        t = r.growth_target_re.search(text, max(sent_start, s - 40), s)
        if t:
            sign = -1.0 if t.group("cue") in r.decline else 1.0
            return KindInfo("growth", t.group("cue"), t.start(), sign)
        held = _held_growth(text, clause, s, sent_start)
        if held:
            return held
    if share:
        return KindInfo("share", None, s, 1.0)
    return KindInfo("percent", None, s, 1.0)


def _held_growth(text: str, clause: int, s: int, sent_start: int) -> KindInfo | None:
    """确保物价上涨幅度比去年明显回落，力争控制在百分之十五左右: the growth of the clause before."""
    r = _rules()
    if clause <= sent_start or not r.hold_clause.fullmatch(text, clause, s):
        return None
    prev = clause_start(text, clause - 1, sent_start)
    g = r.growth_names.search(text, prev, clause - 1)
    if g is None:
        return None
    sign = -1.0 if g.group() in r.decline else 1.0
    return KindInfo("growth", g.group(), g.start(), sign)
