"""Numeric indicators: every figure with a unit becomes a typed, normalised fact.

Rules are data (``data/units.json``, ``qualifiers.json``, ``status_cues.json``,
``indicator_cues.json``); this module applies them to each figure that
:func:`yxnlp.extract.numbers.find_numbers` finds in the furniture-masked text:

unit → kind and normalised value; qualifier (range, 余, 以上, 约 …); status (预计, 力争/目标,
plan sections, future years, completion rates); period (explicit years, 1-11月, 年均 over a
five-year plan, the section's year); subject (the short phrase before the figure, cut from the
segmenter's tokens); key (:mod:`yxnlp.taxonomy`); entity (a company or project mention that
holds the figure).

Conventions: ``text`` is the figure with its embedded 余 and its unit as written (约/超 and
以上/以下 go to ``qualifier``; ``百分之六`` and spaced digits ``8 ％`` are kept as written);
``value`` is the figure as written, always positive (下降2.0% → 2.0), and ``normalized.value``
the comparable value in the normalised unit, negative for a decline (下降2.0% → −2.0). A key
names what is measured, not its direction, so a ``*_reduction`` key (energy intensity) holds
negative values for a fall; a level reached (涨幅回落到2.6%) is not a decline (2.6). A unit the
source dropped is inferred only by a data rule and flagged ``unit_inferred``; ``source`` names
the rule.

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
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from yxnlp import taxonomy
from yxnlp.extract.numbers import NumberMatch, find_numbers
from yxnlp.record import Entity, Indicator, Kind, Normalized, Qualifier, Section, Status

if TYPE_CHECKING:
    from yxnlp.pipeline import Analysis

_CLAUSE_END = set("，,；;：:。！？!?\n")
_FROM_END = re.compile(r"[到至，,；;]")
_PARA_BREAK = re.compile(r"\n|[ \t\u3000]{2,}")  # also the indents of flattened paragraphs
_PARA_MAX = 400  # a past-year cue reaches at most this far back
_LIST_JOINERS = frozenset({"和", "、", "及", "与", "，", ","})
_JUNK = re.compile(r"[\d.．,％%]+|\d{4}年?|[一二三四五六七八九十]{1,2}是|如|即")
_PUNCT = re.compile(r"[，,；;：:。！？!?、\s“”\"'()（）《》]")


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resources.files("yxnlp.data").joinpath(name).read_text("utf-8")
    )
    return data


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Unit:
    unit: str
    kind: str
    normalized: str
    factor: float
    ascii: bool = False


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
    prefix: tuple[tuple[re.Pattern[str], str], ...]
    prefix_window: int
    suffix: tuple[tuple[re.Pattern[str], str], ...]
    growth_re: re.Pattern[str]
    growth_target_re: re.Pattern[str]
    hold_clause: re.Pattern[str]
    growth_names: re.Pattern[str]
    decline: frozenset[str]
    level_after: re.Pattern[str]
    share_re: re.Pattern[str]
    skip_heading: re.Pattern[str]
    strip_start: frozenset[str]
    strip_end: frozenset[str]
    subject_max: int
    subject_tail: re.Pattern[str]
    counted_stop: frozenset[str]
    counted_keep: frozenset[str]
    counted_max: int
    status_re: re.Pattern[str]
    gov_this_year: re.Pattern[str]
    target_clause_re: re.Pattern[str]
    subject_drop: frozenset[str]
    progress_re: re.Pattern[str]
    capacity_re: re.Pattern[str]
    attr_before: re.Pattern[str]
    attr_after: re.Pattern[str]
    plan_heading: re.Pattern[str]
    summary_heading: re.Pattern[str]
    plan_lead: str
    plan_line: str
    plan_inline: str
    months_range: re.Pattern[str]
    year_re: re.Pattern[str]
    year_ignore_before: re.Pattern[str]
    year_ignore_after: re.Pattern[str]
    annual: re.Pattern[str]
    fyp_re: re.Pattern[str]
    fyp_period: re.Pattern[str]
    fyp: dict[str, tuple[int, int]]
    this_year: re.Pattern[str]
    last_year: re.Pattern[str]
    next_five: re.Pattern[str]
    last_year_in_plan: re.Pattern[str]
    last_year_lead: re.Pattern[str]
    year_lead: str


@functools.cache
def _rules() -> _Rules:
    u, q, s, c = (
        _load(n)
        for n in ("units.json", "qualifiers.json", "status_cues.json", "indicator_cues.json")
    )
    units = {x["unit"]: Unit(x["unit"], x["kind"], x["normalized"], float(x["factor"]),
                             bool(x.get("ascii", False))) for x in u["units"]}  # fmt: skip
    unit_alts = "|".join(
        re.escape(k) + ("(?![A-Za-z])" if units[k].ascii else "")
        for k in sorted(units, key=len, reverse=True)
    )
    status_alts = "|".join(
        f"(?P<{name}_{i}>{pat})" for name in ("estimate", "target") for i, pat in enumerate(s[name])
    )
    return _Rules(
        units=units,
        unit_re=re.compile(unit_alts),
        non_unit_re=re.compile(_alt([re.escape(w) for w in u["non_units"]])),
        cn_units=frozenset(u["cn_numeral_units"]),
        money_cue=re.compile(_alt(u["bare_scale_money_cues"])),
        people_cue=re.compile(_alt(u["bare_scale_people_cues"])),
        inferred=dict(u["inferred_measure_words"]),
        inferred_re=re.compile(
            rf"[\u4e00-\u9fff]{{0,{u['inferred_max_gap']}}}?(?P<head>{_alt(list(u['inferred_measure_words']))})"
        ),
        money_total_re=re.compile(f"(?:{_alt(u['money_total_words'])})$"),
        money_clause_re=re.compile(_alt(u["money_clause_cues"])),
        inferred_money_unit=u["inferred_money_unit"],
        prefix=tuple((re.compile(f"{p['pattern']}的?$"), p["qualifier"]) for p in q["prefix"]),
        prefix_window=int(q["prefix_window"]),
        suffix=tuple((re.compile(p["pattern"]), p["qualifier"]) for p in q["suffix"]),
        growth_re=re.compile(
            rf"(?P<cue>{_alt(c['growth'])})(?P<gap>[^，,；;。：:、0-9０-９]{{0,{c['growth_gap']}}})$"
        ),
        growth_target_re=re.compile(
            rf"(?P<cue>{_alt(c['growth'])})(?P<gap>{c['growth_target_gap']})$"
        ),
        hold_clause=re.compile(c["hold_clause"]),
        growth_names=re.compile(c["growth_names"]),
        decline=frozenset(c["decline"]),
        level_after=re.compile(c["level_after_cue"]),
        share_re=re.compile("|".join(c["share"])),
        skip_heading=re.compile(_alt(c["skip_section_headings"])),
        strip_start=frozenset(c["subject_strip_start"]),
        strip_end=frozenset(c["subject_strip_end"]),
        subject_max=int(c["subject_max_chars"]),
        subject_tail=re.compile(c["subject_tail"]),
        counted_stop=frozenset(c["counted_stop"]),
        counted_keep=frozenset(c["counted_keep_verbs"]),
        counted_max=int(c["counted_max_chars"]),
        status_re=re.compile(status_alts),
        gov_this_year=re.compile(s["gov_this_year_target"]),
        target_clause_re=re.compile("|".join(s["target_clause"])),
        subject_drop=frozenset(c["subject_drop"]),
        progress_re=re.compile("|".join(s["progress"])),
        capacity_re=re.compile(s["capacity"]),
        attr_before=re.compile(s["attribute_before"]),
        attr_after=re.compile(s["attribute_after"]),
        plan_heading=re.compile(_alt(s["plan_section_headings"])),
        summary_heading=re.compile(_alt(s["summary_section_headings"])),
        plan_lead=s["plan_lead"],
        plan_line=s["plan_heading_line"],
        plan_inline=s["plan_heading_inline"],
        months_range=re.compile(s["months_range"]),
        year_re=re.compile(s["year"]),
        year_ignore_before=re.compile(s["year_ignore_before"]),
        year_ignore_after=re.compile(s["year_ignore_after"]),
        annual=re.compile(s["annual_average"]),
        fyp_re=re.compile(_alt(list(s["five_year_plans"]))),
        fyp_period=re.compile(
            f"(?P<fyp>{_alt(list(s['five_year_plans']))})”?(?:{s['fyp_span_words']})"
        ),
        fyp={k: (int(v[0]), int(v[1])) for k, v in s["five_year_plans"].items()},
        this_year=re.compile(s["this_year"]),
        last_year=re.compile(s["last_year"]),
        next_five=re.compile(s["next_five_years"]),
        last_year_in_plan=re.compile(s["last_year_in_plan"]),
        last_year_lead=re.compile(s["last_year_lead"]),
        year_lead=s["year_lead"],
    )


# --------------------------------------------------------------------------- context


@dataclass
class _Doc:
    """Per-report context computed once: years, sentence bounds, section roles."""

    text: str
    summary_year: int | None
    plan_year: int | None
    gov_report: bool
    sections: dict[str, Section]
    sent_starts: list[int]
    sentences: list[tuple[int, int, str | None]]
    full_bounds: list[int]  # ends of full sentences (。！？ or line breaks)
    plan_regions: list[tuple[int, int]] = field(default_factory=list)
    year_leads: list[int] = field(default_factory=list)  # paragraphs opening with 今年/<plan>年
    tok_starts: list[int] = field(default_factory=list)  # token offsets (segmenter's cuts)
    skip: dict[str | None, bool] = field(default_factory=dict)  # per section id


_TITLE_YEARS = re.compile(r"((?:19|20)\d{2})年(?:度)?([^\d\n]{0,12})")


def report_years(title: str | None) -> tuple[int | None, int | None, bool]:
    """``(summary_year, plan_year, is_government_work_report)`` read from a title.

    >>> report_years("绵阳市某区工信局2021年工作总结和2022年工作计划")
    (2021, 2022, False)
    >>> report_years("2025年政府工作报告")
    (2024, 2025, True)
    """
    if not title:
        return None, None, False
    summary = plan = None
    gov = "政府工作报告" in title
    for m in _TITLE_YEARS.finditer(title):
        y, after = int(m.group(1)), m.group(2)
        if gov and plan is None:
            plan, summary = y, y - 1
        elif re.match(r"(?:工作)?(?:计划|要点|安排|打算|思路)", after):
            plan = y
        elif summary is None:
            summary = y
    if summary is not None and plan is None and not gov:
        plan = summary + 1
    if plan is not None and summary is None:
        summary = plan - 1
    return summary, plan, gov


def _context(a: Analysis) -> _Doc:
    r = _rules()
    summary, plan, gov = report_years(a.meta.title)
    summary = a.meta.summary_year or summary
    plan = a.meta.plan_year or plan
    text = a.masked
    full = sorted({m.end() for m in re.finditer(r"[。！？!?]+|\n", text)} | {len(text)})
    doc = _Doc(
        text=text,
        summary_year=summary,
        plan_year=plan,
        gov_report=gov,
        sections={s.id: s for s in a.sections},
        sent_starts=[s.span[0] for s in a.sentences],
        sentences=[(s.span[0], s.span[1], s.section) for s in a.sentences],
        full_bounds=full,
        tok_starts=_token_starts(a, len(text)),
    )
    if plan is not None:
        lead = re.compile(r.year_lead.replace("{year}", str(plan)))
        doc.year_leads = [m.end() for m in lead.finditer(text)]
        tops = [s for s in a.sections if s.level == 1]
        for m in re.finditer(r.plan_lead.replace("{year}", str(plan)), text):
            end = next((s.span[1] for s in tops if s.span[0] <= m.start() < s.span[1]), len(text))
            doc.plan_regions.append((m.start(), end))
        inline = re.search(r.plan_inline.replace("{year}", str(plan)), text)
        if inline:
            doc.plan_regions.append((inline.start(), len(text)))
        title_end = text.find("\n", len(text) - len(text.lstrip()))
        for line in re.finditer(r.plan_line.replace("{year}", str(plan)), text):
            said = line.group()
            if (
                line.start() > title_end
                and not r.summary_heading.search(said)
                and "报告" not in said
            ):
                doc.plan_regions.append((line.start(), len(text)))
                break
    return doc


def _token_starts(a: Analysis, end: int) -> list[int]:
    """Source offsets of the segmenter's tokens, then ``end`` (one numpy call, not a loop)."""
    starts = cast("list[int]", a.doc.to_array("IDX").tolist())
    return [*starts, end]


