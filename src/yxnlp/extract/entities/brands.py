"""Is this a firm's name? Predicates over the company lexicon, jieba's dictionary and the
gazetteer, shared by the context and list finders.

A brand of the company lexicon (:mod:`yxnlp.lexicon`, 284,835 brand cores from
``companynameparser``) is evidence, not a verdict: the list holds 绿色, 大项目 and 三峡 too. A
brand counts as a firm's name (:func:`firm_brand`) only when it is also not an ordinary word
(rare in jieba's dictionary, or a rare proper noun), reads as a name rather than as words, is
not a place, a region or another kind of lexicon word (a trade, a place), and holds no numeral.

>>> firm_brand("比亚迪"), firm_brand("隆基"), firm_brand("绿色"), firm_brand("三峡"), firm_brand("大项目")
(True, True, False, False, False)
"""

from __future__ import annotations

import functools
import re

from yxnlp import lexicon, resources
from yxnlp.extract.entities.data import abbreviation_pair, province_short, region_names, rules
from yxnlp.extract.entities.dictionary import tagged, word_freq, words_of
from yxnlp.extract.entities.names import company_core_ok, leading_company, place_at
from yxnlp.extract.entities.words import (
    core_looks_generic,
    is_generic,
    name_like,
    reads_as_phrase,
    segmented_across,
    splits_word,
    strip_generic,
)

_PROPER = frozenset({"nr", "nrt", "nrfg", "nz", "nt", "j"})
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]+")
_NUMERAL = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿]")


@functools.cache
def _kinds(word: str) -> tuple[str, ...]:
    return lexicon.load().kinds_of(word)


def place_stem(word: str) -> bool:
    """A place written without its suffix, down to townships (横沙 for 横沙乡, 海阳 for 海阳市).

    >>> place_stem("海阳"), place_stem("比亚迪")
    (True, False)
    """
    r = rules()
    if place_at(word, 0, len(word)) or word in region_names() or province_short(word):
        return True
    return any(word + s in r.places for s in resources.admin().place_name)


@functools.cache
def firm_brand(word: str) -> bool:
    """A lexicon brand that can stand for a firm on its own (see the module docstring)."""
    c = resources.entity_contexts()
    if len(word) < 2 or _NUMERAL.search(word) or _kinds(word) != ("brand",):
        return False
    if word in resources.report_vocabulary() or word.endswith(c.brand_not_endings):
        return False
    if abbreviation_pair(word):
        return False  # 川渝, 中印: two provinces or countries, a region or a line between them
    freq = word_freq(word)
    words = tagged(word)
    single = len(words) == 1
    if freq >= c.brand_max_freq and not (
        single and words[0][1] in _PROPER and freq < c.brand_proper_max_freq
    ):
        return False
    if single and words[0][1] in {"ns", "m", "t", "f"}:
        return False
    if place_stem(word) or reads_as_phrase(word):
        return False
    # a name: made of rare words or single characters, a proper noun, or one unknown word (能建)
    return name_like(word) or (single and (words[0][1] in _PROPER or freq == 0))


def names_a_kind(core: str) -> bool:
    """``core`` + 公司 names a kind of firm, not a firm: every word of the core is a generic
    core, a trade word of the company lexicon, a word of ownership or trade, or a province
    abbreviation (工贸进出口, 公募基金, 外资独资证券, 沪跨国).

    >>> names_a_kind("工贸进出口"), names_a_kind("外资独资证券"), names_a_kind("六里")
    (True, True, False)
    """
    r = rules()
    rest = strip_generic(core, r.generic_cores)
    kinds = set(r.company.kind_words) | set(r.generic_cores)
    abbr = resources.admin().province_abbreviations
    for word in words_of(rest):
        if word in kinds or word in abbr or province_short(word) or _kinds(word) == ("trade",):
            continue
        return False
    return True


_NOUN_TAGS = frozenset({"n", "vn", "nz"})
_LIST_STOPS = "，,。；;：:！？!?（）()\n“”"


