"""The title: where it stands in the opening lines, how to clean it, what its shape says.

The title is the first line of the opening that can be one: header blocks, doc-site headers
(``….docx``, ``ID:``, ``大小:``), ``温馨提示`` blocks, tag lines, site names, crumbs and the
subtitle are skipped; a salutation or the first sentence ends the search. Mirror sites stick
page markers, notes, dates and the issuer to it (``1、<title><issuer>2024年1月``): those are cut.
Then the title's shape (data: ``title_patterns``) gives the issuer and the years.

>>> clean_title("1、2023年工作总结及2024年工作打算某某区工信局2024年1月")
('2023年工作总结及2024年工作打算', '某某区工信局')
>>> clean_title("开发区招商引资工作汇报(精选18篇)")
('开发区招商引资工作汇报', None)
>>> shape("高新区2023年经济社会发展总体情况和2024年工作打算汇报").summary
2023
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from yxnlp import clean
from yxnlp.metadata.dates import normalize_years, year
from yxnlp.metadata.rules import TitlePattern, config


def find_title(lines: Sequence[clean.Line], *,
               skip: Collection[int] = ()) -> tuple[str, str | None] | None:
    """The first line of the opening that can be a title, cleaned as by :func:`clean_title`
    (``None`` if the body starts first).

    >>> find_title(clean.content_lines("下载文档\\nID:3188\\n2023 某县 工作总结\\n某县2023年工作总结\\n正文。"))
    ('某县2023年工作总结', None)
    >>> find_title(clean.content_lines("各位代表：\\n现在报告工作。")) is None
    True
    """
    cfg = config()
    in_block = False
    for line in [ln for ln in lines if not ln.furniture][: cfg.title_lines]:
        text = line.text
        if line.index in skip:
            continue
        if cfg.skip_block_start.search(text):
            in_block = True
            continue
        if in_block and cfg.skip_block_line.search(text):
            continue
        in_block = False
        if cfg.not_title.search(text):
            continue
        if (len(text) > cfg.title_max_chars or text.endswith(("：", ":"))
                or cfg.stop_title.search(text)):
            return None
        return clean_title(text)
    return None


def file_name_title(lines: Sequence[clean.Line]) -> tuple[str, str | None] | None:
    """A doc site's file-name line (``2023年某局工作总结.docx``) as a title, when nothing else is.

    >>> file_name_title(clean.content_lines("分享\\n2023年某局工作总结.docx\\n下载文档"))
    ('2023年某局工作总结', None)
    """
    cfg = config()
    for line in lines[: cfg.title_lines]:
        if (m := cfg.file_name.fullmatch(line.text)) is not None and m["stem"].strip():
            return clean_title(m["stem"])
    return None


def clean_title(text: str) -> tuple[str, str | None]:
    """(title, issuer found after the title words) with markers, notes and dates cut."""
    cfg = config()
    title = text.strip()
    for _ in range(2):  # a note may hide a date and the reverse
        for _rid, regex in cfg.title_strip:
            cut = regex.sub("", title, count=1).strip()
            title = cut or title
    issuer = None
    if (m := cfg.trailing_issuer.fullmatch("".join(title.split()))) is not None:
        compact = m["title"]
        title, issuer = _uncompact(title, compact), m["issuer"]
    return title, issuer


def _uncompact(spaced: str, compact: str) -> str:
    """The prefix of ``spaced`` holding the characters of ``compact`` (spaces ignored)."""
    n = 0
    for i, c in enumerate(spaced):
        if not c.isspace():
            n += 1
        if n == len(compact):
            return spaced[: i + 1]
    return spaced


# -- what the title's shape says ---------------------------------------------------------------
@dataclass(frozen=True)
class Shape:
    """The facts one title pattern read from a title."""

    rule: TitlePattern
    issuer: str | None = None
    region: str | None = None  # a place named where the pattern expects one
    summary: int | None = None
    plan: int | None = None
    period: str | None = None  # 上半年, 前三季度, 1-11月 …


def shape(title: str) -> Shape | None:
    """The first title pattern that matches, with its groups read.

    >>> s = shape("2023年度桐乡市经济和信息化局工作总结和2024年工作计划")
    >>> s.rule.id, s.issuer, s.summary, s.plan
    ('title:summary_and_plan', '桐乡市经济和信息化局', 2023, 2024)
    >>> s = shape("开发区2023年1-11月工作总结及2024年工作计划")
    >>> s.issuer, s.period
    ('开发区', '1-11月')
    >>> shape("关于开展安全生产大检查的通知") is None
    True
    """
    cfg = config()
    compact = normalize_years("".join(title.split()))
    for rule in cfg.title_patterns:
        m = rule.regex.search(compact)
        if not m:
            continue
        groups = m.groupdict()
        issuer = clean_issuer(groups.get("issuer") or "")
        topic = clean_issuer(groups.get("topic") or "")
        if issuer is None and topic and _looks_like_body(topic):
            issuer = topic  # 2023年度某市经信局工作总结: the body stands after the year
        return Shape(rule=rule, issuer=issuer, region=groups.get("region") or None,
                     summary=year(groups.get("summary")), plan=year(groups.get("plan")),
                     period=groups.get("period") or None)
    return None


def _looks_like_body(topic: str) -> bool:
    cfg = config()
    ends = (*cfg.org_suffixes, *cfg.zone_kinds)
    return len(topic) >= cfg.topic_issuer_min_chars and topic.endswith(ends)


def clean_issuer(value: str) -> str | None:
    """An issuer group without quotes, brackets and a trailing 关于/的."""
    cfg = config()
    value = value.strip(cfg.issuer_strip)
    for suffix in cfg.issuer_strip_suffixes:
        value = value.removesuffix(suffix)
    value = value.strip(cfg.issuer_strip)
    return value or None
