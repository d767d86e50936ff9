"""Keys of the figures: subjects distributed over 分别 lists, then the taxonomy, with guards.

``分别`` distributes a list of subjects over the figures that follow it, one each
(城镇、农村居民人均可支配收入分别达到7.8万元和4.9万元 → 城镇居民人均可支配收入 7.8万元 and
农村居民人均可支配收入 4.9万元); a short list item borrows the head of the last one (城镇 →
城镇居民人均可支配收入, 一产 → 一产增加值), a growth suffix goes to every item, and 城乡 names two
(``list_expansions``). Then :func:`yxnlp.taxonomy.map_keys` maps each subject, except for figures
that are not the report region's own series: another place's (``scope``), a comparison
(快于经济增速1个百分点), a difference in percentage points, a figure that describes the noun
after it (经济总量超500亿元的县域), a level's change (补助标准提高30元) and a growth over a
five-year span or an explicit base year (比“十三五”时期增长20%, 比2002年增长65.5%: not the
annual growth the key names) and a span's
average per year (城镇新增就业年均超过70万人: neither the span's total nor one year's).

>>> split_subject("城镇、农村居民人均可支配收入增速", 2)
['城镇居民人均可支配收入增速', '农村居民人均可支配收入增速']
>>> split_subject("工业战略性新兴产业、高新技术产业产值占规上工业比重", 2)
['工业战略性新兴产业产值占规上工业比重', '高新技术产业产值占规上工业比重']
>>> split_subject("城乡居民人均可支配收入", 2), split_subject("一、二、三产业增加值", 2)
(['城镇居民人均可支配收入', '农村居民人均可支配收入'], None)
>>> split_subject("一二三产增加值年均增速", 3)
['一产增加值年均增速', '二产增加值年均增速', '三产增加值年均增速']
>>> split_subject("金融机构人民币存贷款余额增速", 2)
['金融机构人民币存款余额增速', '金融机构人民币贷款余额增速']
>>> split_subject("生产安全事故起数、死亡人数降幅", 2), split_subject("林木覆盖率、湿地保护率", 2)
(['生产安全事故起数降幅', '生产安全事故死亡人数降幅'], ['林木覆盖率', '湿地保护率'])
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from yxnlp import resources, taxonomy
from yxnlp.record import Indicator

PERCENTAGE_POINT = "percentage_point"


@dataclass(frozen=True)
class _Rules:
    growth_suffix: re.Pattern[str]
    joiners: re.Pattern[str]
    expansions: dict[str, tuple[str, ...]]
    heads: tuple[str, ...]
    measure_ends: frozenset[str]  # an item ending so names a measure: it takes no head
    headless_max: int  # a longer item is a phrase of its own, not a bare modifier
    increment: re.Pattern[str]
    stock_after_flow: re.Pattern[str]  # a subject that is only a stock word (总数, 总里程)
    stock_twins: dict[str, str]  # flow keys whose stock is not new_ less (new_parks: parks_total)
    flow_verb: re.Pattern[str]  # the taxonomy's flow verbs and 建成/建设 before the thing a flow adds
    shared_places: tuple[str, ...]  # place words a rate list shares (农村供电可靠率、自来水普及率)
    rate_ends: tuple[str, ...]
    flow_after: re.Pattern[str]  # the taxonomy's flow verbs after a stock name (…新增): every item's


@functools.cache
def _rules() -> _Rules:
    c = resources.indicator_cues()
    suffixes = sorted(set(c.growth_subject.by_cue.values()) | set(c.growth_subject.by_window.values())
                      | {c.growth_subject.decline, c.growth_subject.default}, key=len, reverse=True)  # fmt: skip
    return _Rules(
        growth_suffix=re.compile(f"(?:{'|'.join(suffixes)})$"),
        joiners=re.compile(c.list_joiners),
        expansions={k: tuple(v) for k, v in c.list_expansions.items()},
        heads=tuple(sorted(c.list_heads, key=len, reverse=True)),
        measure_ends=frozenset(c.list_measure_ends),
        headless_max=c.list_headless_max,
        increment=re.compile(c.increment_before),
        stock_after_flow=re.compile(c.stock_after_flow),
        stock_twins=dict(c.stock_twins),
        flow_verb=re.compile(f"{resources.taxonomy().flow_verbs}|{c.stock_twin_verbs}"),
        shared_places=tuple(sorted(c.list_shared_places, key=len, reverse=True)),
        rate_ends=tuple(c.list_rate_ends),
        flow_after=re.compile(resources.taxonomy().flow_verbs_after),
    )


def split_subject(subject: str, n: int) -> list[str] | None:
    """``n`` subjects from a list subject, or None when it does not hold ``n`` items."""
    r = _rules()
    suffix = r.growth_suffix.search(subject) or r.flow_after.search(subject)  # …、外资研发中心新增
    tail = suffix.group() if suffix and suffix.start() > 0 else ""
    core = subject[: len(subject) - len(tail)]
    expanded = next((word for word, parts in r.expansions.items()
                     if word in core and len(parts) == n and "、" not in core.replace(word, "")),
                    None)  # fmt: skip
    if expanded:
        before, _, after = core.partition(expanded)
        return [before + p + after + tail for p in r.expansions[expanded]]
    items = [x for x in re.split("、", core) if x]
    if len(items) < n and items:
        items = [*items[:-1], *[x for x in r.joiners.split(items[-1], maxsplit=1) if x]]
    if len(items) != n or n < 2:
        return None
    items = _with_head(items)
    done = [*(_complete(x, items[-1]) for x in items[:-1]), _modified(items[-1], items[0])]
    return [x + tail for x in done]


def _with_head(items: list[str]) -> list[str]:
    """The items with the head noun only the last one carries (高速公路、水利、电网投资 → 高速公路投资,
    水利投资, 电网投资; 食品、医药等产业增加值 → 食品产业增加值, 医药产业增加值).

    >>> _with_head(["高速公路", "水利", "电网投资"])
    ['高速公路投资', '水利投资', '电网投资']
    >>> _with_head(["食品", "医药等重点产业增加值"]), _with_head(["工业投资", "技改投资"])
    (['食品产业增加值', '医药产业增加值'], ['工业投资', '技改投资'])
    >>> _with_head(["地区生产总值", "固定资产投资"])
    ['地区生产总值', '固定资产投资']
    """
    *first, last = items
    r = _rules()
    heads = r.heads
    before, sep, after = last.rpartition("等")
    after = after.removeprefix("重点")
    if sep and before and (after.startswith(("产业", "行业")) or after in heads):
        head, last = after, before  # 医药等产业增加值 (not 高等教育毛入学率)
    else:
        head = next((h for h in heads if last.endswith(h) and len(last) > len(h)), "")
        measured = any(x.endswith(heads) or x[-1] in r.measure_ends for x in first)
        if not head or measured or any(len(x) > r.headless_max for x in first):
            return items
    return [_headed(x, head) for x in [*first, last]]


def _headed(item: str, head: str) -> str:
    """规上制造业 + 产业增加值 → 规上制造业增加值: an item naming a sector (…业) drops the head's
    own 产业/行业."""
    if item.endswith(head):
        return item
    if item.endswith("业") and head.startswith(("产业", "行业")) and len(head) > 2:
        return item + head[2:]
    return item + head


def _modified(last: str, first: str) -> str:
    """A short last item with the first item's modifier (生产安全事故起数、死亡人数 → 生产安全事故
    死亡人数): the first item less its two-character measure word; a rate after a rate takes the
    place word the first opens with (农村供电可靠率、自来水普及率 → 农村自来水普及率).

    >>> _modified("自来水普及率", "农村供电可靠率"), _modified("绿地率", "城市建成区园林绿化覆盖率")
    ('农村自来水普及率', '城市建成区绿地率')
    >>> _modified("居民消费价格涨幅", "城镇调查失业率"), _modified("农村自来水普及率", "城乡环卫覆盖率")
    ('居民消费价格涨幅', '农村自来水普及率')
    """
    r = _rules()
    place = next((m for m in r.shared_places if first.startswith(m)), None)
    if place and first.endswith(r.rate_ends) and last.endswith(r.rate_ends):
        return last if last.startswith(r.shared_places) else place + last
    if len(last) <= 4 and len(first) >= len(last) + 3 and first[-2:] != last[-2:]:
        modifier = first[:-2]
        return last if last.startswith(modifier) else modifier + last
    return last


def _complete(item: str, last: str) -> str:
    """A short list item with the head of the last item (城镇 + 居民人均可支配收入); a
    four-character one with the rate its last item names (高中阶段 + 毛入学率).

    >>> _complete("高中阶段", "高等教育毛入学率"), _complete("城镇", "农村居民人均可支配收入")
    ('高中阶段毛入学率', '城镇居民人均可支配收入')
    >>> _complete("工业投资", "制造业技改投资"), _complete("森林面积", "湿地保护率")
    ('工业投资', '森林面积')
    """
    if len(item) >= len(last):
        return item
    at = last.find(item[-2:]) if len(item) >= 2 else -1
    if at >= 0:
        return item + last[at + 2 :]
    head = last[len(item) :]
    rate = len(item) == 4 and len(head) >= 3 and head.endswith(_rules().rate_ends)
    return item + last[len(item) :] if len(item) <= 3 or rate else item  # 高中阶段和高等教育毛入学率


def _listed(subject: str) -> bool:
    """The subject names a list (工业投资、技改投资; 城乡居民收入; 战略性新兴产业和高技术制造业
    增加值): figures joined after it go to its items in order even without 分别
    (城乡居民人均收入年均增长5.3%、7.7%; …增加值年均增长8%、7.2%)."""
    r = _rules()
    return "、" in subject or any(w in subject for w in r.expansions) or bool(r.joiners.search(subject))


class Found(NamedTuple):
    """What the keys need to know of one figure besides its indicator."""

    joined: bool  # it follows the previous figure with only a list joiner between (和, 、)
    respectively: bool  # 分别 stands before it in its clause
    scope: str | None  # another place's figure
    comparison: str | None  # a difference against another figure (快于经济增速)
    described: bool = False  # it describes the noun after it (超500亿元的县域)
    continued: bool = False  # it continues the previous figure (从A增至B: B)
    increment: bool = False  # a level's change, not the level (标准提高30元)
    span_base: bool = False  # a growth over another span (比“十三五”时期, 累计下降 in one year)
    averaged: bool = False  # a span's average per year (城镇新增就业年均超过70万人)
    threshold: bool = False  # a threshold passed (突破4万亿元): a milestone if the level follows
    undated: bool = False  # A of 从A增加到B whose start the text does not date (多年来，…)


LEVEL_KINDS = frozenset({"amount", "count", "quantity"})


def increment_of(before: str, kind: str) -> bool:
    """A level figure right after a verb of change (提高30元, 增加11个) is the change.

    >>> increment_of("居民医保人均财政补助标准提高", "amount"), increment_of("通用机场增加", "count")
    (True, True)
    >>> increment_of("标准提高到", "amount"), increment_of("增加", "growth"), increment_of("达到", "count")
    (False, False, False)
    """
    return kind in LEVEL_KINDS and _rules().increment.search(before) is not None


def distribute(out: list[Indicator], found: Sequence[Found]) -> list[Indicator]:
    """Give each figure of a 分别 group its own item of the group's list subject."""
    result = list(out)
    i = 0
    while i < len(out):
        j = i + 1
        while j < len(out) and found[j].joined:
            j += 1
        subject = out[i].subject or ""
        listed = _listed(subject) and not any(f.continued for f in found[i + 1 : j])
        if j - i > 1 and (found[i].respectively or listed):
            items = split_subject(subject, j - i)
            if items is None and found[i].respectively and out[i].kind == "growth":
                items = _growths_of_list(out, i, j - i)
            if items:
                for k, item in zip(range(i, j), items, strict=True):
                    result[k] = result[k].model_copy(update={"subject": item})
        i = j
    return result


