"""Visual inspection: a record drawn on its source text, as one standalone HTML page.

:func:`load` and :func:`load_ref` (:mod:`yxnlp.show.load`) find a record and the text its spans
point into: a report processed now, a record file beside its text, or a stored record.

Every indicator and every entity mention is highlighted at exactly its record span (one colour
per indicator kind and per entity label); an indicators table and an entity list sit beside the
text, and clicking a row scrolls to its span and marks it. The page has inline CSS and script
and loads nothing from the network.

>>> from yxnlp.record import Document, Indicator, Record
>>> text = "2025年全县地区生产总值增长6%左右。"
>>> rec = Record(document=Document(id="x", source="县.txt"), indicators=[Indicator(
...     id="i1", text="6%左右", span=(14, 19), sentence_span=(0, 20), kind="growth",
...     source="rule:percent")])
>>> page = render_html(rec, text)
>>> '<mark class="hl ind k-growth" data-ref="i1" data-span="14-19"' in page
True
>>> highlights(rec, text)[0].text
'6%左右'
"""

from __future__ import annotations

import functools
import heapq
import html
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from yxnlp.record import Indicator, Record
from yxnlp.show.load import load, load_ref

__all__ = [
    "COLORS", "INDICATOR_COLUMNS", "Highlight", "displacy_data", "highlight_text", "highlights",
    "is_exact", "load", "load_ref", "render_html",
]  # fmt: skip

#: One colour per entity label and per indicator kind (also used for displaCy's ``colors``).
COLORS: dict[str, str] = {
    "COMPANY": "#7aecec",
    "PROJECT": "#bfeeb7",
    "ORG": "#aa9cfc",
    "PLACE": "#feca74",
    "amount": "#ffd6a5",
    "count": "#fdffb6",
    "percent": "#caffbf",
    "growth": "#a0c4ff",
    "share": "#bdb2ff",
    "quantity": "#ffc6ff",
}


@dataclass(frozen=True)
class Highlight:
    """One highlighted span: ``ref`` links it to its table row (``i3`` or ``e2-m0``)."""

    ref: str
    start: int
    end: int
    layer: str  # "ind" or "ent"
    tag: str  # indicator kind or entity label
    text: str  # the text the record claims for the span
    tip: str

    @property
    def css(self) -> str:
        prefix = "k" if self.layer == "ind" else "l"
        return f"hl {self.layer} {prefix}-{self.tag}"


def highlights(record: Record, text: str) -> list[Highlight]:
    """Every indicator and entity mention of ``record`` as a highlight, in record order.

    >>> from yxnlp.record import Document, Entity, Mention, Record
    >>> rec = Record(document=Document(id="x", source="a.txt"), entities=[Entity(
    ...     id="e1", label="COMPANY", name="某某科技", canonical="某某科技有限公司",
    ...     mentions=[Mention(text="某某科技", span=(2, 6), source="rule")])])
    >>> [(h.ref, h.tag, h.start, h.end) for h in highlights(rec, "支持某某科技扩产。")]
    [('e1-m0', 'COMPANY', 2, 6)]
    """
    out: list[Highlight] = []
    for ind in record.indicators:
        tip = f"{ind.subject or ''} {ind.text} · {ind.kind} · {ind.qualifier} · {ind.status}"
        if ind.key:
            tip += f" · {ind.key}"
        out.append(Highlight(ind.id, *ind.span, "ind", ind.kind, ind.text, tip.strip()))
    for ent in record.entities:
        for n, m in enumerate(ent.mentions):
            tip = f"{ent.label} · {ent.canonical} · {m.source}"
            out.append(Highlight(f"{ent.id}-m{n}", *m.span, "ent", ent.label, m.text, tip))
    return out


def is_exact(h: Highlight, text: str) -> bool:
    """True when the span is inside ``text`` and its slice equals the recorded text."""
    return 0 <= h.start < h.end <= len(text) and text[h.start : h.end] == h.text


def _open_tag(h: Highlight, part: int) -> str:
    return (
        f'<mark class="{h.css}" data-ref="{html.escape(h.ref)}" data-span="{h.start}-{h.end}"'
        f' data-part="{part}" title="{html.escape(h.tip)}">'
    )


