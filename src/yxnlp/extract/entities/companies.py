"""COMPANY by shape: a core + legal form or group word (…集团, …有限公司), a short
name-like core + industry word (华茂机械), and the company named at the start of a project
name (华联集团年产…项目, 金丰科技(吴兴)…项目)."""

from __future__ import annotations

from collections.abc import Iterator

from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import HAN, rules
from yxnlp.extract.entities.dictionary import tagged
from yxnlp.extract.entities.names import company_core_ok, core_of, place_at
from yxnlp.extract.entities.words import (
    all_common,
    core_looks_generic,
    cut_left,
    name_like,
    reads_as_phrase,
    run_left,
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
        if core.endswith(tuple(bad_core.get(m.group(), ()))) or all_common(core):
            continue
        out.append(Candidate("COMPANY", start, m.end(), text[start : m.end()], "rule:legal_form"))
    not_after = tuple(r.company.followed_not_company)
    for m in r.industry_re.finditer(text):
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
        if not opens_a_name(text, start, m.start(), bounds):
            continue
        out.append(Candidate("COMPANY", start, m.end(), text[start : m.end()], "rule:shape"))
    yield from out


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
