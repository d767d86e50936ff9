"""Subject of a figure: the short phrase that says what is measured, cut from the segmenter's
tokens before the figure (or the noun phrase after it when nothing stands before).

A growth's subject takes a suffix from its cue (增速, 涨幅, 年均增速 …); a share borrows the
previous figure's subject (…，占地区生产总值比重); a count takes the noun counted after it
(新增企业11家|企业). Rules are ``data/indicator_cues.json``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from yxnlp import resources, scan, taxonomy
from yxnlp.extract.indicators.context import CLAUSE_END, PUNCT, Context
from yxnlp.extract.indicators.kind import KindInfo
from yxnlp.extract.indicators.units import Figure
from yxnlp.resources.schemas import IndicatorCues

_JUNK = re.compile(
    r"[\d.．,％%]+|\d{4}年?|[-－—~～至]?\d{1,2}月份?|[-－—~～]|[一二][九〇零][一二三四五六七八九〇零]{2}年?|[一二三四五六七八九十]{1,2}是|如|即"
)
_AFTER_LEAD = re.compile(r"^(?:以上|以下|以内|左右|余|多)")
_SHARE_NOUNS = ("比重", "比例", "份额")
_AFTER_LEAD_WORDS = frozenset({"以上", "左右", "余", "多", "多个"})


class _Elliptic(NamedTuple):
    """One rule of ``elliptic_subjects`` (indicator_cues.json), compiled."""

    words: re.Pattern[str]  # the bare measure words, at the start of a subject
    kinds: frozenset[str]
    cue: re.Pattern[str]  # the thing, named earlier in the paragraph
    subject: str  # what the words become
    reach: int
    units: frozenset[str]  # measure words the figure must have (any, when empty)


@dataclass(frozen=True)
class _Rules:
    strip_start: frozenset[str]
    strip_end: frozenset[str]
    restart: frozenset[str]
    predicates: frozenset[str]
    bare_clause: re.Pattern[str]
    flow: re.Pattern[str]
    summed_flows: frozenset[str]
    subject_max: int
    subject_tail: scan.Guarded
    subject_drop: frozenset[str]
    counted_stop: frozenset[str]
    counted_predicates: frozenset[str]
    counted_keep: frozenset[str]
    counted_lone: frozenset[str]
    counted_max: int
    counted_code: re.Pattern[str]  # 5G, 3A: a name, not a figure
    counted_rank: tuple[str, ...]  # 世界500强: digits before it name a ranking
    counted_reach: int
    counted_separators: frozenset[str]
    growth_by_cue: dict[str, str]
    growth_decline: str
    growth_by_window: dict[str, str]
    growth_default: str
    growth_strip_previous: scan.Guarded
    rank_clause: re.Pattern[str]
    base_words: scan.Guarded
    programme_subjects: frozenset[str]
    programme_cue: re.Pattern[str]
    programme_prefix: str
    elliptic: tuple[_Elliptic, ...]


def _elliptic_rules(c: IndicatorCues) -> tuple[_Elliptic, ...]:
    g = c.growth_subject
    tails = sorted({*g.by_cue.values(), *g.by_window.values(), g.decline, g.default}, key=len, reverse=True)
    ends = f"(?=$|[、和与及]|(?:{'|'.join(tails)})$)"  # a list, or a growth suffix, may follow
    return tuple(
        _Elliptic(re.compile(f"^(?:{'|'.join(map(re.escape, e.words))}){ends}"), frozenset(e.kinds),
                  re.compile(e.cue), e.subject, e.reach, frozenset(e.units))
        for e in c.elliptic_subjects
    )  # fmt: skip


@functools.cache
def _rules() -> _Rules:
    c = resources.indicator_cues()
    g = c.growth_subject
    return _Rules(
        strip_start=frozenset(c.subject_strip_start),
        strip_end=frozenset(c.subject_strip_end),
        restart=frozenset(c.subject_restart_after),
        predicates=frozenset(c.subject_predicates),
        bare_clause=re.compile(c.bare_clause),
        flow=re.compile(resources.taxonomy().flow_verbs.removeprefix("^") + "$"),
        summed_flows=frozenset(c.summed_flows),
        subject_max=c.subject_max_chars,
        subject_tail=scan.compile(c.subject_tail),
        subject_drop=frozenset(c.subject_drop),
        counted_stop=frozenset(c.counted_stop),
        counted_predicates=frozenset(c.counted_predicates),
        counted_keep=frozenset(c.counted_keep_verbs),
        counted_lone=frozenset(c.counted_lone_verbs),
        counted_max=c.counted_max_chars,
        counted_code=re.compile(c.counted_code),
        counted_rank=tuple(c.counted_rank_after),
        counted_reach=c.counted_noun_reach,
        counted_separators=frozenset(c.counted_list_separators),
        growth_by_cue=dict(g.by_cue),
        growth_decline=g.decline,
        growth_by_window=dict(g.by_window),
        growth_default=g.default,
        growth_strip_previous=scan.compile(g.strip_previous),
        rank_clause=re.compile(c.rank_clause),
        base_words=scan.compile(c.subject_base_words),
        programme_subjects=frozenset(c.programme_effect.subjects),
        programme_cue=re.compile(c.programme_effect.cue),
        programme_prefix=c.programme_effect.prefix,
        elliptic=_elliptic_rules(c),
    )


@functools.lru_cache(maxsize=4096)
def _is_junk(word: str) -> bool:
    return bool(PUNCT.fullmatch(word) or _JUNK.fullmatch(word))


def _tokens_between(ctx: Context, start: int, end: int, *, cut_predicates: bool = False) -> str:
    """The tokens in ``[start, end)`` without function words at either end (``cut_predicates``:
    and without the first predicate verb and what follows it)."""
    if start >= end:
        return ""
    r = _rules()
    text, cuts = ctx.text, ctx.tok_starts
    restart, drop, n = r.restart, r.subject_drop, len(cuts)
    i = bisect.bisect_left(cuts, start)
    words: list[str] = []
    while i + 1 < n and cuts[i] < end:
        word = text[cuts[i] : min(cuts[i + 1], end)].strip()
        if word == "累计" and i + 2 < n and r.flow.match(text, cuts[i + 1], cuts[i + 2]):
            if text[cuts[i + 1] : cuts[i + 2]] not in r.summed_flows:
                i += 2  # 累计培育|“小巨人”企业: the stock, not a flow
                continue  # (累计新增就业: a sum of flows, 新增 stays)
        if word in restart:
            words = []  # 县委提出|今年经济增长: the subject starts again
        elif word and word not in drop:
            words.append(word)
        i += 1
    digits = [n for n, w in enumerate(words) if any(map(str.isdigit, w))]
    listed = [n for n, w in enumerate(words) if w == "、" and digits and n > digits[-1]]
    own = _trimmed(words[listed[-1] + 1 :]) if listed else []
    if own:  # 地区生产总值迈上5万亿台阶、五年增量超: the figure is the 增量, not the GDP
        words = own
    elif digits or cut_predicates:  # 地区生产总值连续迈上|4个万亿元台阶、达: ends before the verb
        upto = digits[-1] if digits else len(words)
        cut = next((n for n, w in enumerate(words[:upto]) if w in r.predicates), None)
        words = words[:cut] if cut else words
    words = _trimmed(words)
    phrase = r.subject_tail.sub("", r.base_words.sub("", "".join(words)))
    return phrase[-r.subject_max :] if len(phrase) > r.subject_max else phrase


def _trimmed(words: list[str]) -> list[str]:
    """``words`` without function words and figures at either end."""
    r = _rules()
    words = list(words)
    while words and (words[0] in r.strip_start or _is_junk(words[0])):
        words.pop(0)
    while words and (words[-1] in r.strip_end or _is_junk(words[-1])):
        words.pop()
    return words


def _growth_suffix(ctx: Context, f: Figure, k: KindInfo, seg_start: int) -> str:
    r = _rules()
    cue = k.cue or ""
    if cue in r.growth_by_cue:
        return r.growth_by_cue[cue]
    if k.sign < 0:
        return r.growth_decline
    window = ctx.text[max(seg_start, k.cue_start - 4) : f.num.start]
    return next((v for w, v in r.growth_by_window.items() if w in window), r.growth_default)


def subject_of(
    ctx: Context,
    f: Figure,
    k: KindInfo,
    seg_start: int,
    prev_subject: str | None,
    *,
    prev_kind: str | None = None,
) -> tuple[str | None, bool]:
    """The subject of figure ``f`` (kind info ``k``), its phrase starting at ``seg_start``, and
    whether it was borrowed from the previous figure's subject (增长6.4%: its growth).
    ``prev_kind`` is the kind of the figure before it in the same sentence, if any."""
    text = ctx.text
    base = _tokens_between(ctx, seg_start, k.cue_start)
    if k.kind == "share" and prev_subject:
        # …增长6.5%、占规上工业总产值比重45% / …装机达4091万千瓦、占比达44.7%: a share of the
        # thing the figure before it measured
        whole = _rules().growth_strip_previous.sub("", prev_subject)
        share = base.removeprefix("占")
        if not share or share == "比":
            return whole + "占比", True
        if text[seg_start : k.cue_start].lstrip("、，, \u3000").startswith("占"):
            return whole + "占" + share + ("" if share.endswith(_SHARE_NOUNS) else "比重"), True
    if k.kind == "growth":
        if _rules().rank_clause.fullmatch(base):
            base = ""  # 达到5.53万亿元、稳居全国前十强、增长4.8%: a rank, then the growth
        borrowed = not base and prev_subject is not None
        if not base and prev_subject:
            base = _rules().growth_strip_previous.sub("", prev_subject)
        return ((base + _growth_suffix(ctx, f, k, seg_start)) if base else None), borrowed
    if k.kind == "count":
        counted = _counted(ctx, f)
        raw = text[seg_start : f.num.start]
        plain = taxonomy.without_quotes(base)
        bare_raw = taxonomy.without_quotes(raw).lstrip()
        if plain and prev_subject and prev_subject.endswith(plain) and bare_raw.startswith(plain):
            base = ""  # 新增1个A、1—2个B: A is the previous figure's noun, B this one's
        if counted and (not base or "等" in raw or len(base) <= 4):
            return (base if base in _rules().counted_keep else "") + counted, False
    if k.kind in ("amount", "quantity") and base in _rules().counted_keep | _rules().counted_lone:
        counted = _counted(ctx, f)  # 建设47.8万亩高标准农田: only a verb before the figure
        if counted:
            return (base if base in _rules().counted_keep else "") + counted, False
    bare = _rules().bare_clause.fullmatch(text[seg_start : f.num.start].strip("，,、 "))
    level = k.kind in ("amount", "quantity") and seg_start > 0
    if level and bare and prev_subject and prev_kind == "growth":
        # 增长5.5%，达到1160亿元 / 增长8.4%，总额突破8000亿元: the level of that growth
        return _rules().growth_strip_previous.sub("", prev_subject), True
    if base:
        return base, False
    again = bool(bare and bare.group() and not bare.group("total"))
    if level and again and prev_subject and prev_kind == k.kind:
        return prev_subject, True  # 突破3万亿元、达3.6万亿元: the same thing, more exactly
    if level:
        lead = _lead_clause(ctx, seg_start, f.num.start)
        if lead:
            return lead, False
    return _after(ctx, f), False


def _lead_clause(ctx: Context, seg_start: int, pos: int) -> str | None:
    """粮食产量屡创历史新高，去年达到1.09万亿斤 / 粮食：达到3856亿斤: a clause of only a time and
    a verb takes its subject from the clause before it (up to that clause's first predicate)."""
    r, text = _rules(), ctx.text
    if not r.bare_clause.fullmatch(text[seg_start:pos].strip()):
        return None
    end = seg_start - 1
    while end > 0 and text[end] in "，,：: \u3000":
        end -= 1
    if end <= 0 or text[end + 1 : seg_start].strip() not in ("，", ",", "：", ":"):
        return None
    start = end
    while start > 0 and text[start - 1] not in CLAUSE_END and end - start < 40:
        start -= 1
    if any(ch.isdigit() for ch in text[start : end + 1]):
        return None  # that clause holds a figure of its own
    words = _tokens_between(ctx, start, end + 1, cut_predicates=True)
    return words or None


def _after(ctx: Context, f: Figure) -> str | None:
    """Nothing before the figure in its clause: the noun phrase after it (4亿元以上企业)."""
    text = ctx.text
    stop = f.end
    while stop < len(text) and stop - f.end < 16 and text[stop] not in CLAUSE_END:
        if text[stop].isdigit():
            break
        stop += 1
    after = _AFTER_LEAD.sub("", text[f.end : stop])
    start = f.end + (len(text[f.end : stop]) - len(after))
    return _tokens_between(ctx, start, stop) or None


def _counted(ctx: Context, f: Figure) -> str:
    """The noun phrase right after a count (11家|企业|协调贷款 → 企业)."""
    return _counted_at(ctx, f)[0]


def counted_end(ctx: Context, f: Figure, subject: str | None) -> int:
    """Where the figure's subject ends when it is the noun right after the figure and a list
    separator follows it (开通3条|地铁新线|、新增运营里程30公里: the next figure's subject starts
    after 地铁新线), else the figure's end (为2万名|劳动者追回工资|2.6亿元: the noun read on into the
    next figure's own subject)."""
    noun, end = _counted_at(ctx, f)
    if not noun or not subject or not subject.endswith(noun):
        return f.end
    text, stop = ctx.text, end  # 4个|国家生态文明|建设示范区、4个…: the noun goes on to the separator
    r = _rules()
    while stop < len(text) and stop - end < r.counted_reach and not text[stop].isdigit():
        if text[stop] in r.counted_separators:
            return stop
        stop += 1
    return f.end


def noun_after(ctx: Context, f: Figure, subject: str | None) -> bool:
    """The figure's subject ends with the noun right after the figure (新建提升|310公里|农村公路):
    a verb before the figure acts on that noun and does not make the figure a change."""
    noun = _counted_at(ctx, f)[0]
    return bool(noun and subject and subject.endswith(noun))


def _counted_at(ctx: Context, f: Figure) -> tuple[str, int]:
    """The noun phrase right after a count and where it ends."""
    r = _rules()
    cuts, text = ctx.tok_starts, ctx.text
    i = bisect.bisect_left(cuts, f.end)
    words: list[str] = []
    size = at = 0
    piece = text[f.end : cuts[i]] if 0 < i < len(cuts) else ""
    if piece and "\u4e00" <= piece[0] <= "\u9fff" and piece not in r.counted_stop:
        words, size = [piece], len(piece)  # 550|个省|重大项目: the unit's token holds the noun's start
        at = len(piece)
    while i + 1 < len(cuts) and cuts[i] == f.end + at:
        word = text[cuts[i] : cuts[i + 1]]
        if not taxonomy.without_quotes(word) or (not words and word in _AFTER_LEAD_WORDS):
            at += len(word)  # 10个“数字领航”企业, 5个以上紧密型医疗集团: read past them
            i += 1
            continue
        if words and word in r.counted_predicates:
            words.append(word)  # 179个重大项目|开工: the projects started, not all of them
            break
        if word != word.strip() or word in r.counted_stop or PUNCT.search(word):
            break
        ranked = text.startswith(r.counted_rank, cuts[i + 1])  # 200家|世界|500|强|企业: a rank's name
        digits = any(map(str.isdigit, word)) and not r.counted_code.fullmatch(word) and not ranked
        if digits or size + len(word) > r.counted_max:
            break  # 2.1万个|5G|基站: a code of digits and letters names the thing, a figure does not
        words.append(word)
        size += len(word)
        at += len(word)
        i += 1
    return "".join(words), f.end + at


def programme_effect(text: str, subject: str | None, floor: int, s_start: int, pos: int) -> str | None:
    """加力扩围以旧换新，带动消费791亿元: consumption driven (the figure at ``pos``, its clause from
    ``floor``), whose programme only its own clause or the one before names, is that programme's
    (以旧换新带动消费); after any other clause (组织促消费活动) it stays bare.

    >>> text = "扩围实施以旧换新，带动消费791亿元。"
    >>> programme_effect(text, "带动消费", text.index("带"), 0, text.index("7"))
    '以旧换新带动消费'
    >>> text = "实施以旧换新，组织促消费活动，带动消费791亿元。"
    >>> programme_effect(text, "带动消费", text.index("带"), 0, text.index("7"))
    '带动消费'
    """
    r = _rules()
    if subject not in r.programme_subjects:
        return subject
    start = max(s_start, floor - 1)
    while start > s_start and text[start - 1] not in CLAUSE_END:
        start -= 1
    return r.programme_prefix + subject if r.programme_cue.search(text, start, pos) else subject


def elliptic_subject(text: str, subject: str | None, kind: str, unit: str | None, pos: int) -> str | None:
    """A subject that starts with a bare measure word (事故起数, 总量) whose thing an earlier
    clause of the paragraph names, within reach of the figure at ``pos``, takes that thing's name.

    >>> text = "全年未发生重大生产安全事故，事故起数、死亡人数分别下降12%、11%。"
    >>> elliptic_subject(text, "事故起数、死亡人数降幅", "growth", "%", text.index("12"))
    '生产安全事故起数、死亡人数降幅'
    >>> text = "道路交通秩序持续好转，事故起数下降8%。"
    >>> elliptic_subject(text, "事故起数降幅", "growth", "%", text.index("8"))
    '事故起数降幅'
    >>> text = "经营主体持续壮大。总量接近800万户，新增上市公司5家、总量达40家。"
    >>> elliptic_subject(text, "总量", "count", "万户", text.index("8"))
    '经营主体总量'
    >>> elliptic_subject(text, "总量", "count", "家", text.index("40")), elliptic_subject(text, "总量", "amount", "亿元", 10)
    ('总量', '总量')
    """
    if not subject:
        return subject
    for words, kinds, cue, name, reach, units in _rules().elliptic:
        m = words.match(subject)
        if m and kind in kinds and (not units or taxonomy.measure_word(unit) in units):
            start = max(text.rfind("\n", 0, pos) + 1, pos - reach)
            if cue.search(text, start, pos):
                return name + subject[m.end() :]
    return subject