def list_of_things(
    text: str, start: int, end: int, *, firms: frozenset[str] = frozenset()
) -> bool:
    """``text[start:end]`` is an item of a 、-list whose neighbour is a thing, not a firm:
    it holds a common noun and no firm brand or company shape (晶硅光伏、风电装备;
    寒地测试、寒地服装): a list of products or sectors. ``firms``: names known to be firms
    (the model's other company spans): a neighbour holding one is no thing.

    >>> list_of_things("发展寒地测试、寒地服装、寒地用品等产业", 7, 11)
    True
    >>> list_of_things("支持华茂机械、宏远电子等企业", 2, 6)
    False
    """
    if end < len(text) and text[end] not in _LIST_STOPS + "、等":
        return False  # the name opens a longer item (某某重工智能装备): a firm and its product
    neighbours: list[str] = []
    if start > 0 and text[start - 1] == "、":
        i = start - 1
        while i > 0 and start - 1 - i < 10 and text[i - 1] not in _LIST_STOPS + "、":
            i -= 1
        neighbours.append(text[i : start - 1])
    if text.startswith("、", end):
        e = end + 1
        while e < len(text) and e - end < 11 and text[e] not in _LIST_STOPS + "、等":
            e += 1
        neighbours.append(text[end + 1 : e])
    return any(not any(f in n for f in firms) and _a_thing(n) for n in neighbours)


_SHARED_HEAD = re.compile(
    r"(?:[\u4e00-\u9fff]{2}、)+[\u4e00-\u9fff]{2}([\u4e00-\u9fff]{2})(?![\u4e00-\u9fff、])"
)


