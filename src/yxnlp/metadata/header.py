"""The page around a report: its header block, posting lines and signature.

Government pages put an information-disclosure block above the report (``索 引 号：…
发布机构：市经信局 发文日期：2024-01-19 名  称：…``): one field per line, several fields on
one line, or a label on one line and its value on the next. :func:`read_page` reads those
lines as fields (never as the title), the bodies named by posting lines (``来源：某某县人民政府``)
and the body that signs the report at its end.

>>> page = read_page(clean.content_lines(
...     "索 引 号: 0012/2024-00015 发布机构: 市经信局 发文日期: 2024-01-19 名  称: 2023年工作总结\\n"
...     "正文。\\n来源：某某县人民政府\\n"))
>>> page.fields["issuer"], page.fields["published"], page.fields["title"], page.sources
('市经信局', '2024-01-19', '2023年工作总结', ('某某县人民政府',))
>>> sorted(page.header_lines)
[0]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from yxnlp import clean
from yxnlp.metadata.dates import date_only, find_date
from yxnlp.metadata.rules import config

_SPACE = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Page:
    """What the page says about the report besides its text."""

    fields: dict[str, str] = field(default_factory=dict)  # title, issuer, published
    header_lines: frozenset[int] = frozenset()  # indices of header lines (never the title)
    sources: tuple[str, ...] = ()  # bodies named by 来源：… lines and the site's name
    signature: str | None = None  # a body alone on one of the last lines


def read_page(lines: Sequence[clean.Line]) -> Page:
    """Header fields, posting-line sources and the signature of one page."""
    fields, used = _header(lines)
    return Page(fields=fields, header_lines=frozenset(used), sources=_sources(lines),
                signature=_signature(lines))


def _pairs(text: str) -> list[tuple[str, str]]:
    """(label, value) for each header label in a line, the value running to the next label."""
    cfg = config()
    hits = list(cfg.header_label.finditer(text))
    if not hits or text[: hits[0].start()].strip(" 　【["):
        return []  # a header line starts with its label
    out = []
    for m, nxt in zip(hits, [*hits[1:], None], strict=True):
        value = text[m.end(): nxt.start() if nxt else len(text)]
        out.append((_SPACE.sub("", m["label"]), value.strip(" \t\u3000】]")))
    return out


def _header(lines: Sequence[clean.Line]) -> tuple[dict[str, str], set[int]]:
    cfg = config()
    values: dict[str, str] = {}  # label -> value
    used: set[int] = set()
    head = list(lines[: cfg.header_lines])
    for k, line in enumerate(head):
        if line.index in used:
            continue
        pairs = _pairs(line.text)
        if not pairs:
            continue
        used.add(line.index)
        if len(pairs) == 1 and not pairs[0][1] and k + 1 < len(head):
            nxt = head[k + 1]
            if not _pairs(nxt.text) and len(nxt.text) <= cfg.title_max_chars:
                pairs = [(pairs[0][0], nxt.text)]  # the label's value on the next line
                used.add(nxt.index)
        for label, value in pairs:
            if value and label not in values:
                values[label] = value
    fields: dict[str, str] = {}
    for name, labels in cfg.header_preference.items():
        for label in labels:
            raw = values.get(label)
            got = find_date(raw) if raw and name == "published" else raw
            if got:
                fields[name] = got
                break
    fields.pop("other", None)
    return fields, used


def _sources(lines: Sequence[clean.Line]) -> tuple[str, ...]:
    cfg = config()
    found: list[str] = []
    for line in lines[: cfg.header_lines]:
        orgs = [m["org"] for m in cfg.source_line.finditer(line.text)]
        if line.index < cfg.site_lines and (m := cfg.site_line.fullmatch(line.text)):
            orgs.append(m["org"])  # the site's name: 某某区人民政府门户网站
        for org in orgs:
            if org.endswith(tuple(cfg.org_suffixes)) and org not in found:
                found.append(org)
    return tuple(found)


def _signature(lines: Sequence[clean.Line]) -> str | None:
    cfg = config()
    tail = [ln for ln in lines[-cfg.signature_lines:] if not date_only(ln.text)]
    for line in reversed(tail):
        if (m := cfg.signature.fullmatch(line.text)) is not None:
            return m["org"]
    return None
