"""COMPANY by shape: a core + legal form or group word (…集团, …有限公司), a short
name-like core + industry word (华茂机械), and the company named at the start of a project
name (华联集团年产…项目, 金丰科技(吴兴)…项目)."""

from __future__ import annotations

from collections.abc import Iterator

from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import HAN, rules
from yxnlp.extract.entities.names import company_core_ok, core_of, place_at
from yxnlp.extract.entities.words import (
    all_common,
    core_looks_generic,
    cut_left,
    name_like,
    reads_as_phrase,
    run_left,
)


def find_companies(text: str) -> Iterator[Candidate]:
    """Companies by shape: core + legal form, or a short core + industry word.

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
        if reads_as_phrase(core):
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
        out.append(Candidate("COMPANY", start, m.end(), text[start : m.end()], "rule:shape"))
    yield from out

