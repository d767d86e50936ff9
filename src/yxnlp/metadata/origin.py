"""Issuer and region of reports other than government work reports.

Candidates for the issuer, in order: the title's body, one stuck after the title, the header's
发布机构, the signature, 受…人民政府委托, a department posting its own page, a bureau naming
itself in the first sentence; one whose name holds a place wins. The region comes from that
name or the title, else a zone, a posting line or signature, else the body at the report's level
(:mod:`.place`); a name without a place (区工信局) is then completed with it.
"""

from __future__ import annotations

from yxnlp import gazetteer
from yxnlp.metadata import header, place
from yxnlp.metadata import title as titles
from yxnlp.metadata.model import Metadata
from yxnlp.metadata.rules import config
from yxnlp.record import Region


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


def issuer_and_region(meta: Metadata, shape: titles.Shape | None, trailing: str | None,
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
    cands += [(s, "issuer:source_line") for s in page.sources
              if s.endswith(cfg.department_suffixes)]  # a government posts others' reports
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
        complete(meta)


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


def complete(meta: Metadata) -> None:
    """区工信局 + the region found → 福州市鼓楼区工信局."""
    assert meta.issuer is not None and meta.region is not None
    if _has_place(meta.issuer) or meta.zone or meta.region.code is None:
        return
    div = gazetteer.load().get(meta.region.code)
    if div is not None and (done := place.complete_issuer(meta.issuer, div)) is not None:
        meta.issuer, meta.rules["issuer"] = done, "issuer:completed"