def _ancestors(doc: _Doc, sid: str | None) -> list[Section]:
    out: list[Section] = []
    while sid is not None and sid in doc.sections:
        out.append(doc.sections[sid])
        sid = doc.sections[sid].parent
    return out


def _is_plan(doc: _Doc, secs: list[Section], pos: int) -> bool:
    r = _rules()
    heads = [  # 一、1998年工作回顾和1999年工作的总体要求 names both parts: it decides nothing
        s.heading
        for s in secs
        if not (r.plan_heading.search(s.heading) and r.summary_heading.search(s.heading))
    ]
    if any(r.plan_heading.search(h) for h in heads):
        return True
    opened = min((x.span[0] for x in secs), default=0)
    if any(opened <= s <= pos < e for s, e in doc.plan_regions):
        return True  # the plan part opens inside this section (an unnumbered heading)
    if any(r.summary_heading.search(h) for h in heads):
        return False
    if doc.plan_year and any(f"{doc.plan_year}年" in h for h in heads):
        return True
    if doc.summary_year and any(f"{doc.summary_year}年" in h for h in heads):
        return False
    return any(s <= pos < e for s, e in doc.plan_regions)


def _full_sentence(doc: _Doc, pos: int) -> tuple[int, int]:
    """The full sentence around ``pos``, extended back over a colon lead-in."""
    i = bisect.bisect_right(doc.full_bounds, pos)
    start = doc.full_bounds[i - 1] if i > 0 else 0
    end = doc.full_bounds[i] if i < len(doc.full_bounds) else len(doc.text)
    k = start - 1
    while k >= 0 and doc.text[k].isspace():
        k -= 1
    if k >= 0 and doc.text[k] in "：:":
        j = bisect.bisect_right(doc.full_bounds, k)
        start = doc.full_bounds[j - 1] if j > 0 else 0
    return start, end