def highlight_text(
    text: str, marks: Sequence[Highlight], *, furniture: Sequence[tuple[int, int]] = ()
) -> str:
    """``text`` escaped for HTML with each mark wrapped in ``<mark>``, nested where spans nest.

    A span that crosses the end of an enclosing one is cut into parts (``data-part`` 0, 1, …),
    so the parts of one mark, joined, are always exactly its source slice. Marks whose span does
    not fit the text are left out (the tables flag them).

    >>> h = Highlight("i1", 0, 3, "ind", "count", "3家", "")
    >>> highlight_text("3家<企业>", [h]).split('title="">')[1]
    '3家&lt;</mark>企业&gt;'
    """
    items: list[tuple[int, int, int, str, int]] = []  # start, -end, order, open tag, part
    for n, h in enumerate(marks):
        if 0 <= h.start < h.end <= len(text):
            items.append((h.start, -h.end, n, "", 0))
    for n, (s, e) in enumerate(furniture):
        if 0 <= s < e <= len(text):
            items.append((s, -e, len(marks) + n, '<span class="furniture">', 0))
    heapq.heapify(items)
    out: list[str] = []
    stack: list[tuple[int, str]] = []  # (end, closing tag)
    pos = 0
    while items:
        start, neg_end, order, tag, part = heapq.heappop(items)
        end = -neg_end
        while stack and stack[-1][0] <= start:
            out.append(html.escape(text[pos : stack[-1][0]]) + stack[-1][1])
            pos = stack.pop()[0]
        out.append(html.escape(text[pos:start]))
        pos = start
        if stack and end > stack[-1][0]:
            cut = stack[-1][0]
            heapq.heappush(items, (cut, -end, order, tag, part + 1))
            end = cut
        if order < len(marks):
            out.append(_open_tag(marks[order], part))
            stack.append((end, "</mark>"))
        else:
            out.append(tag)
            stack.append((end, "</span>"))
    while stack:
        out.append(html.escape(text[pos : stack[-1][0]]) + stack[-1][1])
        pos = stack.pop()[0]
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _cell(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def _number(value: float | None) -> str:
    """A number for a table cell: no exponent, thousands separated.

    >>> _number(158000000.0), _number(6.5), _number(None)
    ('158,000,000', '6.5', '')
    """
    if value is None:
        return ""
    return f"{value:,.10g}" if abs(value) < 1e15 else f"{value:.6g}"


#: The columns of the page's indicator table: fields of :class:`~yxnlp.record.Indicator`
#: (``value`` shows the value with its unit, ``normalized`` the normalized value, range and unit).
INDICATOR_COLUMNS: tuple[str, ...] = (
    "id", "subject", "text", "value", "normalized", "kind", "qualifier", "status", "period",
    "key", "entity", "source",
)  # fmt: skip


def _indicator_cell(ind: Indicator, column: str) -> object:
    """What the indicator table shows for ``column``: the field, numbers made readable.

    >>> from yxnlp.record import Normalized
    >>> ind = Indicator(id="i1", text="6%左右", span=(0, 5), sentence_span=(0, 9),
    ...     kind="growth", source="rule:percent", value=6, unit="%",
    ...     normalized=Normalized(value=6, max=6.5, unit="percent"))
    >>> [_indicator_cell(ind, c) for c in ("value", "normalized", "kind")]
    ['6 %', '6–6.5 percent', 'growth']
    """
    if column == "value":
        return f"{_number(ind.value)} {ind.unit or ''}".strip()
    if column == "normalized":
        norm = ind.normalized
        value = _number(norm.value) + (f"–{_number(norm.max)}" if norm.max is not None else "")
        return f"{value} {norm.unit or ''}".strip()
    return getattr(ind, column)


def _indicator_rows(record: Record, text: str) -> str:
    rows = []
    for ind in record.indicators:
        s, e = ind.span
        exact = 0 <= s < e <= len(text) and text[s:e] == ind.text
        cls = "row" + ("" if exact else " mismatch")
        rows.append(
            f'<tr class="{cls}" data-ref="{html.escape(ind.id)}" data-span="{s}-{e}">'
            + "".join(f"<td>{_cell(_indicator_cell(ind, c))}</td>" for c in INDICATOR_COLUMNS)
            + "</tr>"
        )
    return _table("indicators", list(INDICATOR_COLUMNS), rows)


def _entity_rows(record: Record, text: str) -> str:
    rows = []
    for ent in record.entities:
        links = []
        for n, m in enumerate(ent.mentions):
            s, e = m.span
            exact = 0 <= s < e <= len(text) and text[s:e] == m.text
            cls = "jump" if exact else "jump mismatch"
            links.append(
                f'<a class="{cls}" data-ref="{html.escape(ent.id)}-m{n}"'
                f' data-span="{s}-{e}" href="#">{html.escape(m.text)}</a>'
            )
        attrs = json.dumps(ent.attributes, ensure_ascii=False) if ent.attributes else ""
        first = ent.mentions[0].span if ent.mentions else (0, 0)
        rows.append(
            f'<tr class="row" data-ref="{html.escape(ent.id)}-m0"'
            f' data-span="{first[0]}-{first[1]}">'
            f"<td>{_cell(ent.id)}</td>"
            f'<td><span class="tag l-{ent.label}">{ent.label}</span></td>'
            f"<td>{_cell(ent.canonical)}</td><td>{_cell(attrs)}</td>"
            f"<td>{len(ent.mentions)}</td><td>{' '.join(links)}</td></tr>"
        )
    head = ["id", "label", "canonical", "attributes", "n", "mentions"]
    return _table("entities", head, rows)


def _legend(record: Record) -> str:
    counts: Counter[str] = Counter(i.kind for i in record.indicators)
    counts.update(e.label for e in record.entities)
    chips = []
    for tag in COLORS:
        prefix = "l" if tag.isupper() else "k"
        chips.append(f'<span class="tag {prefix}-{tag}">{tag} {counts.get(tag, 0)}</span>')
    return '<div id="legend">' + " ".join(chips) + "</div>"


def _header(record: Record, *, extra: str = "") -> str:
    d = record.document
    region = f"{d.region.name} ({d.region.code or '?'})" if d.region else ""
    facts = [
        ("source", d.source), ("issuer", d.issuer), ("region", region),
        ("published", d.published), ("summary year", d.summary_year),
        ("plan year", d.plan_year),
        ("yxnlp", record.provenance.yxnlp if record.provenance else None),
    ]  # fmt: skip
    items = "".join(f"<span><b>{k}</b> {_cell(v)}</span>" for k, v in facts if v)
    title = _cell(d.title or d.source)
    return f"<header><h1>{title}</h1><div class='facts'>{items}</div>{extra}</header>"


@functools.cache
def _asset(name: str) -> str:
    """A file of the page (``page.css``, ``page.js``) from ``data/show/``, read once."""
    return resources.files("yxnlp.data").joinpath("show", name).read_text(encoding="utf-8")


def _colour_css() -> str:
    rules = []
    for tag, colour in COLORS.items():
        prefix = "l" if tag.isupper() else "k"
        rules.append(
            f".{prefix}-{tag}, mark.hl.{prefix}-{tag} {{ background: {colour};"
            f" border-color: {colour}; }}"
        )
        if prefix == "k":
            rules.append(f"mark.k-{tag} {{ border-bottom-color: {_darker(colour)}; }}")
    return "\n".join(rules)


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.6) for c in (r, g, b)))


