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
from dataclasses import dataclass, field

from yxnlp import clean, gazetteer
from yxnlp.metadata import header, place
from yxnlp.metadata import title as titles
from yxnlp.metadata.dates import (
    find_date,
    normalize_years,
    published,
    published_date,
    summary_period,
    year,
)
from yxnlp.metadata.rules import config
from yxnlp.metadata.user import (
    MANIFEST_COLUMNS,
    UserMetadata,
    read_manifest,
    region_from_url,
    user_metadata,
)
from yxnlp.record import Region

__all__ = ["MANIFEST_COLUMNS", "Metadata", "UserMetadata", "apply_user_metadata", "find_date",
           "normalize_years", "published_date", "read_manifest", "read_metadata",
           "region_from_url", "user_metadata"]


@dataclass
class Metadata:
    title: str | None = None
    issuer: str | None = None
    region: Region | None = None
    published: str | None = None
    summary_year: int | None = None
    plan_year: int | None = None
    rules: dict[str, str] = field(default_factory=dict)  # field name -> rule id
    summary_period: str | None = None  # "2023", or months: "2023-01..2023-06"
    zone: str | None = None  # a development or high-tech zone: "襄阳高新区"
    url: str | None = None  # the page's address, when a user gives it


def read_metadata(text: str, *, title: str | None = None,
                  user: Mapping[str, str] | UserMetadata | None = None) -> Metadata:
    """Read a report's metadata from its source text (``title``: a hint from the page;
    ``user``: values a data team knows, checked by :func:`user_metadata`, that win).

    >>> m = read_metadata("某某\\n2022-11-02 11:13文章来源: 某局\\n字体:【 】 打印\\n", title="无年份标题")
    >>> m.title, m.published, m.plan_year
    ('无年份标题', '2022-11-02', None)
    """
    given = user if isinstance(user, UserMetadata) else user_metadata(user or {})
    lines = clean.content_lines(text)
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
        _gov_report(meta, text, lines, shape.region, shape)
    elif shape is None and (sub := _subtitle(lines)) is not None:
        _untitled_gov_report(meta, text, head, sub, within)
    else:
        _years(meta, shape, text, head)
        _issuer_and_region(meta, shape, trailing, page, head, text, within)
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
        _complete(meta)
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


def _reviews_year(text: str, prev: int) -> bool:
    cfg = config()
    head = text[: cfg.summary_cue_chars]
    digits = str(prev)
    forms = {
        "prev": digits,
        "prev_cn": "".join("〇一二三四五六七八九"[int(c)] for c in digits),
        "prev_fw": digits.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    }
    return any(cue.format(**forms) in head for cue in cfg.summary_cues)


def _review(meta: Metadata, text: str, rid: str) -> None:
    """A 政府工作报告 of year Y reviews Y-1 when its body says so."""
    if meta.plan_year is not None and _reviews_year(text, meta.plan_year - 1):
        meta.summary_year = meta.plan_year - 1
        meta.rules["summary_year"] = "body_cue:" + rid
        meta.summary_period, meta.rules["summary_period"] = str(meta.summary_year), "body_cue:" + rid


# -- government work reports -------------------------------------------------------------------
def _gov_report(meta: Metadata, text: str, lines: Sequence[clean.Line], region_text: str | None,
                shape: titles.Shape) -> None:
    """A 政府工作报告: issuer <region>人民政府 (国务院 at the national level)."""
    rid, template = shape.rule.id, shape.rule.issuer_template or ""
    meta.plan_year = shape.plan
    if meta.plan_year is not None:
        meta.rules["plan_year"] = rid
    gaz = gazetteer.load()
    sub = _subtitle(lines)
    region = gaz.resolve(region_text) or gaz.search(region_text) if region_text else None
    if region is None and sub is not None and sub[1] is not None:
        region = sub[1]
        meta.rules["region"] = "subtitle"
    if meta.plan_year is None and sub is not None:
        meta.plan_year = sub[0]
        meta.rules["plan_year"] = "subtitle"
    _review(meta, text, rid)
    if region is None:
        if region_text and region_text.endswith(config().admin_suffixes):
            meta.issuer = template.format(region=region_text)  # a place the gazetteer lacks
            meta.rules["issuer"] = rid
        return
    meta.region = region
    meta.rules.setdefault("region", "gazetteer:title")
    if region.code == "100000":
        meta.issuer = config().national_issuer
    else:
        meta.issuer = template.format(region=region_text or region.name)
    meta.rules["issuer"] = rid


def _subtitle(lines: Sequence[clean.Line]) -> tuple[int, Region | None] | None:
    """——2026年1月27日在某省第十四届人民代表大会第四次会议上 → (2026, region or None)."""
    cfg = config()
    for line in [ln for ln in lines if not ln.furniture][: cfg.subtitle_lines]:
        m = cfg.subtitle.search(line.text)
        if not m or (y := year(m.group("year"))) is None:
            continue
        gaz = gazetteer.load()
        region = gaz.resolve("全国") if m.group("national") else gaz.search(m.group("region"))
        return y, region
    return None


def _untitled_gov_report(meta: Metadata, text: str, head: str,
                         sub: tuple[int, Region | None], within: str | None) -> None:
    """A page that starts at the subtitle (``——2024年1月9日在县第十八届人民代表大会…``)."""
    meta.plan_year, meta.rules["plan_year"] = sub[0], "subtitle"
    _review(meta, text, "subtitle")
    region = sub[1]
    if region is not None:
        meta.region, meta.rules["region"] = region, "subtitle"
    elif (cue := place.level_cue(head, None)) is not None:
        if (found := place.body_division(head, cue[0], within=within)) is not None:
            meta.region = Region(name=place.formal_name(found[0]), code=found[0].code)
            meta.rules["region"] = found[1]
    if meta.region is not None:
        name = config().national_issuer if meta.region.code == "100000" else None
        meta.issuer = name or meta.region.name + "人民政府"
        meta.rules["issuer"] = "issuer:gov_report"