def _growths_of_list(out: Sequence[Indicator], i: int, n: int) -> list[str] | None:
    """接待国内游客4.16亿人次、入境游客936万人次，分别增长6.7%、39.6%: the growths of the ``n``
    listed figures just before them, one each, when those have subjects of their own."""
    k = i - n
    listed = out[k:i] if k >= 0 else []
    if len(listed) != n:
        return None
    subjects = [x.subject for x in listed]
    same = all(x.sentence_span == out[i].sentence_span and x.kind == listed[0].kind != "growth"
               for x in listed)  # fmt: skip
    if not same or not all(subjects) or len(set(subjects)) != n:
        return None
    suffix = _rules().growth_suffix.search(out[i].subject or "")
    tail = suffix.group() if suffix else ""
    return [(x or "") + tail for x in subjects]


def milestone(out: Sequence[Indicator], found: Sequence[Found], n: int) -> bool:
    """Figure ``n`` is a threshold passed (突破4万亿元大关) and the next figure of its sentence
    is the level itself (，达到4.32万亿元): the same kind and unit, not a bound, not below the
    threshold, of the same subject (or none of its own)."""
    if not found[n].threshold or n + 1 >= len(out):
        return False
    a, b = out[n], out[n + 1]
    return (
        b.sentence_span == a.sentence_span
        and not found[n + 1].threshold
        and b.kind == a.kind
        and b.normalized.unit == a.normalized.unit
        and b.qualifier in ("exact", "approx")
        and b.subject in (a.subject, None)
        and b.normalized.value is not None
        and a.normalized.value is not None
        and b.normalized.value >= a.normalized.value
    )


