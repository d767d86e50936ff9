"""Government work reports (政府工作报告): issuer ``<region>人民政府``, the year they plan and
the year they review; also pages that start at the subtitle (``——2024年1月9日在县第十八届人民代表
大会第三次会议上``) with no title at all.

>>> subtitle(clean.content_lines("——2024年1月9日在浙江省第十四届人民代表大会第二次会议上\\n各位代表："))
(2024, Region(name='浙江省', code='330000'))
"""

from __future__ import annotations

from collections.abc import Sequence

from yxnlp import clean, gazetteer
from yxnlp.metadata import place
from yxnlp.metadata import title as titles
from yxnlp.metadata.dates import year
from yxnlp.metadata.model import Metadata
from yxnlp.metadata.rules import config
from yxnlp.record import Region


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


def review(meta: Metadata, text: str, rid: str) -> None:
    """A 政府工作报告 of year Y reviews Y-1 when its body says so."""
    if meta.plan_year is not None and _reviews_year(text, meta.plan_year - 1):
        meta.summary_year = meta.plan_year - 1
        meta.rules["summary_year"] = "body_cue:" + rid
        meta.summary_period, meta.rules["summary_period"] = str(meta.summary_year), "body_cue:" + rid


def gov_report(meta: Metadata, text: str, lines: Sequence[clean.Line], region_text: str | None,
                shape: titles.Shape) -> None:
    """A 政府工作报告: issuer <region>人民政府 (国务院 at the national level)."""
    rid, template = shape.rule.id, shape.rule.issuer_template or ""
    meta.plan_year = shape.plan
    if meta.plan_year is not None:
        meta.rules["plan_year"] = rid
    gaz = gazetteer.load()
    sub = subtitle(lines)
    region = gaz.resolve(region_text) or gaz.search(region_text) if region_text else None
    if region is None and sub is not None and sub[1] is not None:
        region = sub[1]
        meta.rules["region"] = "subtitle"
    if meta.plan_year is None and sub is not None:
        meta.plan_year = sub[0]
        meta.rules["plan_year"] = "subtitle"
    review(meta, text, rid)
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


def subtitle(lines: Sequence[clean.Line]) -> tuple[int, Region | None] | None:
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


def untitled_gov_report(meta: Metadata, text: str, head: str,
                         sub: tuple[int, Region | None], within: str | None) -> None:
    """A page that starts at the subtitle (``——2024年1月9日在县第十八届人民代表大会…``)."""
    meta.plan_year, meta.rules["plan_year"] = sub[0], "subtitle"
    review(meta, text, "subtitle")
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