# -- issuer and region of other reports --------------------------------------------------------
def _place_prefix(name: str) -> str | None:
    """The longest division name a body's name starts with (郏县市场监督管理局 → 郏县)."""
    gaz = gazetteer.load()
    for k in range(len(name) - 1, 1, -1):
        prefix = name[:k]
        if prefix.endswith(config().admin_suffixes) and (
                gaz.divisions(prefix) or gaz.resolve(prefix) is not None):
            return prefix
    return None


def _org_region(name: str, head: str = "") -> Region | None:
    """The region a body's name gives: the longest chain of names in it, else the division
    its name starts with; namesakes (新市镇) told apart by the places ``head`` names."""
    gaz = gazetteer.load()
    if (region := gaz.search(name)) is not None:
        return region
    if (prefix := _place_prefix(name)) is None:
        return None
    if (region := gaz.resolve(prefix)) is not None:
        return region
    named = {d.code for _, ds in place.mentions(head) for d in ds}
    found = [d for d in gaz.divisions(prefix)
             if any(a.code in named for a in gaz.lineage(d.code)[:-1])]
    return Region(name=place.formal_name(found[0]), code=found[0].code) if len(found) == 1 else None


def _has_place(name: str) -> bool:
    return gazetteer.load().search(name) is not None or _place_prefix(name) is not None


def _issuer_and_region(meta: Metadata, shape: titles.Shape | None, trailing: str | None,
                       page: header.Page, head: str, text: str, within: str | None) -> None:
    cfg = config()
    cands: list[tuple[str, str]] = []
    if shape is not None and shape.issuer:
        cands.append((shape.issuer, shape.rule.id))
    if trailing:
        cands.append((trailing, "title:trailing_issuer"))
    if "issuer" in page.fields:
        cands.append((page.fields["issuer"], "header:issuer"))
    if page.signature:
        cands.append((page.signature, "issuer:signature"))
    if shape is not None and shape.rule.issuer_on_behalf and (m := cfg.on_behalf.search(head)):
        cands.append((m["org"], "body:on_behalf"))
    depts = tuple(s for s in cfg.org_suffixes if "政府" not in s)
    cands += [(s, "issuer:source_line") for s in page.sources
              if s.endswith(depts) and not s.endswith("政府")]
    opening = "\n".join(head.splitlines()[: 1 + cfg.body_subject_lines])
    cands += [(m["org"], "issuer:body_subject") for m in cfg.body_subject.finditer(opening)][:1]
    cands = [(c, r) for c, r in cands if c not in cfg.self_references]
    full = [(c, r) for c, r in cands if _has_place(c)]
    if cands:
        meta.issuer, meta.rules["issuer"] = (full or cands)[0]
    if shape is not None and shape.region:
        region = gazetteer.load().resolve(shape.region) or gazetteer.load().search(shape.region)
        if region is not None:
            meta.region, meta.rules["region"] = region, "gazetteer:title"
    for source in (meta.issuer, meta.title):
        if meta.region is None and source and (region := gazetteer.load().search(source)):
            meta.region, meta.rules["region"] = region, "gazetteer:longest_chain"
    if meta.region is None and meta.issuer and (region := _org_region(meta.issuer, head)):
        meta.region, meta.rules["region"] = region, "gazetteer:issuer_start"
    if meta.region is None:
        _zone(meta, head)
    if meta.region is None:
        _region_from_body(meta, page, head, within)
    if meta.issuer and meta.region is not None:
        _complete(meta)


def _zone(meta: Metadata, head: str) -> None:
    found = place.find_zone(meta.issuer, head)
    if found is None or meta.issuer is None:
        return
    zone, div = found
    meta.zone, meta.rules["zone"] = zone, "region:zone"
    meta.region = Region(name=place.formal_name(div), code=div.code)
    meta.rules["region"] = "region:zone"
    kind = config().zone_regex.search(meta.issuer)
    if kind is not None and kind.start() == 0:  # 高新区 → 襄阳高新区 (管委会 kept)
        meta.issuer, meta.rules["issuer"] = zone + meta.issuer[kind.end():], "issuer:zone"


def _region_from_body(meta: Metadata, page: header.Page, head: str, within: str | None) -> None:
    partial = meta.issuer if meta.issuer and not _has_place(meta.issuer) else None
    cue = place.level_cue(head, partial)
    gaz = gazetteer.load()
    for org, rule in [*((s, "region:source_line") for s in page.sources),
                      *(((page.signature, "region:signature"),) if page.signature else ())]:
        region = _org_region(org, head)
        div = gaz.get(region.code) if region and region.code else None
        if div is not None and (cue is None or place.fits(div, cue[0])):
            meta.region, meta.rules["region"] = region, rule
            return
    if cue is not None and (found := place.body_division(head, cue[0], within=within)):
        div, rule = found
        meta.region, meta.rules["region"] = Region(name=place.formal_name(div), code=div.code), rule


def _complete(meta: Metadata) -> None:
    """区工信局 + the region found → 福州市鼓楼区工信局."""
    assert meta.issuer is not None and meta.region is not None
    if _has_place(meta.issuer) or meta.zone or meta.region.code is None:
        return
    div = gazetteer.load().get(meta.region.code)
    if div is not None and (done := place.complete_issuer(meta.issuer, div)) is not None:
        meta.issuer, meta.rules["issuer"] = done, "issuer:completed"