def stock_of_flow(prev: Indicator, ind: Indicator) -> str | None:
    """The stock twin of the flow key before a figure whose subject is only a stock word
    (新增境内上市公司62家，总数186家 → listed_companies; 新增公园127座，…累计达到1100座 →
    parks_total, a twin named in ``stock_twins``), in the same sentence and measure."""
    flow = prev.key or ""
    twins = _rules().stock_twins
    if not (flow.startswith("new_") or flow in twins) or prev.sentence_span != ind.sentence_span:
        return None
    if prev.kind != ind.kind or prev.normalized.unit != ind.normalized.unit:
        return None
    if not _rules().stock_after_flow.match(taxonomy.normalise_subject(ind.subject or "")):
        return None
    stock = twins.get(flow) or flow.removeprefix("new_")
    known = any(e.key == stock and ind.kind in e.kinds for e in taxonomy.entries())
    return stock if known and taxonomy.unit_fits(stock, ind.unit) and _twin_of(prev, flow, stock) else None


def _twin_of(prev: Indicator, flow: str, stock: str) -> bool:
    """A twin named in ``stock_twins`` is the stock of what the flow figure counted only when a
    stock name holds that thing (新增公园 → 公园总数; not 新增口袋公园, whose flow key is the same
    but whose stock is pocket parks)."""
    if flow not in _rules().stock_twins:
        return True
    thing = _rules().flow_verb.sub("", taxonomy.normalise_subject(prev.subject or ""))
    return bool(thing) and any(thing in n for e in taxonomy.entries() if e.key == stock for n in e.names)