def _clause_start(text: str, pos: int, floor: int) -> int:
    i = pos - 1
    while i >= floor and text[i] not in _CLAUSE_END and pos - i < 80:
        i -= 1
    return i + 1


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class _Figure:
    """A figure with its unit resolved: what will become an indicator."""

    num: NumberMatch
    end: int  # end of figure + unit (the indicator's span end)
    unit: str | None
    unit_inferred: bool
    base: Unit | None
    norm_unit: str | None
    norm_factor: float
    kind: str
    source: str


def _is_year(n: NumberMatch) -> bool:
    digits = n.text.replace(" ", "")
    return not n.chinese and n.value.is_integer() and 1900 <= n.value <= 2100 and len(digits) == 4


def _resolve(text: str, n: NumberMatch, clause: str) -> _Figure | None:
    """Attach a unit to a figure, or decide it is not an indicator."""
    r = _rules()
    pos = n.end
    if n.spaced and text[pos : pos + 1] == " ":
        pos += 1  # 8 ％: spaced digits keep a space before the unit
    if n.percent:  # 百分之六: the unit is written before the figure
        u = r.units["%"]
        return _Figure(n, pos, "百分之", False, u, u.normalized, u.factor, u.kind, "rule:percent")
    if r.non_unit_re.match(text, pos):
        return None
    m = r.unit_re.match(text, pos)
    if n.chinese:
        if not m or m.group() not in r.cn_units or (n.value < 2 and not n.scale):
            return None
    if m:
        u = r.units[m.group()]
        if u.kind == "percent" and n.scale:
            return None
        unit = (n.scale or "") + u.unit
        src = {"amount": "money", "percent": "percent"}.get(u.kind, u.kind)
        return _Figure(n, m.end(), unit, False, u, u.normalized, n.factor * u.factor, u.kind,
                       f"rule:{src}")  # fmt: skip
    if n.scale:
        if r.money_cue.search(clause):
            return _Figure(n, pos, n.scale, False, None, "CNY", n.factor, "amount", "rule:money")
        if r.people_cue.search(clause):
            return _Figure(n, pos, n.scale, False, None, "count", n.factor, "count", "rule:count")
        return None
    if _is_year(n) or n.high is not None:
        return None
    head = r.inferred_re.match(text, pos)
    if head and not _PUNCT.search(head.group()):
        word = r.inferred[head.group("head")]
        return _Figure(n, pos, word, True, None, "count", 1.0, "count", "rule:count-inferred")
    after = text[pos : pos + 1]
    if (not after or after in _CLAUSE_END or after.isspace()) and r.money_total_re.search(clause):
        if r.money_clause_re.search(clause):
            unit = r.inferred_money_unit
            factor = 1e4 if unit.startswith("万") else 1e8 if unit.startswith("亿") else 1.0
            return _Figure(n, pos, unit, True, None, "CNY", factor, "amount", "rule:money-inferred")
    return None


