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
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from yxnlp import datacache, resources

MODEL_SOURCE = "model:tfidf-knn"
DEFAULT_THRESHOLD = 0.75
MODEL_MAX_EDIT = 3  # characters of a name a subject may lack
#: Kinds the model may key: their kind says what a cut name leaves out (增速, 占比); a cut
#: amount or count may have lost the very noun that says what is counted (新能源汽车 → 产量?).
MODEL_KINDS = frozenset({"growth", "share", "percent"})
_ASIDE = re.compile(r"（[^（）]*）|\([^()]*\)")  # 粮食（不包括大豆）产量: an aside
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》]")
_PM25 = re.compile(r"PM_?\{?2\.5\}?|ＰＭ２．５")  # PM_2.5, PM_{2.5} (subscripts as typeset)


@dataclass(frozen=True)
class _Words:
    prefix: re.Pattern[str]  # region words dropped before matching (全区, 市属)
    ratio: re.Pattern[str]  # a ratio (比重, 率): never mapped to its base
    growth_suffix: re.Pattern[str]  # dropped from a growth subject (同比增速)
    neutral: re.Pattern[str]  # words that may stand before a name (完成, 累计)
    flow: re.Pattern[str]  # verbs that make a count a flow (新增, 新认定)
    flow_after: re.Pattern[str]  # the same verbs after a stock's name (高新技术企业净增)


@functools.cache
def _words() -> _Words:
    t = resources.taxonomy()
    return _Words(re.compile(t.subject_prefix), re.compile(t.ratio_words),
                  re.compile(t.growth_suffix), re.compile(t.neutral_prefix),
                  re.compile(t.flow_verbs), re.compile(t.flow_verbs_after))  # fmt: skip


@dataclass(frozen=True)
class Entry:
    """One canonical indicator: key, English label, the kinds it covers, Chinese names, and
    the measure words a count of it may have (empty: any)."""

    key: str
    en: str
    kinds: tuple[str, ...]
    names: tuple[str, ...]
    units: tuple[str, ...] = ()
    fuzzy: bool = True  # the TF-IDF fallback may key a cut form of its names


@functools.cache
def entries() -> tuple[Entry, ...]:
    """The taxonomy, loaded once."""
    return tuple(Entry(e.key, e.en, e.kinds, e.names, e.units, e.fuzzy)
                 for e in resources.taxonomy().keys)  # fmt: skip


@functools.cache
def _units() -> dict[str, frozenset[str]]:
    return {e.key: frozenset(e.units) for e in entries() if e.units}


_SCALE = re.compile(r"^[十百千万亿]+")


def measure_word(unit: str | None) -> str:
    """The measure word of a unit as written, without its scale.

    >>> measure_word("万户"), measure_word("个"), measure_word(None)
    ('户', '个', '')
    """
    return _SCALE.sub("", unit or "")


def unit_fits(key: str, unit: str | None) -> bool:
    """A key that names its measure words (老旧小区: 个) takes no figure in another (1.5万户:
    households, not compounds).

    >>> unit_fits("old_residential_renovation", "万个"), unit_fits("old_residential_renovation", "户")
    (True, False)
    >>> unit_fits("gdp", "亿元")
    True
    """
    allowed, word = _units().get(key), measure_word(unit)
    return allowed is None or not word or word in allowed


def normalise_subject(subject: str, *, kind: str | None = None) -> str:
    """The subject as compared with taxonomy names.

    >>> normalise_subject("全区 规上工业增加值同比增速", kind="growth")
    '规上工业增加值'
    >>> normalise_subject("国家级专精特新“小巨人”企业"), normalise_subject("粮食（不包括大豆）的产量")
    ('国家级专精特新小巨人企业', '粮食产量')
    >>> normalise_subject("PM_2.5平均浓度")
    'PM2.5平均浓度'
    """
    s = _QUOTES.sub("", _ASIDE.sub("", re.sub(r"\s+|的", "", subject)))
    s = _PM25.sub("PM2.5", s)
    s = _words().prefix.sub("", s)
    if kind == "growth":
        s = _words().growth_suffix.sub("", s)
    return s


