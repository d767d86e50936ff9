"""Word-shape checks shared by the rules: generic fronts (counts, years, 重点…), left
boundaries (支持, 推动…), and whether a short core reads as a made-up name or as ordinary words."""

from __future__ import annotations

import functools
import re
from typing import Any

from yxnlp import resources
from yxnlp.extract.entities.data import rules
from yxnlp.extract.entities.dictionary import tagged, word_freq, words_of


def strip_generic(core: str, words: tuple[str, ...]) -> str:
    """What remains of ``core`` after removing generic words, counts and years from its front
    (at each step a count first, else the first of ``words`` the rest starts with).

    >>> w = ("重点", "工业", "项目")
    >>> strip_generic("2021年重点工业", w), strip_generic("30余个重点", w), strip_generic("光电产业", w)
    ('', '', '光电产业')
    """
    m = _generic_front(words).match(core)
    return core[m.end() :] if m else core


def is_generic(core: str, words: tuple[str, ...]) -> bool:
    return not strip_generic(core, words)


_COUNT_FRONT = (
    r"[\d.]+(?:余|多)?(?:年|月|个|项|家|户|大|批|级|类)?"
    r"|[一二三四五六七八九十两几]+(?:个|项|大|批|级|类|轮|次|代|流)"
)


@functools.lru_cache(maxsize=64)
def _generic_front(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for the front :func:`strip_generic` removes: counts or ``words`` repeated,
    tried in that order at each step as a loop over them would."""
    alternatives = "|".join([_COUNT_FRONT, *map(re.escape, words)])
    return re.compile(f"(?:{alternatives})*")


def cut_left(run: str, boundaries: tuple[str, ...], *, keep: int = 0) -> int:
    """Offset in ``run`` after the rightmost boundary word (before ``len(run) - keep``).

    >>> cut_left("积极支持华强科技", ("支持", "积极"))
    4
    >>> cut_left("华强科技", ("支持",)), cut_left("有色金属材料", ("有",))
    (0, 0)
    """
    limit = len(run) - keep
    if limit <= 0 or not boundaries:
        return 0
    found: list[tuple[int, int]] = sorted(
        ((end + 1, n) for end, n in _boundary_matcher(boundaries).iter(run, 0, limit)),
        reverse=True,
    )
    for end, n in found:  # the rightmost end first
        if not _opens_longer_word(run, end - n, n):  # 有色, 在线: it opens a longer word
            return end
    return 0


@functools.lru_cache(maxsize=64)
def _boundary_matcher(boundaries: tuple[str, ...]) -> Any:
    """An Aho-Corasick matcher of ``boundaries`` (every occurrence, overlaps included)."""
    import ahocorasick

    auto = ahocorasick.Automaton()
    for w in boundaries:
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def _opens_longer_word(run: str, i: int, n: int) -> bool:
    """``run[i:i+n]`` is the first part of a longer dictionary word starting at ``i`` (有 of
    有色金属, 在 of 在线), so no name starts after it."""
    limit = rules().company.opening_word_freq
    return any(
        word_freq(run[i : i + k]) >= limit for k in range(n + 1, min(len(run) - i, n + 4) + 1)
    )


def splits_word(item: str, pos: int) -> bool:
    """A dictionary word of ``item`` runs across ``pos`` (恒翔新|能源: 能源 does), so a name
    cannot end there: a common word of two characters, or any longer word of the dictionary
    (蓄电池, 现代农业).

    >>> splits_word("恒翔新能源产业基地", 4), splits_word("恒翔新能源产业基地", 2)
    (True, False)
    """
    c = rules().company
    for a in range(max(0, pos - 3), pos):
        for b in range(pos + 1, min(len(item), pos + 3) + 1):
            limit = c.common_word_freq if b - a == 2 else c.long_word_freq
            if b - a >= 2 and word_freq(item[a:b]) >= limit:
                return True
    return False


def segmented_across(item: str, pos: int) -> bool:
    """The segmenter reads a dictionary word of ``item`` across ``pos`` (中|运量: 运量) and
    no word starts at ``pos`` (晶华|新能源 may be read 晶/华新/能源), so a brand cannot end there.

    >>> segmented_across("中运量公交系统", 2), segmented_across("恒达机械", 2)
    (True, False)
    """
    limit = rules().company.long_word_freq
    if any(word_freq(item[pos : pos + k]) >= limit for k in range(2, 5)):
        return False
    at = 0
    for word in words_of(item):
        if at < pos < at + len(word):
            return word_freq(word) >= limit
        at += len(word)
    return False


def run_left(text: str, end: int, chars: str, max_len: int) -> int:
    """Start of the run of ``chars`` (a character class) ending at ``end``, at most
    ``max_len`` long (stops at an unmatched '(').

    >>> run_left("支持华茂机械", 4, "[\u4e00-\u9fff]", 8), run_left("(华茂机械", 5, "[\u4e00-\u9fff()]", 8)
    (0, 1)
    """
    lo = max(0, end - max_len)
    run = _run_of(chars).match(text[lo:end][::-1])  # read backwards from end
    i = end - run.end() if run else end
    if not _PARENS.search(text, i, end):
        return i
    pat = re.compile(chars)
    i = end
    depth = 0
    while i > 0 and end - i < max_len and pat.match(text[i - 1]):
        c = text[i - 1]
        if c in ")）":
            depth += 1
        elif c in "(（":
            if depth == 0:
                break
            depth -= 1
        i -= 1
    return i


_PARENS = re.compile("[()（）]")


@functools.lru_cache(maxsize=16)
def _run_of(chars: str) -> re.Pattern[str]:
    return re.compile(f"(?:{chars})*")


def common_word(word: str) -> bool:
    """A frequent dictionary word (jieba's frequency table), such as 小城镇 or 重大."""
    return word_freq(word) >= int(rules().company.common_word_freq)


def name_like(core: str) -> bool:
    """A short company core reads as a made-up name, not as words: unknown to the
    dictionary, a rare proper noun, or single characters (华茂, 鑫达).

    >>> name_like("华茂"), name_like("畜禽"), name_like("陕南"), name_like("南宁国际")
    (True, False, False, False)
    """
    words = tagged(core)

    def rare(w: str, f: str) -> bool:
        freq = word_freq(w)
        limit = rules().company.proper_name_max_freq
        return (freq == 0 and f[:1] not in {"v", "a", "d", "m"}) or (f in _PROPER and freq < limit)

    if len(words) == 1:
        return rare(*words[0])
    return all(len(w) == 1 or rare(w, f) for w, f in words)


def verb_phrase(item: str) -> bool:
    """Several words led by a verb, adverb or preposition (加强粮食, 使工业)."""
    words = tagged(item)
    return len(words) > 1 and words[0][1][:1] in {"v", "d", "p", "c"}


def all_common(core: str) -> bool:
    """Every word of ``core`` is a frequent dictionary word (信托, 资产管理, 工程承包)."""
    words = words_of(core)
    return all(len(w) >= 2 and common_word(w) for w in words)


_PROPER = {"nr", "nrt", "nrfg", "ns", "nz", "nt"}
_PERSON_OR_PLACE = _PROPER - {"nz"}  # nz also tags terms (爱国主义)


def ordinary_words(item: str) -> bool:
    """Every word is in the dictionary or a word of the reports (``report_words.txt``) and
    none is a proper noun (商品粮, 绿色化工新材料, 冷链物流).

    >>> ordinary_words("绿色化工新材料"), ordinary_words("冷链物流"), ordinary_words("黑龙江农垦")
    (True, True, False)
    """
    known = resources.report_words()
    return all(
        (word_freq(w) > 0 or w in known) and f not in _PERSON_OR_PLACE for w, f in tagged(item)
    )


def proper_name(item: str) -> bool:
    """Every word is tagged as a proper noun or is unknown to the dictionary (恒瑞新春)."""
    words = tagged(item)
    return all(f in _PROPER or word_freq(w) == 0 for w, f in words)


def core_looks_generic(core: str, *, lax: bool = False) -> bool:
    """A short-form company core that reads as ordinary words (verb/adverb first, all common).

    >>> core_looks_generic("加强粮食"), core_looks_generic("重大"), core_looks_generic("瑞丰")
    (True, True, False)
    >>> core_looks_generic("他副")
    True
    """
    words = tagged(core)
    if not words:
        return True
    first, flag = words[0]
    if lax:  # a name with a legal form or in a list of companies: only verb-first phrases
        return len(first) >= 2 and flag[:1] in {"v", "d", "p", "c"}
    if common_word(core):
        return True
    if len(first) >= 2 and flag[:1] in {"v", "d", "a", "p", "m", "t", "b", "j", "c", "r", "f"}:
        return True
    if flag == "r":  # a pronoun never starts a name (他副食品, 其所属)
        return True
    if len(words) == 1:
        return False
    if any(f[:1] in {"p", "u", "c", "f", "m", "q"} for _, f in words):
        return True
    if words[-1][1] == "v" and len(words[-1][0]) >= 2:
        return True
    return len(first) >= 2 and common_word(first)


def reads_as_phrase(core: str) -> bool:
    """``core`` holds a word that makes it a phrase, not a name: a negation, modal or function
    word (不含, 必须, 同), or opens with a frequent verb or adverb (严格执行); a verb later in
    a name is part of it (瑞丰解放).

    >>> reads_as_phrase("不含房地产"), reads_as_phrase("严格执行环保"), reads_as_phrase("瑞丰解放")
    (True, True, False)
    """
    c = rules().company
    words = tagged(core)
    if any(w in c.phrase_words for w, _ in words):
        return True
    for i in range(min(2, len(core) - 1)):  # a name does not open with 执行, 严格执行 …
        for n in (2, 3):
            w = core[i : i + n]
            if len(w) == n and word_freq(w) >= c.phrase_word_freq:
                tags = tagged(w)
                if len(tags) == 1 and (tags[0][1][:1] in {"v", "d"} or tags[0][1] == "ad"):
                    return True
    return False