# --------------------------------------------------------------------------- meaning


def _qualifier(text: str, f: _Figure, floor: int) -> Qualifier:
    r = _rules()
    if f.num.high is not None:
        return "range"
    if f.num.more:
        return "more_than"
    tail = text[f.end : f.end + 3]
    for rx, qual in r.suffix:
        if rx.match(tail):
            return qual  # type: ignore[return-value]
    head = text[max(floor, f.num.start - r.prefix_window) : f.num.start]
    for rx, qual in r.prefix:
        if rx.search(head):
            return qual  # type: ignore[return-value]
    return "exact"


@dataclass(frozen=True)
class _KindInfo:
    kind: Kind
    cue: str | None  # the growth cue as written
    cue_start: int  # where the subject phrase ends
    sign: float


def _kind(text: str, f: _Figure, clause_start: int, sent_start: int) -> _KindInfo:
    r = _rules()
    s = f.num.start
    if f.kind != "percent":
        return _KindInfo(f.kind, None, s, 1.0)  # type: ignore[arg-type]
    window = text[clause_start:s]
    g = r.growth_re.search(window)
    share = r.share_re.search(window)
    if g and share and share.start() >= g.end("cue"):
        g = None  # 增加值占比8%: the figure is a share
    if g and not r.level_after.match(g.group("gap")):
        cue = g.group("cue")
        said = cue + g.group("gap")
        if said.endswith(("到", "至")):
            said = cue  # 涨幅回落到2.6%: the growth reached, not a fall
        sign = -1.0 if any(w in said for w in r.decline) else 1.0
        return _KindInfo("growth", cue, clause_start + g.start(), sign)
    if g is None and not share:  # 经济增长预期目标为7%: the growth named as a target
        t = r.growth_target_re.search(text, max(sent_start, s - 40), s)
        if t:
            sign = -1.0 if t.group("cue") in r.decline else 1.0
            return _KindInfo("growth", t.group("cue"), t.start(), sign)
        held = _held_growth(text, clause_start, s, sent_start)
        if held:
            return held
    if share:
        return _KindInfo("share", None, s, 1.0)
    return _KindInfo("percent", None, s, 1.0)


