"""Indicator taxonomy: map a subject phrase (and its kind) to a stable indicator key.

Keys, Chinese names, synonyms and English labels live in ``data/indicator_taxonomy.json``.
Mapping tries exact-name rules first (the subject, without region prefixes such as 全区/区属 and
quotation marks, equals a name, or ends with one after neutral words such as 完成/累计 only),
then (for growths, shares and rates only) a character n-gram TF-IDF nearest-neighbour model over
all names, accepted only above a cosine-similarity threshold and when the subject is the name with a few characters dropped
after its first (社会消费品零售 for 社会消费品零售总额), never with a word changed or added
(制造业增加值 is not 服务业增加值, 存贷款余额 not 存款余额). The result says which produced it.
A key names what is measured, not its direction: the indicator's ``normalized.value`` carries
the sign (下降3% → −3 under ``energy_intensity_reduction``). A subject about 能耗 only ever maps
to a key named for 能耗 (the ``guards`` of the data file), and the data file's
``_choices_comment`` says how close pairs were split (GNP vs GDP, retail prices vs CPI).

>>> map_key("区属规模以上工业企业总产值", kind="amount")
('industrial_output_above_scale', 'rule')
>>> map_key("国内生产总值", kind="growth")
('gdp_growth', 'rule')
>>> map_key("社会消费品零售", kind="growth")
('retail_sales_growth', 'model:tfidf-knn')
>>> map_key("先进制造业增加值", kind="growth"), map_key("党史学习教育活动", kind="count")
((None, None), (None, None))
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from yxnlp import resources
from yxnlp.taxonomy.entries import Entry, entries, measure_word, unit_fits
from yxnlp.taxonomy.model import nearest_model

__all__ = ["DEFAULT_THRESHOLD", "MODEL_SOURCE", "Entry", "display_name", "english_label", "entries",
           "map_key", "map_keys", "measure_word", "nearest_model", "normalise_subject", "unit_fits",
           "without_quotes"]  # fmt: skip

MODEL_SOURCE = "model:tfidf-knn"
DEFAULT_THRESHOLD = 0.75
MODEL_MAX_EDIT = 3  # characters of a name a subject may lack
#: Kinds the model may key: their kind says what a cut name leaves out (增速, 占比); a cut
#: amount or count may have lost the very noun that says what is counted (新能源汽车 → 产量?).
MODEL_KINDS = frozenset({"growth", "share", "percent"})
_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")  # 粮食（不包括大豆）产量: an aside
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")


def without_quotes(text: str) -> str:
    """``text`` without quotation and title marks (subjects are compared without them).

    >>> without_quotes("“数字领航”企业")
    '数字领航企业'
    """
    return _QUOTES.sub("", text)


_PM25 = re.compile(r"PM_?\{?2\.5\}?|ＰＭ２．５")  # PM_2.5, PM_{2.5} (subscripts as typeset)


@dataclass(frozen=True)
class _Words:
    prefix: re.Pattern[str]  # region words dropped before matching (全区, 市属)
    ratio: re.Pattern[str]  # a ratio (比重, 率): never mapped to its base
    growth_suffix: re.Pattern[str]  # dropped from a growth subject (同比增速)
    neutral: re.Pattern[str]  # words that may stand before a name (完成, 累计)
    flow: re.Pattern[str]  # verbs that make a count a flow (新增, 新认定)
    flow_after: re.Pattern[str]  # the same verbs after a stock's name (高新技术企业净增)
    lead: re.Pattern[str]  # an enumerator before the subject (十三是)
    tail: re.Pattern[str]  # words after the name (超, 和 before the next item, 每月)


@functools.cache
def _words() -> _Words:
    t = resources.taxonomy()
    return _Words(re.compile(t.subject_prefix), re.compile(t.ratio_words),
                  re.compile(t.growth_suffix), re.compile(t.neutral_prefix),
                  re.compile(t.flow_verbs), re.compile(t.flow_verbs_after),
                  re.compile(t.subject_lead), re.compile(t.subject_tail))  # fmt: skip


def normalise_subject(subject: str, *, kind: str | None = None) -> str:
    """The subject as compared with taxonomy names.

    >>> normalise_subject("全区 规上工业增加值同比增速", kind="growth")
    '规上工业增加值'
    >>> normalise_subject("国家级专精特新“小巨人”企业"), normalise_subject("粮食（不包括大豆）的产量")
    ('国家级专精特新小巨人企业', '粮食产量')
    >>> normalise_subject("PM_2.5平均浓度")
    'PM2.5平均浓度'
    >>> normalise_subject("十三是农产品加工业营收超"), normalise_subject("新建国家现代农业产业园和")
    ('农产品加工业营收', '新建国家现代农业产业园')
    """
    s = _QUOTES.sub("", _ASIDE.sub("", re.sub(r"\s+|的", "", subject)))
    s = _PM25.sub("PM2.5", s)
    s = _words().tail.sub("", _words().prefix.sub("", _words().lead.sub("", s)))
    if kind == "growth":
        s = _words().growth_suffix.sub("", s)
    return s


@functools.lru_cache(maxsize=4096)
def _rule_cached(subject: str, kind: str) -> tuple[str, ...]:
    return _rule(subject, kind)


@functools.cache
def _names_by_kind(kind: str) -> dict[str, tuple[str, ...]]:
    """Each name of ``kind`` with its keys, in file order (more than one only when the keys
    count in different measure words: 老旧小区 in 个 or in 户)."""
    out: dict[str, tuple[str, ...]] = {}
    for e in entries():
        if kind in e.kinds:
            for name in e.names:
                out[name] = (*out.get(name, ()), e.key)
    return out


@functools.cache
def _keys_of_kind(kind: str) -> frozenset[str]:
    return frozenset(e.key for e in entries() if kind in e.kinds)


def _rule(subject: str, kind: str) -> tuple[str, ...]:
    """The keys a name rule gives (the first whose measure word fits is taken); a flow verb
    before a stock name gives its ``new_`` twin.

    >>> _rule("新培育国家级专精特新小巨人企业", "count"), _rule("新培育规上工业企业", "count")
    (('new_little_giant_enterprises',), ('new_above_scale_enterprises',))
    >>> _rule("高新技术企业净增", "count"), _rule("改造老旧小区", "count")
    (('new_high_tech_enterprises',), ('old_residential_renovation', 'old_residential_renovation_households'))
    """
    names = _names_by_kind(kind)
    if subject in names:
        return names[subject]
    verb = _words().flow.match(subject)
    after = _words().flow_after.search(subject)
    if verb or after:
        stock_name = subject[verb.end() :] if verb else subject[: after.start() if after else 0]
        twins = (f"new_{stock}" for stock in _name_rule(stock_name, names))
        return tuple(twin for twin in twins if twin in _keys_of_kind(kind))
    return _name_rule(subject, names)


def _name_rule(subject: str, names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    if subject in names:
        return names[subject]
    if "、" in subject:
        return ()  # a list of subjects: only an exact name
    neutral = _words().neutral
    best = max(
        (n for n in names
         if len(n) >= 3 and subject.endswith(n) and neutral.fullmatch(subject[: -len(n)])),
        key=len, default=None,
    )  # fmt: skip
    return names[best] if best else ()


def _near(subject: str, name: str) -> bool:
    """The subject is the name with a few characters dropped after its first (a truncated or
    abbreviated name); anything added (存贷款, 营收, 净增) or changed may change the measure.

    >>> _near("社会消费品零售", "社会消费品零售总额"), _near("制造业增加值", "服务业增加值")
    (True, False)
    >>> _near("数字经济核心产业营收", "数字经济核心产业"), _near("存贷款余额", "存款余额")
    (False, False)
    """
    ops = difflib.SequenceMatcher(None, subject, name, autojunk=False).get_opcodes()
    if any(op not in ("equal", "insert") or (op == "insert" and j1 == 0) for op, _, _, j1, _ in ops):
        return False
    return sum(j2 - j1 for op, _, _, j1, j2 in ops if op == "insert") <= MODEL_MAX_EDIT


@functools.cache
def _guards() -> tuple[tuple[str, ...], ...]:
    return tuple(g.words for g in resources.taxonomy().guards)


@functools.cache
def _guarded(key: str, words: tuple[str, ...]) -> bool:
    """True when ``key`` has a name with one of ``words``."""
    return any(w in n for e in entries() if e.key == key for n in e.names for w in words)


def _allowed(subject: str, key: str) -> bool:
    """A subject about 能耗 takes only a key named for 能耗 (never 工业增加值 growth).

    >>> _allowed("单位工业增加值能耗", "industrial_value_added_growth")
    False
    """
    return all(_guarded(key, words) for words in _guards() if any(w in subject for w in words))


def map_keys(
    items: Sequence[tuple[str | None, str]],
    *,
    units: Sequence[str | None] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[tuple[str | None, str | None]]:
    """``(key, key_source)`` for many ``(subject, kind)`` pairs (one model call for all);
    ``units``, one per pair, are the units as written (a key may name its measure words).

    >>> map_keys([("工业投资", "amount"), ("社会消费品零售", "growth"), (None, "count")])
    [('industrial_investment', 'rule'), ('retail_sales_growth', 'model:tfidf-knn'), (None, None)]
    >>> map_keys([("改造老旧小区", "count"), ("改造老旧小区", "count")], units=["个", "万户"])
    [('old_residential_renovation', 'rule'), ('old_residential_renovation_households', 'rule')]
    >>> map_keys([("改造老旧小区", "count")], units=["公里"])
    [(None, None)]
    """
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(items)
    pending: list[tuple[int, str, str]] = []
    for n, (subject, kind) in enumerate(items):
        whole = normalise_subject(subject) if subject else ""  # 经济增速 is itself a name
        s = _words().growth_suffix.sub("", whole) if kind == "growth" else whole  # as normalised
        if not s:
            continue
        unit = units[n] if units else None
        candidates = _rule_cached(s, kind) or _rule_cached(whole, kind)
        key = next((k for k in candidates if _allowed(s, k) and unit_fits(k, unit)), None)
        if candidates and not key:
            continue
        if key:
            out[n] = (key, "rule")
        elif "、" not in s and kind in MODEL_KINDS:  # 工业投资、技改投资: no single key
            pending.append((n, s, kind))
    if pending:
        found = nearest_model().nearest_many([(s, kind) for _, s, kind in pending])
        for (n, s, _), (key, sim, name) in zip(pending, found, strict=True):
            ratio = _words().ratio.search(s)
            if ratio and ratio.group() not in name:
                continue  # a share or rate of something is not the thing itself
            if key and not (_allowed(s, key) and unit_fits(key, units[n] if units else None)):
                continue
            if key and sim >= threshold and _near(s, name):
                out[n] = (key, MODEL_SOURCE)
    return out


def map_key(
    subject: str | None,
    *,
    kind: str,
    unit: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[str | None, str | None]:
    """``(key, key_source)`` for a subject of a given kind (and unit as written);
    ``(None, None)`` when unsure.

    >>> map_key("技改投资", kind="amount")
    ('tech_renovation_investment', 'rule')
    >>> map_key(None, kind="amount")
    (None, None)
    """
    return map_keys([(subject, kind)], units=[unit], threshold=threshold)[0]


def english_label(key: str) -> str | None:
    """The English label of a key.

    >>> english_label("gdp_growth")
    'GDP growth'
    """
    return next((e.en for e in entries() if e.key == key), None)


def display_name(entry: Entry) -> str:
    """The Chinese name a table shows for a key: its first name, and a growth key's says it is
    a growth even where its names (matched against subjects, which drop 增速) are the level's.

    >>> [display_name(e) for e in entries() if e.key in ("gdp_growth", "gdp_per_capita_growth")]
    ['地区生产总值增速', '人均地区生产总值增速']
    """
    name = entry.names[0]
    if tuple(entry.kinds) == ("growth",) and not _words().growth_suffix.search(name):
        return name + "增速"
    return name
