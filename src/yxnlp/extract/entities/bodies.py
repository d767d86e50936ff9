"""ORG: government and party bodies — [place or level] + department + suffix
(市发展改革委, 区经信局), level bodies (县委, 县政府), self references (我局), and
phrase patterns (国务院)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from yxnlp.extract.entities.candidate import Candidate
from yxnlp.extract.entities.data import HAN, ruler_candidates, rules
from yxnlp.extract.entities.names import place_chain_before
from yxnlp.extract.entities.prefixes import matches


def find_orgs(text: str, *, ruled: Sequence[Candidate] | None = None) -> Iterator[Candidate]:
    """Government and party bodies: [place|level] + department + suffix, level bodies, names.

    >>> [c.text for c in find_orgs("在县委县政府领导下,由我局牵头,会同市发展改革委和农业局开展")]
    ['县委', '县政府', '我局', '市发展改革委', '农业局']
    """
    r = rules()
    found: list[Candidate] = []
    levels = sorted(r.org_levels, key=len, reverse=True)
    ok_before = set('在由和与及、,，。;；:：(（“"的对向经从年 \n') | {""}

    def prefix_start(pos: int) -> int | None:
        chain = place_chain_before(text, pos)
        if chain < pos and text[chain] in "和与及" and any(c.end == chain for c in found):
            chain += 1  # 市政府和县委: the conjunction, not the county 和县
        if chain < pos:
            return chain
        for lv in levels:
            if text.startswith(lv, pos - len(lv)) and pos - len(lv) >= 0:
                s = pos - len(lv)
                before = text[s - 1] if s > 0 else ""
                if before in ok_before or any(c.end == s for c in found):
                    return s
                if text.endswith(r.company_left + r.project_left, 0, s):
                    return s
                return None
        return pos

    for m in r.org_body_re.finditer(text):
        s = prefix_start(m.start("body"))
        if s is None or s == m.start("body"):
            continue
        end = m.end()
        if text[end : end + 1] and m.group("body") == "委" and text[end] in "员托":
            continue
        found.append(Candidate("ORG", s, end, text[s:end], "rule:level_body"))
    for m in matches(r.org_core_re, text, r.org_core_index):
        nxt = text[m.end() : m.end() + 1]
        if nxt and nxt in r.org.bad_next_char.get(m.group("suffix"), ""):
            continue
        if text[m.end() : m.end() + 2] in r.org.not_org_followers:
            continue
        s = prefix_start(m.start())
        if s is None:
            continue
        if s == m.start():
            before = text[s - 1] if s > 0 else ""
            boundary = text.endswith(r.company_left + r.project_left, 0, s)
            if before not in ok_before and re.match(f"[{HAN}]", before) and not boundary:
                continue
        found.append(Candidate("ORG", s, m.end(), text[s : m.end()], "rule:department"))
    bare = "|".join(sorted(r.org.elided_bodies, key=len, reverse=True))
    for m in re.finditer(f"(?:{r.org.elided_after})(?P<body>{bare})", text):
        s, e = m.span("body")  # 镇党委、政府: the same place's government, its place left out
        found.append(Candidate("ORG", s, e, text[s:e], "rule:elided_body"))
    for ref in r.org.self_references:
        for m in re.finditer(re.escape(ref), text):
            found.append(Candidate("ORG", m.start(), m.end(), ref, "rule:self_reference"))
    found += [c for c in (ruler_candidates(text) if ruled is None else ruled) if c.label == "ORG"]
    found.sort(key=lambda c: c.start)
    yield from found