def _held_growth(text: str, clause_start: int, s: int, sent_start: int) -> _KindInfo | None:
    """确保物价上涨幅度比去年明显回落，力争控制在百分之十五左右: the growth of the clause before."""
    r = _rules()
    if clause_start <= sent_start or not r.hold_clause.fullmatch(text, clause_start, s):
        return None
    prev = _clause_start(text, clause_start - 1, sent_start)
    g = r.growth_names.search(text, prev, clause_start - 1)
    if g is None:
        return None
    sign = -1.0 if g.group() == "降幅" else 1.0
    return _KindInfo("growth", g.group(), g.start(), sign)


def _years_before(doc: _Doc, start: int, pos: int) -> list[tuple[int, int]]:
    """``(position, year)`` of years written in ``text[start:pos]`` that date a fact."""
    r = _rules()
    text = doc.text
    out: list[tuple[int, int]] = []
    for m in r.year_re.finditer(text, start, pos):
        if r.year_ignore_before.search(text, max(0, m.start() - 1), m.start()):
            continue
        if r.year_ignore_after.match(text, m.end()):
            continue
        if text.count("《", start, m.start()) > text.count("》", start, m.start()):
            continue
        if text[m.start() - 1 : m.start()] == "从" and _FROM_END.search(text, m.end(), pos):
            continue  # 从2017年的X提高到Y: the year dates X only
        out.append((m.start(), int(m.group("y"))))
    return out


@dataclass(frozen=True)
class _Meaning:
    status: Status
    period: str | None


