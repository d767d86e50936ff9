"""Canonicalisation: the surface forms of one label in one document grouped into
entities — a company's short and full forms, a body's level and abbreviation, a place's short
form, a project's 园/基地/园项目 variants and one-character typos."""

from __future__ import annotations

import re

from yxnlp.extract.entities.data import rules
from yxnlp.extract.entities.names import core_of, cue_type


def _same_company(short: str, full: str) -> bool:
    """``short`` names the same company as ``full`` (prefix + legal form/group word, place).

    >>> _same_company("兴华", "兴华集团"), _same_company("兴华门窗", "兴华集团")
    (True, False)
    >>> _same_company("丰源科技", "浙江丰源科技股份有限公司")
    True
    """
    if short == full:
        return True
    r = rules()
    groups = tuple(r.company.group_words) + tuple(r.company.legal_forms)
    for a, b in ((short, full), (core_of(short), core_of(full))):
        if b.startswith(a) and len(a) >= 2 and b[len(a) :] in groups:
            return True
        if a == b and len(a) >= 2:
            return True
    return False


def _org_key(name: str) -> tuple[str, str, str]:
    """(level, full department core, suffix) of a government body."""
    r = rules()
    abbr: dict[str, str] = r.org.abbreviations
    m = r.org_core_re.search(name)
    b = r.org_body_re.search(name)
    if b and b.end() == len(name) and (not m or m.end() != len(name)):
        body = r.org.body_short_forms.get(b.group("body"), b.group("body"))
        level = r.level_key_re.sub(r"\1", name[: b.start("body")])
        return (level, "", body)
    if not m or m.end() != len(name):
        return ("", name, "")
    prefix = name[: m.start()]
    level = ""
    if prefix:
        level = r.level_key_re.sub(r"\1", prefix)
    core = abbr.get(m.group("core"), m.group("core"))
    return (level, core, m.group("suffix"))


def _named_region(name: str) -> tuple[str, str] | None:
    """(head, kind) of a named region written as the whole name (成渝地区双城经济圈)."""
    m = rules().region_re.fullmatch(name)
    return (m.group("head"), m.group("kind")) if m else None


def canonical_groups(label: str, names: list[str]) -> dict[str, str]:
    """Map each surface form of one label to its canonical form within a document.

    >>> g = canonical_groups("COMPANY", ["兴华", "兴华集团", "兴华门窗"])
    >>> g["兴华"], g["兴华门窗"]
    ('兴华集团', '兴华门窗')
    >>> canonical_groups("COMPANY", ["瑞明工业", "瑞明"])["瑞明"]
    '瑞明工业'
    >>> canonical_groups("PLACE", ["嘉兴市", "嘉兴"])["嘉兴"]
    '嘉兴市'
    >>> canonical_groups("PROJECT", ["光电产业基地", "光电产业园项目"])["光电产业园项目"]
    '光电产业基地'
    >>> canonical_groups("ORG", ["嘉兴市南湖区经济和信息化局", "区经信局", "商务局", "区商务局"])["区经信局"]
    '嘉兴市南湖区经济和信息化局'
    """
    uniq = list(dict.fromkeys(names))
    out = {n: n for n in uniq}
    if label == "COMPANY":
        by_len = sorted(uniq, key=len, reverse=True)
        for n in uniq:
            for full in by_len:
                if len(full) > len(n) and _same_company(n, full):
                    out[n] = out.get(full, full)
                    break
            else:  # a bare short form extended by exactly one longer name (瑞明 → 瑞明工业)
                longer = [f for f in uniq if len(f) > len(n) >= 2 and f.startswith(n)]
                if len(longer) == 1 and not rules().industry_re.search(n[2:]):
                    out[n] = longer[0]
    elif label == "PLACE":
        stems = rules().place_stems
        for n in uniq:
            if n in stems and stems[n] in out:
                out[n] = stems[n]
        for n in uniq:  # named regions: same head and kind (成渝地区双城经济圈 = 成渝经济圈)
            m = _named_region(n)
            if not m:
                continue
            for o in uniq:
                mo = _named_region(o)
                if o != n and mo and mo == m and uniq.index(o) < uniq.index(n):
                    out[n] = out[o]
                    break
    elif label == "PROJECT":
        keys: dict[str, str] = {}
        for n in uniq:
            key = _project_variant_key(n)
            if key is None:
                continue
            hit = keys.get(key) or next((v for k, v in keys.items() if _typo_same(k, key)), None)
            if hit:
                out[n] = hit
            else:
                keys[key] = n
    elif label == "ORG":
        bodies: dict[tuple[str, str, str], str] = {}
        for n in sorted(uniq, key=len, reverse=True):
            k = _org_key(n)
            if not k[2]:
                continue
            same = [
                f
                for fk, f in bodies.items()
                if fk[1:] == k[1:] and (not k[0] or not fk[0] or fk[0] == k[0])
            ]
            if same:
                out[n] = same[0]
            else:
                bodies[k] = n
    return out


def _project_variant_key(name: str) -> str | None:
    """The shared core of park/base/project variants (光电产业园 = 光电产业基地 = 光电产业园项目)."""
    base = name.removesuffix("项目")
    m = re.match("^(.{2,}?)(?:产业园区|产业园|产业基地|工业园区|工业园|园区|基地|园)$", base)
    if not m:
        return name if cue_type(name) != "platform" else None
    core = m.group(1)
    return core + "产业" if not core.endswith("产业") else core


def _typo_same(a: str, b: str) -> bool:
    """Cores of five or more characters that differ in one character (a typo)."""
    if len(a) != len(b) or len(a) < 5:
        return False
    return sum(x != y for x, y in zip(a, b, strict=True)) == 1