def render_html(
    record: Record, text: str, *, title: str | None = None, focus: str | None = None
) -> str:
    """The standalone inspection page for ``record`` over its source ``text``.

    ``focus`` (an indicator or entity id) is the item the page opens at: its span is marked
    and scrolled to, and its table row selected. Any page also opens at the item named by its
    address's fragment (``page.html#i12``).

    >>> from yxnlp.record import Document
    >>> rec = Record(document=Document(id="x", source="a.txt"), indicators=[Indicator(
    ...     id="i1", text="6%", span=(8, 10), sentence_span=(0, 11), kind="growth",
    ...     source="rule:percent")])
    >>> '<body data-focus="i1">' in render_html(rec, "全县生产总值增长6%。", focus="i1")
    True
    """
    marks = highlights(record, text)
    body = highlight_text(text, marks, furniture=list(record.document.furniture))
    page_title = html.escape(title or record.document.title or record.document.source)
    layers = (
        '<div id="layers"><label><input type="checkbox" value="ind" checked> indicators</label> '
        '<label><input type="checkbox" value="ent" checked> entities</label></div>'
    )
    opening = f'<body data-focus="{html.escape(focus)}">' if focus else "<body>"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{page_title}</title><style>{_asset('page.css')}\n{_colour_css()}</style></head>"
        f"{opening}{_header(record, extra=_legend(record))}"
        f'<main><div id="text" lang="zh-CN">{body}</div><div id="side">{layers}'
        f"<h2>Indicators ({len(record.indicators)})</h2>{_indicator_rows(record, text)}"
        f"<h2>Entities ({len(record.entities)})</h2>{_entity_rows(record, text)}</div></main>"
        f"<script>{_asset('page.js')}</script></body></html>\n"
    )


def displacy_data(
    record: Record, text: str, *, layers: tuple[str, ...] = ("ind", "ent")
) -> dict[str, Any]:
    """The record as displaCy ``manual=True`` input for ``style="ent"`` (labels = kind/label).

    displaCy's entity style cannot nest, so where spans overlap the earlier (then longer) one
    is kept. Colours: ``options={"colors": COLORS}``.

    >>> from yxnlp.record import Document, Indicator, Record
    >>> rec = Record(document=Document(id="x", source="a.txt"), indicators=[Indicator(
    ...     id="i1", text="12家", span=(4, 7), sentence_span=(0, 8), kind="count",
    ...     source="rule:count")])
    >>> displacy_data(rec, "新增企业12家。")["ents"]
    [{'start': 4, 'end': 7, 'label': 'count'}]
    """
    marks = [h for h in highlights(record, text) if h.layer in layers and is_exact(h, text)]
    marks.sort(key=lambda h: (h.start, -h.end))
    ents: list[dict[str, Any]] = []
    last_end = 0
    for h in marks:
        if h.start >= last_end:
            ents.append({"start": h.start, "end": h.end, "label": h.tag})
            last_end = h.end
    return {"text": text, "ents": ents, "title": record.document.title}


def _table(table_id: str, head: list[str], rows: list[str]) -> str:
    """An HTML table with a header row and the given body rows."""
    header = "".join(f"<th>{h}</th>" for h in head)
    body = "\n".join(rows)
    return f'<table id="{table_id}"><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>'