def shared_head(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one of several two-character words sharing the word that ends
    the list (众创、众包、众筹平台; 海铁、河海联运): kinds of one thing, not firms. A legal form
    or an industry word at the end makes them firms (华茂、宏远电子).

    >>> shared_head("打造众创、众包、众筹平台，", 2, 4), shared_head("支持华茂、宏远电子发展", 2, 4)
    (True, False)
    >>> shared_head("依托华茂、宏远、中达国际等企业", 5, 7)  # 国际 does not end the list
    False
    """
    if end - start != 2:
        return False
    r = rules()
    lo = max(0, start - 40)
    for m in _SHARED_HEAD.finditer(text, lo, min(len(text), end + 40)):
        if not m.start() <= start < end <= m.start(1):
            continue
        head = m.group(1)
        if r.legal_re.search(head) or r.industry_re.search(head):
            return False
        flag = dict(tagged(head)).get(head, "")
        return bool(r.cue_re.search(head)) or (
            flag[:1] in {"v", "n"} and word_freq(head) >= r.company.thing_word_freq
        )
    return False


def _a_thing(item: str) -> bool:
    r = rules()
    if r.legal_re.search(item) or r.industry_re.search(item[2:]) or r.cue_re.search(item[-5:]):
        return False  # a firm or a project: a list of what firms do, not of products
    limit = r.company.thing_word_freq
    for word, flag in tagged(item):
        if len(word) >= 2 and firm_brand(word):
            return False
        if len(word) >= 2 and flag in _NOUN_TAGS and word_freq(word) >= limit:
            return True
    return False


def public_works(item: str) -> bool:
    """A name that carries a word of public works (铁路, 引水, 保护): not a firm's project.

    >>> public_works("甲乙铁路二期"), public_works("甲乙石英坩埚"), public_works("西电东送")
    (True, False, True)
    """
    c = resources.entity_contexts()
    stem = re.sub("(?:[一二三四五六七八九十]|[1-9])期(?:项目|工程)?$", "", item)
    if any(re.search(shape, item) for shape in c.public_works_shapes):
        return True
    return any(w in item for w in c.public_works) or stem.endswith(c.public_works_endings)


def brand_run(item: str, *, most: int = 2) -> int:
    """Length of the run of (at most ``most``) firm brands that opens ``item``, each ending
    on a word boundary (正泰舜宇智能 → 4), 0 if none or if ``item`` names public works.

    >>> brand_run("正泰舜宇智能生态园"), brand_run("绿色工厂")
    (4, 0)
    """
    if public_works(item):
        return 0
    end = 0
    for _ in range(most):
        best = next(
            (
                n
                for n in range(min(6, len(item) - end), 1, -1)
                if firm_brand(item[end : end + n])
                and not splits_word(item, end + n)
                and not segmented_across(item, end + n)
            ),
            0,
        )
        if not best:
            break
        end += best
    return end


def name_at_start(item: str, *, loose: bool = False) -> str | None:
    """The firm named at the start of ``item`` (a firm followed by what it builds): a legal
    form, a run of firm brands (with an industry word after it), or a name-like core with an
    industry word. ``loose`` (a context that surely names a firm, such as 投资N亿元的…) also
    takes a short name-like prefix before a dictionary word (甲乙|风电齿轮箱).

    >>> name_at_start("瑞丰集团年产5万吨饲料项目"), name_at_start("正泰舜宇智能生态园")
    ('瑞丰集团', '正泰舜宇')
    >>> name_at_start("宏泰新材料储能电站"), name_at_start("福耀汽车玻璃"), name_at_start("重点工业项目")
    ('宏泰新材料', '福耀', None)
    """
    r = rules()
    c = resources.entity_contexts()
    lead = leading_company(item)
    if lead:
        return lead
    run = brand_run(item)
    if run:  # 瑞丰农业|番茄产业链 keeps its sector word; 甲|汽车玻璃 is the firm's product
        words = sorted(c.firm_sector_words, key=len, reverse=True)
        sector = next((w for w in words if item.startswith(w, run)), None)
        return item[: run + len(sector)] if sector and len(item) > run + len(sector) else item[:run]
    m = r.core_industry_re.match(item)
    if (
        m
        and len(item) > m.end()
        and name_like(m.group("core"))
        and company_core_ok(m.group("core"))
    ):
        if not place_stem(m.group("core")) and not core_looks_generic(m.group("core")):
            return m.group()
    return _name_like_prefix(item) if loose else None


def _name_like_prefix(item: str) -> str | None:
    for n in (3, 2):
        head, rest = item[:n], item[n:]
        if len(rest) < 2 or not _NAME_CHARS.fullmatch(head) or word_freq(head) > 0:
            continue
        if splits_word(item, n):  # 甲乙碳|纤维: 碳纤维 is the product's word
            continue
        if place_stem(head) or core_looks_generic(head) or not name_like(head):
            continue
        first = words_of(rest)[0]
        if len(first) >= 2 and word_freq(first) > 0:
            return head
    return None


def list_item_ok(item: str, *, counted: bool = False) -> bool:
    """An item of an explicit list of firms is a name unless it reads as words: a verb
    phrase, a category, a place or body, an ordinary word, a sector (运输业), or longer than
    a short name when it has no legal form or industry word. In a counted list of firms
    (``counted``: 企业3家(甲、乙、丙)) an item may be as long as a full name and a word.

    >>> [list_item_ok(x) for x in ("冠华楼梯", "宏发铝业", "落实领导联系", "重点企业", "湖州市", "煤矿")]
    [True, True, False, False, False, False]
    """
    c = resources.entity_contexts()
    r = rules()
    shaped = bool(r.shaped_end_re.search(item[2:]))
    limit = c.name_max if shaped or counted else c.bare_name_max
    if not 2 <= len(item) <= limit or not _NAME_CHARS.fullmatch(item):
        return False
    words = tagged(item)
    lead = {"v", "d", "p", "c", "m", "r"} | ({"a"} if len(words) > 2 else set())
    if len(words) > 1 and len(words[0][0]) >= 2 and words[0][1][:1] in lead:
        return False  # led by a verb, adverb, preposition or quantity (落实领导联系, 很多工业)
    ordinary = word_freq(item) >= c.list_word_freq and words[0][1] not in _PROPER
    if len(words) == 1 and ordinary and not counted:
        return False  # an ordinary word (煤矿, 商店), not a known name (a proper noun)
    if is_generic(item, r.generic_cores) or is_generic(item, r.project_generic):
        return False
    if item in r.places or r.org_core_re.search(item) or "企业" in item or reads_as_phrase(item):
        return False
    if item.endswith(r.company.enumeration.not_company_endings) and not shaped:
        return False
    return word_freq(item) < c.list_common_freq