def _status_period(
    doc: _Doc, f: _Figure, kind: Kind, secs: list[Section], clause_start: int
) -> _Meaning:
    r = _rules()
    text, s = doc.text, f.num.start
    before = text[max(0, s - 12) : s]
    if r.capacity_re.search(before):
        return _Meaning("target", None)
    if r.attr_before.search(before) and r.attr_after.match(text, f.end):
        return _Meaning("actual", None)
    scope_start, _ = _full_sentence(doc, s)
    plan = _is_plan(doc, secs, s)
    section_year = doc.plan_year if plan else doc.summary_year
    years = _years_before(doc, scope_start, s)

    # status: the nearest cue before the figure wins; plan sections default to target
    status: Status = "target" if plan else "actual"
    best = -1
    for m in r.status_re.finditer(text, scope_start, s):
        if m.end() > best:
            best = m.end()
            name = next(k for k, v in m.groupdict().items() if v is not None)
            status = "estimate" if name.startswith("estimate") else "target"
    clause_cue = _last(r.target_clause_re, text, clause_start, s)
    if clause_cue and clause_cue.end() > best:
        best, status = clause_cue.end(), "target"
    brk = _last(_PARA_BREAK, text, max(0, s - _PARA_MAX), s)
    para_start = brk.end() if brk else max(0, s - _PARA_MAX)
    floor = min(para_start, scope_start)
    this_year = False
    if doc.gov_report and status == "actual":  # 今年 of a 政府工作报告 is still to come
        # in the sentence, or opening the paragraph (今年计划要求，…。…增长百分之五)
        lead = r.gov_this_year.match(text, para_start) if para_start < scope_start else None
        this = _last(r.gov_this_year, text, scope_start, s) or lead
        if this and this.end() > best:
            best, status, this_year = this.end(), "target", True
    ref = doc.summary_year
    for p, y in years:
        if ref is not None and y > ref and p > best and not plan:
            best, status = p, "target"
        elif this_year and ref is not None and y <= ref and p > best:
            best, status, this_year = p, "actual", False  # 今年…。1979年比上年增长14.9%
    past = _last(r.last_year_in_plan if plan else r.last_year, text, floor, s)
    if plan and past is None:
        past = r.last_year_lead.match(text, scope_start)
        if past and r.gov_this_year.search(text, past.end(), s):
            past = None  # 去年…，今年…: the figure is this year's
    if past and past.end() > best and (not years or past.start() > years[-1][0]):
        status, best = "actual", past.end()
    else:
        past = None
    if status != "estimate" and kind in ("percent",):
        window = text[clause_start:s]
        if r.progress_re.search(window):
            status = "progress"
    if status == "target" and doc.gov_report and not this_year and not years:
        earlier = _last(r.last_year, text, scope_start, s)
        if earlier and earlier.end() <= best:  # 去年…提出，要把…控制在: last year's target
            past = earlier
    if past is not None:
        current = doc.plan_year if doc.gov_report else section_year
        return _Meaning(status, str(current - 1) if current is not None else None)
    if status == "target" and doc.gov_report and (this_year or not years):
        section_year = doc.plan_year  # a 政府工作报告 sets targets for the year it plans
    return _Meaning(status, _period(doc, s, scope_start, years, section_year, secs))


