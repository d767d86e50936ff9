"""COMPANY by shape: a core + legal form or group word (…集团, …有限公司), a short
name-like core + industry word (华茂机械), and the company named at the start of a project
name (华联集团年产…项目, 金丰科技(吴兴)…项目)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from yxnlp.extract.entities.brands import list_of_things, names_a_kind
from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import HAN, rules
from yxnlp.extract.entities.dictionary import tagged
from yxnlp.extract.entities.names import company_core_ok, core_of, place_at
from yxnlp.extract.entities.prefixes import matches
from yxnlp.extract.entities.words import (
    all_common,
    core_looks_generic,
    cut_left,
    name_like,
    reads_as_phrase,
    run_left,
    splits_word,
)


def find_companies(text: str, *, bounds: frozenset[int] | None = None) -> Iterator[Candidate]:
    """Companies by shape: core + legal form, or a short core + industry word (``bounds``:
    the segmenter's word boundaries; a name starts on one, with a word that can open a name).

    >>> [c.text for c in find_companies("协调解决华茂机械配套问题,向宏达集团拨付资金")]
    ['宏达集团', '华茂机械']
    """
    r = rules()
    out: list[Candidate] = []
    name_chars = f"[{HAN}A-Za-z()（）]"
    legal_matches = [m for m in r.legal_re.finditer(text) if m.group()]
    bad_next: dict[str, str] = r.company.legal_forms_bad_next
    bad_core = r.company.legal_form_bad_core_endings
    for m in legal_matches:
        nxt = text[m.end() : m.end() + 1]
        if nxt and (r.legal_re.match(text, m.end()) or nxt in bad_next.get(m.group(), "")):
            continue
        start = run_left(text, m.start(), name_chars, 20)
        if start > 0 and text[start - 1].isdigit():
            continue
        run = text[start : m.start()]
        start += cut_left(run, r.company_left)
        core = core_of(text[start : m.end()])
        if not company_core_ok(core) or (len(core) <= 6 and core_looks_generic(core, lax=True)):
            continue
        if reads_as_phrase(core) or not opens_a_name(text, start, m.start(), bounds):
            continue
        placed = len(core) < m.start() - start  # 包头|钢铁公司: a place names which one
        if core.endswith(tuple(bad_core.get(m.group(), ()))) or (all_common(core) and not placed):
            continue
        kind = m.group() == "公司" and names_a_kind(text[start : m.start()])
        if kind or (m.group() == "集团" and _clique(core)):
            continue  # 进出口公司: a kind of firm; 某某某集团: a person's faction
        out.append(Candidate("COMPANY", start, m.end(), text[start : m.end()], "rule:legal_form"))
    not_after = tuple(r.company.followed_not_company)
    for m in matches(r.industry_re, text, r.industry_index):
        if text.startswith(not_after, m.end()) or r.industry_re.match(text, m.end()):
            continue  # 汽车|玻璃: a product phrase, not the end of a name
        start = run_left(text, m.start(), f"[{HAN}]", 8)
        if start > 0 and text[start - 1].isdigit():
            continue
        run = text[start : m.start()]
        start += cut_left(run, r.company_left)
        core = text[start : m.start()]
        if not 2 <= len(core) <= 4 or not company_core_ok(core):
            continue
        if r.industry_re.fullmatch(core) or place_at(text, start, m.start()):
            continue
        if core_looks_generic(core) or not name_like(core) or reads_as_phrase(core):
            continue
        if not opens_a_name(text, start, m.start(), bounds) or _not_a_name_end(text, m):
            continue
        if list_of_things(text, start, m.end()) or _repeated_verb(text, start):
            continue
        out.append(Candidate("COMPANY", start, m.end(), text[start : m.end()], "rule:shape"))
    yield from out


def _repeated_verb(text: str, start: int) -> bool:
    """The name would open with a verb that opens the two short phrases before it too (投早投小
    投硬科技, 抓早抓小…): a run of parallel phrases, not a firm.

    >>> _repeated_verb("支持基金投早投小投硬科技", 8), _repeated_verb("支持华茂科技", 2)
    (True, False)
    >>> _repeated_verb("资本投早、投小、投硬科技", 8)
    True
    """
    c = text[start : start + 1]
    if not c or not ("\u4e00" <= c <= "\u9fff"):
        return False
    stop = "，,。；;、"
    phrase = f"{c}[^{c}{stop}]{{1,3}}、?"  # at most 5 characters: two end within 11 of start
    return re.search(f"{phrase}{phrase}$", text[max(0, start - 11) : start]) is not None


def _clique(core: str) -> bool:
    """A person's full name before 集团 makes a political faction (某某某集团), not a firm."""
    words = tagged(core)
    return bool(words) and words[-1][1] == "nr" and len(words[-1][0]) == 3


def _not_a_name_end(text: str, m: re.Match[str]) -> bool:
    """The industry word at ``m`` does not end a name: a dictionary word runs across either
    of its ends (争原|材料, 锂离子蓄|电池, 生态|环境), a sector word goes on into a noun
    (林草生态|治理, 生物|制造集群), or the name is a variety of the same sector in brackets
    (中医药（某某医药）).

    >>> import re
    >>> _not_a_name_end("争原材料", re.search("材料", "争原材料"))
    True
    >>> _not_a_name_end("林草生态治理", re.search("生态", "林草生态治理"))
    True
    >>> _not_a_name_end("华茂机械配套问题", re.search("机械", "华茂机械配套问题"))
    False
    """
    lo = max(0, m.start() - 3)
    window = text[lo : m.end() + 3]
    if splits_word(window, m.start() - lo) or splits_word(window, m.end() - lo):
        return True
    word = m.group()
    c = rules().company
    if word in c.sector_words:
        after = tagged(text[m.end() : m.end() + 4])
        if after and len(after[0][0]) >= 2:
            if after[0][1] in _NOUN_TAGS or after[0][0] in c.sector_verbs:
                return True
    start = run_left(text, m.start(), f"[{HAN}]", 8)
    return start > 0 and text[start - 1] in "（(" and text.endswith(word, 0, start - 1)


_NOUN_TAGS = frozenset({"n", "vn", "nz"})


_NOT_A_START = frozenset({"p", "c", "u", "r", "d", "k", "f"})
_FUNCTION_CHARS = frozenset("于者就即这那其某每各该此在对从向被把给和与及或的了着")


def opens_a_name(text: str, start: int, end: int, bounds: frozenset[int] | None) -> bool:
    """``text[start:end]`` (a name's core) starts on a word boundary, not with a function
    character or word (于某某, 这个, 就会), and holds no pronoun or counted numeral (四家, 三个,
    一九五四年): a name cut from the middle of a word or of a phrase is no name. One-character
    words are judged by the list of function characters only: jieba's tags for single
    characters (正, 六) are too often wrong to go by.

    >>> opens_a_name("一九五四年这个公司", 0, 7, None), opens_a_name("宏达集团", 0, 2, None)
    (False, True)
    >>> opens_a_name("正泰铝业", 0, 2, None), opens_a_name("于某某集团", 0, 3, None)
    (True, False)
    """
    if bounds is not None and start not in bounds:
        return False
    core = text[start:end]
    if not core or core[0] in _FUNCTION_CHARS:
        return False
    words = [(w, f) for w, f in tagged(core) if len(w) >= 2]
    if words and core.startswith(words[0][0]) and words[0][1] in _NOT_A_START:
        return False
    return not any(f[:1] in {"m", "r"} for _, f in words)