@functools.lru_cache(maxsize=4096)
def _rule_cached(subject: str, kind: str) -> str | None:
    return _rule(subject, kind)


@functools.cache
def _names_by_kind(kind: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in entries():
        if kind in e.kinds:
            for name in e.names:
                out.setdefault(name, e.key)
    return out


def _rule(subject: str, kind: str) -> str | None:
    """The key a name rule gives; a flow verb before a stock name gives its ``new_`` twin.

    >>> _rule("新培育国家级专精特新小巨人企业", "count"), _rule("新培育规上工业企业", "count")
    ('new_little_giant_enterprises', 'new_above_scale_enterprises')
    >>> _rule("高新技术企业净增", "count")
    'new_high_tech_enterprises'
    """
    names = _names_by_kind(kind)
    if subject in names:
        return names[subject]
    verb = _words().flow.match(subject)
    after = _words().flow_after.search(subject)
    if verb or after:
        stock_name = subject[verb.end() :] if verb else subject[: after.start() if after else 0]
        stock = _name_rule(stock_name, names)
        twin = f"new_{stock}" if stock else None
        return twin if twin in set(names.values()) else None
    return _name_rule(subject, names)


def _name_rule(subject: str, names: dict[str, str]) -> str | None:
    if subject in names:
        return names[subject]
    if "、" in subject:
        return None  # a list of subjects: only an exact name
    neutral = _words().neutral
    best = max(
        (n for n in names
         if len(n) >= 3 and subject.endswith(n) and neutral.fullmatch(subject[: -len(n)])),
        key=len, default=None,
    )  # fmt: skip
    return names[best] if best else None


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


_WHITE_SPACES = re.compile(r"\s\s+")


def _char_ngrams(text: str) -> list[str]:
    """The character 1- to 3-grams of ``text`` (lower-cased, runs of white space as one), in
    the order scikit-learn's ``TfidfVectorizer(analyzer="char")`` lists them.

    >>> _char_ngrams("GDP增速")
    ['g', 'd', 'p', '增', '速', 'gd', 'dp', 'p增', '增速', 'gdp', 'dp增', 'p增速']
    """
    text = _WHITE_SPACES.sub(" ", text.lower())
    return [text[i : i + n] for n in range(1, 4) for i in range(len(text) - n + 1)]


class _Model:
    """TF-IDF character n-grams (1 to 3, sublinear tf, smoothed idf, rows L2-normalised) over
    every name; a query's nearest name by cosine similarity.

    The weights are scikit-learn's ``TfidfVectorizer(analyzer="char", ngram_range=(1, 3),
    sublinear_tf=True)`` computed with numpy in the same order of operations, so similarities
    are equal to the last bit (``tests/test_taxonomy.py`` checks it) without importing
    scikit-learn, which took a second of every start.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.entries: list[Entry] = []
        for e in entries():
            for name in e.names if e.fuzzy else ():
                self.names.append(name)
                self.entries.append(e)
        counts = [Counter(_char_ngrams(n)) for n in self.names]
        first: dict[str, int] = {}  # the order n-grams are first met, as scikit-learn counts
        for c in counts:
            for g in c:
                first.setdefault(g, len(first))
        self.vocabulary = {g: n for n, g in enumerate(sorted(first))}
        df = np.zeros(len(first))
        for c in counts:
            df[[self.vocabulary[g] for g in c]] += 1.0
        self.idf = np.full_like(df, len(self.names) + 1.0)
        self.idf /= df + 1.0
        np.log(self.idf, out=self.idf)
        self.idf += 1.0
        # each name's weights in the order its n-grams were first met in all names
        rows = [sorted(c.items(), key=lambda gc: first[gc[0]]) for c in counts]
        weights = self._weights(rows)
        postings: list[list[tuple[int, float]]] = [[] for _ in first]
        for n, (row, w) in enumerate(zip(rows, weights, strict=True)):
            for (g, _), x in zip(row, w, strict=True):
                postings[self.vocabulary[g]].append((n, x))
        self.postings = [
            (np.array([n for n, _ in p], dtype=np.intp), np.array([x for _, x in p]))
            for p in postings
        ]
        self.kinds = sorted({k for e in self.entries for k in e.kinds})
        self.allowed = {
            k: np.array([k in e.kinds for e in self.entries], dtype=bool) for k in self.kinds
        }

    def _weights(self, rows: Sequence[Sequence[tuple[str, int]]]) -> list[list[float]]:
        """Each row's ``(n-gram, count)`` as L2-normalised sublinear TF-IDF weights."""
        tf = np.array([c for row in rows for _, c in row], dtype=np.float64)
        np.log(tf, out=tf)
        tf += 1.0
        tf *= self.idf[np.array([self.vocabulary[g] for row in rows for g, _ in row], dtype=np.intp)]
        out: list[list[float]] = []
        for row in rows:
            w, tf = [float(x) for x in tf[: len(row)]], tf[len(row) :]
            norm = 0.0
            for x in w:  # summed one by one, in this order, as scikit-learn does
                norm += x * x
            out.append([x / math.sqrt(norm) for x in w] if norm else w)
        return out

    def _similarities(self, query: str) -> npt.NDArray[np.float64]:
        """Cosine similarity of ``query`` to every name (n-grams no name has count nothing)."""
        known = Counter(g for g in _char_ngrams(query) if g in self.vocabulary)
        row = sorted(known.items(), key=lambda gc: self.vocabulary[gc[0]])
        sims = np.zeros(len(self.names))
        for (g, _), q in zip(row, self._weights([row])[0], strict=True):
            names, x = self.postings[self.vocabulary[g]]
            sims[names] += q * x
        return sims

    def nearest_many(
        self, queries: Sequence[tuple[str, str]]
    ) -> list[tuple[str | None, float, str]]:
        """For each ``(subject, kind)``: the nearest name of that kind, its key and similarity."""
        out: list[tuple[str | None, float, str]] = []
        for query, kind in queries:
            row = self._similarities(query)
            mask = self.allowed.get(kind)
            if mask is None or not row.any():
                out.append((None, 0.0, ""))
                continue
            scores = np.where(mask, row, -1.0)
            i = int(scores.argmax())
            out.append((self.entries[i].key, float(scores[i]), self.names[i]))
        return out

    def nearest(self, subject: str, *, kind: str) -> tuple[str | None, float, str]:
        """The nearest name among entries of ``kind``: its key, cosine similarity, the name."""
        return self.nearest_many([(subject, kind)])[0]


@functools.cache
@datacache.disk_cached("taxonomy-model")
def _model() -> _Model:
    """The nearest-name model of the taxonomy (kept on disk between processes)."""
    return _Model()


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
    [('old_residential_renovation', 'rule'), (None, None)]
    """
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(items)
    pending: list[tuple[int, str, str]] = []
    for n, (subject, kind) in enumerate(items):
        s = normalise_subject(subject, kind=kind) if subject else ""
        if not s:
            continue
        whole = normalise_subject(subject or "")  # 经济增速 is itself a name
        key = _rule_cached(s, kind) or _rule_cached(whole, kind)
        if key and not (_allowed(s, key) and unit_fits(key, units[n] if units else None)):
            continue
        if key:
            out[n] = (key, "rule")
        elif "、" not in s and kind in MODEL_KINDS:  # 工业投资、技改投资: no single key
            pending.append((n, s, kind))
    if pending:
        found = _model().nearest_many([(s, kind) for _, s, kind in pending])
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
