"""Stage: document metadata — title, issuer, region, published date, summary and plan years.

The rules are data (``data/metadata.json``). The title is found in the opening lines past the
page's header block and doc-site chrome (:mod:`.header`, :mod:`.title`); its shape, such as
``<issuer><Y1>年工作总结和<Y2>年工作计划`` or ``<Y>年<region>政府工作报告``, gives the issuer and
the years. The region is the longest chain of gazetteer names in the issuer or title, else the
zone, header, signature or posting line that names it, else the places of the opening paragraphs
at the level the report speaks for (:mod:`.place`). Values a user gives win (:mod:`.user`).
``Metadata.rules`` says which rule produced each field.

>>> m = read_metadata("温州市龙湾区发展和改革局2023年工作总结及2024年工作思路\\n发布时间：2024-01-12\\n")
>>> m.issuer, m.region.code, m.published, m.summary_year, m.plan_year
('温州市龙湾区发展和改革局', '330303', '2024-01-12', 2023, 2024)
>>> m = read_metadata("2025年中华人民共和国国务院政府工作报告\\n\\n一、2024年工作回顾\\n")
>>> m.issuer, m.region.name, m.summary_year, m.plan_year
('国务院', '中华人民共和国', 2024, 2025)
>>> m = read_metadata("区工信局2023年上半年工作总结\\n2023年上半年，区工信局在区委、区政府领导下，"
...                   "推动海曙区工业稳进提质。\\n", user={"published": "2023-07-10"})
>>> m.issuer, m.region.code, m.summary_period, m.rules["issuer"], m.rules["published"]
('宁波市海曙区工信局', '330203', '2023-01..2023-06', 'issuer:completed', 'user')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from yxnlp import clean, gazetteer
from yxnlp.metadata import gov, header, origin
from yxnlp.metadata import title as titles
from yxnlp.metadata.dates import (
    find_date,
    normalize_years,
    published,
    published_date,
    summary_period,
    year,
)
from yxnlp.metadata.model import Metadata
from yxnlp.metadata.rules import config
from yxnlp.metadata.user import (
    MANIFEST_COLUMNS,
    UserMetadata,
    read_manifest,
    region_from_url,
    user_metadata,
)

__all__ = ["MANIFEST_COLUMNS", "Metadata", "UserMetadata", "apply_user_metadata", "find_date",
           "normalize_years", "published_date", "read_manifest", "read_metadata",
           "region_from_url", "user_metadata"]


def read_metadata(
    text: str,
    *,
    title: str | None = None,
    user: Mapping[str, str] | UserMetadata | None = None,
    lines: Sequence[clean.Line] | None = None,
) -> Metadata:
    """Read a report's metadata from its source text (``title``: a hint from the page;
    ``user``: values a data team knows, checked by :func:`user_metadata`, that win;
    ``lines``: :func:`yxnlp.clean.content_lines` of ``text`` when the caller has them).

    >>> m = read_metadata("某某\\n2022-11-02 11:13文章来源: 某局\\n字体:【 】 打印\\n", title="无年份标题")
    >>> m.title, m.published, m.plan_year
    ('无年份标题', '2022-11-02', None)
    """
    given = user if isinstance(user, UserMetadata) else user_metadata(user or {})
    lines = clean.content_lines(text) if lines is None else lines
    page = header.read_page(lines)
    meta = Metadata(rules={})
    if "published" in page.fields:
        meta.published, meta.rules["published"] = page.fields["published"], "header:published"
    else:
        meta.published, rule = published(lines)
        if rule:
            meta.rules["published"] = rule
    hint = given.title or title
    trailing = _title(meta, lines, page, hint)
    shape = titles.shape(meta.title) if meta.title else None
    head = _head(lines, page)
    url_region = region_from_url(given.url) if given.url else None
    known = given.region or url_region
    within = known.code if known is not None else None
    if shape is not None and shape.rule.issuer_template:
        gov.gov_report(meta, text, lines, shape.region, shape)
    elif shape is None and (sub := gov.subtitle(lines)) is not None:
        gov.untitled_gov_report(meta, text, head, sub, within)
    else:
        _years(meta, shape, text, head)
        origin.issuer_and_region(meta, shape, trailing, page, head, text, within)
    if meta.region is None and url_region is not None:
        meta.region, meta.rules["region"] = url_region, "url:gov_host"
    return apply_user_metadata(meta, given)


def apply_user_metadata(meta: Metadata, user: Mapping[str, str] | UserMetadata) -> Metadata:
    """``meta`` with the user's values set (rule ``user``); a body name without a place
    (``县发改局``) is completed with the user's region.

    >>> m = apply_user_metadata(Metadata(issuer="县发改局"), {"region": "嘉善县", "plan_year": "2024"})
    >>> m.issuer, m.region.code, m.plan_year, m.rules
    ('嘉善县发改局', '330421', 2024, {'region': 'user', 'plan_year': 'user', 'issuer': 'issuer:completed'})
    """
    given = user if isinstance(user, UserMetadata) else user_metadata(user)
    for name in ("title", "issuer", "region", "published", "summary_year", "plan_year", "url"):
        value = getattr(given, name)
        if value is not None:
            setattr(meta, name, value)
            if name != "url":
                meta.rules[name] = "user"
    if given.summary_year is not None:
        meta.summary_period, meta.rules["summary_period"] = str(given.summary_year), "user"
    if given.issuer is not None and given.region is None:
        found = gazetteer.load().search(given.issuer)
        if found is not None:
            meta.region, meta.rules["region"] = found, "gazetteer:user_issuer"
    if meta.issuer and meta.region is not None and meta.rules.get("issuer") != "user":
        origin.complete(meta)
    return meta


# -- title -------------------------------------------------------------------------------------
def _title(meta: Metadata, lines: Sequence[clean.Line], page: header.Page,
           hint: str | None) -> str | None:
    """Set the title; return an issuer found stuck after the title words (mirror sites)."""
    found: tuple[str, str | None] | None = None
    if hint:
        found, rule = titles.clean_title(" ".join(hint.split())), "hint"
    elif "title" in page.fields:
        found, rule = titles.clean_title(page.fields["title"]), "header:title"
    elif (found := titles.find_title(lines, skip=page.header_lines)) is not None:
        rule = "title:line"
    elif (found := titles.file_name_title(lines)) is not None:
        rule = "title:file_name"
    if found is None or not found[0]:
        return None
    meta.title, meta.rules["title"] = found[0], rule
    return found[1]


def _head(lines: Sequence[clean.Line], page: header.Page) -> str:
    """The opening of the body: lines that are neither furniture nor the header block."""
    body = [ln.text for ln in lines if not ln.furniture and ln.index not in page.header_lines]
    return "\n".join(body)[: config().body_chars]


# -- years -------------------------------------------------------------------------------------
def _years(meta: Metadata, shape: titles.Shape | None, text: str, head: str) -> None:
    if shape is None:
        return
    rid = shape.rule.id
    meta.summary_year, meta.plan_year = shape.summary, shape.plan
    part = shape.period
    if shape.rule.plan_from_summary:  # 上半年工作总结和下半年工作计划
        meta.plan_year = meta.summary_year
    for name in ("summary_year", "plan_year"):
        if getattr(meta, name) is not None:
            meta.rules[name] = rid
    if shape.rule.summary_from_body and meta.summary_year is None:
        cfg = config()
        opening = "\n".join(head.splitlines()[: 1 + cfg.body_year_lines])
        if (m := cfg.body_year.search(opening)) and (y := year(m["year"])) is not None:
            meta.summary_year, meta.rules["summary_year"] = y, "body:year_lead"
            part = part or m["period"]
        elif part and meta.published and (y := _period_year(part, meta.published)) is not None:
            meta.summary_year, meta.rules["summary_year"] = y, "date:period_year"
    if meta.summary_year is not None:
        meta.summary_period = summary_period(meta.summary_year, part)
        meta.rules["summary_period"] = meta.rules["summary_year"]


def _period_year(part: str, published_on: str) -> int | None:
    """1-10月 in a page dated 2023-11-05 is 2023's: the year of a date after the period ends."""
    months = summary_period(0, part)
    if ".." not in months:
        return None
    last = int(months.rsplit("-", 1)[1])
    y, m = int(published_on[:4]), int(published_on[5:7])
    return y if m > last else None