def _last(
    rx: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> re.Match[str] | None:
    """The last match of ``rx`` in ``text[start:end]``."""
    found = None
    for found in rx.finditer(text, start, len(text) if end is None else end):  # noqa: B007
        pass
    return found


def _annual_period(doc: _Doc, scope: str, year: int | None, secs: list[Section]) -> str | None:
    """The span of an annual average: a five-year plan named nearby, 今后五年, or 到 <year>."""
    r = _rules()
    for where in [scope, *(x.heading for x in secs)]:
        fyp = r.fyp_re.search(where)
        if fyp:
            a, b = r.fyp[fyp.group()]
            return f"{a}..{b}"
    if year is not None:
        return f"{year - (year - 1) % 5}..{year}"
    if doc.plan_year is not None and r.next_five.search(scope):
        return f"{doc.plan_year}..{doc.plan_year + 4}"
    return None


def _period(
    doc: _Doc,
    s: int,
    scope_start: int,
    years: list[tuple[int, int]],
    section_year: int | None,
    secs: list[Section],
) -> str | None:
    r = _rules()
    text = doc.text
    scope = text[scope_start:s]
    year = years[-1][1] if years else None
    if r.annual.search(text, max(scope_start, s - 12), s):
        span = _annual_period(doc, scope, year, secs)
        if span:
            return span
    months = _last(r.months_range, scope)
    if months:
        y = year or section_year
        if y is not None:
            m1, m2 = int(months.group("m1")), int(months.group("m2"))
            if m1 < m2:
                return f"{y}-{m1:02d}..{y}-{m2:02d}"
    if year is not None:
        return str(year)
    this = _last(r.this_year, scope)
    if this and this.group() == "今年" and doc.gov_report and doc.plan_year is not None:
        return str(doc.plan_year)
    if this is None:
        span = _plan_period(doc, scope, secs, s)
        if span:
            return span
    return str(section_year) if section_year is not None else None


def _plan_period(doc: _Doc, scope: str, secs: list[Section], pos: int) -> str | None:
    """A five-year plan's span for figures under it: named in the sentence (十四五期间…) or in a
    heading of the plan now starting (“十三五”时期主要目标 in a 2016 report)."""
    r = _rules()
    m = r.fyp_period.search(scope)
    if m:
        a, b = r.fyp[m.group("fyp")]
        return f"{a}..{b}"
    for sec in secs:
        i = bisect.bisect_left(doc.year_leads, sec.span[0])
        if i < len(doc.year_leads) and doc.year_leads[i] <= pos:
            continue  # a paragraph on this year's targets came in between
        for h in r.fyp_re.finditer(sec.heading):
            a, b = r.fyp[h.group()]
            if doc.plan_year is not None and a <= doc.plan_year <= b:
                return f"{a}..{b}"
    return None


# --------------------------------------------------------------------------- subject


def _clean_tokens(doc: _Doc, start: int, end: int) -> str:
    r = _rules()
    cuts = doc.tok_starts
    i = bisect.bisect_left(cuts, start)
    words: list[str] = []
    while i + 1 < len(cuts) and cuts[i] < end:
        word = doc.text[cuts[i] : min(cuts[i + 1], end)].strip()
        if word and word not in r.subject_drop:
            words.append(word)
        i += 1
    while words and (words[0] in r.strip_start or _is_junk(words[0])):
        words.pop(0)
    while words and (words[-1] in r.strip_end or _is_junk(words[-1])):
        words.pop()
    phrase = r.subject_tail.sub("", "".join(words))
    return phrase[-r.subject_max :] if len(phrase) > r.subject_max else phrase


def _is_junk(word: str) -> bool:
    return bool(_PUNCT.fullmatch(word) or _JUNK.fullmatch(word))


def _tokens_between(doc: _Doc, start: int, end: int) -> str:
    if start >= end:
        return ""
    return _clean_tokens(doc, start, end)


def _subject(
    doc: _Doc, f: _Figure, k: _KindInfo, seg_start: int, prev_subject: str | None
) -> str | None:
    text = doc.text
    base = _tokens_between(doc, seg_start, k.cue_start)
    if (
        k.kind == "share"
        and text[seg_start : k.cue_start].lstrip().startswith("占")
        and prev_subject
    ):
        return prev_subject + "占" + base.removeprefix("占") + "比重"
    if k.kind == "growth":
        if not base and prev_subject:
            base = re.sub(r"(?:同比|年均)?(?:增速|降幅)$", "", prev_subject)
        cue = k.cue or ""
        if cue in ("增速", "涨幅", "增幅", "降幅"):
            suffix = cue
        elif cue in ("上涨幅度", "增长幅度"):
            suffix = cue[1] + "幅"
        elif k.sign < 0:
            suffix = "降幅"
        else:
            window = text[max(seg_start, k.cue_start - 4) : f.num.start]
            suffix = "年均增速" if "年均" in window else "同比增速" if "同比" in window else "增速"
        return (base + suffix) if base else None
    if k.kind == "count":
        counted = _counted(doc, f)
        raw = text[seg_start : f.num.start]
        if counted and (not base or "等" in raw or len(base) <= 4):
            return (base if base in _rules().counted_keep else "") + counted
    if base:
        return base
    # nothing before the figure in its clause: the noun phrase after it ("4亿元以上企业")
    stop = f.end
    while stop < len(text) and stop - f.end < 16 and text[stop] not in _CLAUSE_END:
        if text[stop].isdigit():
            break
        stop += 1
    after = re.sub(r"^(?:以上|以下|以内|左右|余|多)", "", text[f.end : stop])
    start = f.end + (len(text[f.end : stop]) - len(after))
    return _tokens_between(doc, start, stop) or None


def _counted(doc: _Doc, f: _Figure) -> str:
    """The noun phrase right after a count (11家|企业|协调贷款 → 企业)."""
    r = _rules()
    cuts, text = doc.tok_starts, doc.text
    i = bisect.bisect_left(cuts, f.end)
    words: list[str] = []
    size = 0
    while i + 1 < len(cuts) and cuts[i] == f.end + size:
        word = text[cuts[i] : cuts[i + 1]]
        if word != word.strip() or word in r.counted_stop or _PUNCT.search(word):
            break
        if any(ch.isdigit() for ch in word) or size + len(word) > r.counted_max:
            break
        words.append(word)
        size += len(word)
        i += 1
    return "".join(words)


# --------------------------------------------------------------------------- entity


def _entity_for(mentions: list[tuple[int, int, str]], text: str, f: _Figure) -> str | None:
    s, e = f.num.start, f.end
    for ms, me, name in mentions:
        if ms <= s and e <= me:
            return name
    if text[e : e + 1] == "的":
        for ms, _, name in mentions:
            if e + 1 <= ms <= e + 2:
                return name
    return None


# --------------------------------------------------------------------------- driver


def _sentence_of(doc: _Doc, pos: int) -> tuple[int, int, str | None]:
    i = bisect.bisect_right(doc.sent_starts, pos) - 1
    if i >= 0:
        s, e, sec = doc.sentences[i]
        if s <= pos < e:
            return s, e, sec
    a, b = _full_sentence(doc, pos)
    return a, b, None


def extract_indicators(a: Analysis, *, entities: list[Entity]) -> list[Indicator]:
    """Every figure in the report that states a measurable fact, in text order."""
    r = _rules()
    doc = _context(a)
    text = doc.text
    mentions = [(m.span[0], m.span[1], e.canonical) for e in entities for m in e.mentions]
    out: list[Indicator] = []
    prev_end, prev_sent, prev_subject = -1, -1, None
    prev_k: _KindInfo | None = None
    for n in find_numbers(text):
        s_start, s_end, sid = _sentence_of(doc, n.start)
        secs = _ancestors(doc, sid)
        if sid not in doc.skip:
            doc.skip[sid] = any(r.skip_heading.search(x.heading) for x in secs)
        if doc.skip[sid]:
            continue
        floor = _clause_start(text, n.start, s_start)
        f = _resolve(text, n, text[floor : n.start])
        if f is None:
            continue
        if s_start != prev_sent:
            prev_subject = None
        seg_start = max(floor, prev_end) if prev_sent == s_start else floor
        k = _kind(text, f, floor, s_start)
        if k.cue_start < seg_start:  # the growth cue stands in an earlier clause
            seg_start = _clause_start(text, k.cue_start, s_start)
        qualifier = _qualifier(text, f, floor)
        # 分别增长5%和7% / 分别超98.5%和99%: the second figure shares the first one's reading
        joined = (
            prev_k is not None
            and prev_sent == s_start
            and text[prev_end : n.start] in _LIST_JOINERS
            and out[-1].unit == f.unit
        )
        if joined and prev_k is not None:
            if k.kind == "percent":
                k = _KindInfo(prev_k.kind, prev_k.cue, n.start, prev_k.sign)
            if qualifier == "exact":
                qualifier = out[-1].qualifier
        meaning = _status_period(doc, f, k.kind, secs, floor)
        subject = _subject(doc, f, k, seg_start, prev_subject)
        if joined and not subject:
            subject = prev_subject
        value = n.value
        norm = Normalized(
            value=_round(value * f.norm_factor * k.sign),
            unit=f.norm_unit,
            max=_round(n.high * f.norm_factor * k.sign) if n.high is not None else None,
        )
        out.append(
            Indicator(
                id=f"i{len(out) + 1}",
                subject=subject,
                text=text[n.start : f.end],
                span=(n.start, f.end),
                sentence_span=(s_start, s_end),
                section=sid,
                value=value,
                unit=f.unit,
                unit_inferred=f.unit_inferred,
                normalized=norm,
                kind=k.kind,
                qualifier=qualifier,
                status=meaning.status,
                period=meaning.period,
                entity=_entity_for(mentions, text, f),
                source=f.source,
            )
        )
        prev_end, prev_sent, prev_k = f.end, s_start, k
        if k.kind != "share":
            prev_subject = subject
    keys = taxonomy.map_keys([(i.subject, i.kind) for i in out])
    return [
        i.model_copy(update={"key": key, "key_source": src})
        for i, (key, src) in zip(out, keys, strict=True)
    ]


def _round(x: float) -> float:
    """Drop binary noise from scaled decimals (1.58 × 1e8)."""
    return float(f"{x:.10g}")