def assign_keys(out: list[Indicator], found: Sequence[Found]) -> list[Indicator]:
    """The indicators with their keys (none for another place's figure, a comparison, a
    difference in percentage points or a milestone) and scopes; the level after a milestone
    without a subject of its own has the milestone's (生产总值突破4万亿元大关，预计达到4.45万亿元).
    The indicators are the caller's new ones: keys and scopes are set in place."""
    out = [
        x.model_copy(update={"subject": out[n - 1].subject})
        if n and x.subject is None and milestone(out, found, n - 1) else x
        for n, x in enumerate(out)
    ]  # fmt: skip
    mapped = taxonomy.map_keys([(i.subject, i.kind) for i in out], units=[i.unit for i in out])
    for n, (ind, extra, (key, src)) in enumerate(zip(out, found, mapped, strict=True)):
        own = not (extra.scope or extra.comparison or extra.described or extra.increment
                   or extra.span_base or extra.averaged or extra.undated
                   or milestone(out, found, n))  # fmt: skip
        if not own or ind.normalized.unit == PERCENTAGE_POINT:
            key = src = None
        elif key is None and n and not extra.respectively and (key := stock_of_flow(out[n - 1], ind)):
            # (not in a 分别 list: 分别新增65家和30家，累计分别达到956家和561家 pairs with the list)
            src = "rule"
        ind.key, ind.key_source, ind.scope = key, src, extra.scope  # fields milestone() never reads
    return out
