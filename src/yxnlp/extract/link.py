"""Linking entities and indicators, after both extractors have run.

- A project's ``investment`` figure (found by :mod:`yxnlp.extract.entities` with its span in
  ``attributes.investment_span``) is tied to the indicator at that span:
  ``attributes.investment_indicator`` gets the indicator's id and the indicator's ``entity``
  is the project (also when a place nested in the project's name was chosen before).
- Every indicator's ``entity`` names an entity by its canonical name: a surface form (a
  mention such as 兴华 for 兴华集团) is replaced by the canonical name, and each entity lists
  the ids of its indicators in ``attributes.indicators``.

Both lists come back as new objects; the inputs are not changed.

>>> from yxnlp.record import Entity, Indicator, Mention
>>> p = Entity(id="e1", label="PROJECT", name="X项目", canonical="X项目",
...            mentions=[Mention(text="X项目", span=(9, 12), source="rule:cue_project")],
...            attributes={"investment": "2亿", "investment_span": [4, 6]})
>>> i = Indicator(id="i1", text="2亿元", span=(4, 7), sentence_span=(0, 13), kind="amount",
...               source="rule:money")
>>> ents, inds = link([p], [i])
>>> ents[0].attributes["investment_indicator"], inds[0].entity, i.entity
('i1', 'X项目', None)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from yxnlp.record import Entity, Indicator


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _investment_indicator(entity: Entity, indicators: Sequence[Indicator]) -> Indicator | None:
    span = entity.attributes.get("investment_span")
    if not span:
        return None
    target = (int(span[0]), int(span[1]))
    hits = [i for i in indicators if _overlaps((i.span[0], i.span[1]), target)]
    return min(hits, key=lambda i: abs(i.span[0] - target[0])) if hits else None


def link(
    entities: Sequence[Entity], indicators: Sequence[Indicator]
) -> tuple[list[Entity], list[Indicator]]:
    """Tie investment figures to indicators and make indicator entities canonical."""
    attrs: dict[str, dict[str, Any]] = {e.id: dict(e.attributes) for e in entities}
    owner_of: dict[str, str | None] = {i.id: i.entity for i in indicators}
    for e in entities:
        if e.label != "PROJECT":
            continue
        ind = _investment_indicator(e, indicators)
        if ind is None:
            continue
        attrs[e.id]["investment_indicator"] = ind.id
        attrs[e.id]["investment"] = attrs[e.id].get("investment") or ind.text
        owner_of[ind.id] = e.canonical  # the figure is the project's, whatever else it touches
    canonical: dict[str, Entity] = {}
    for e in entities:
        for form in (e.canonical, e.name, *(m.text for m in e.mentions)):
            canonical.setdefault(form, e)
    for ind in indicators:
        name = owner_of[ind.id]
        owner = canonical.get(name) if name is not None else None
        if owner is None:
            continue
        owner_of[ind.id] = owner.canonical
        attrs[owner.id].setdefault("indicators", []).append(ind.id)
    ents = [e.model_copy(update={"attributes": attrs[e.id]}) for e in entities]
    inds = [
        i if i.entity == owner_of[i.id] else i.model_copy(update={"entity": owner_of[i.id]})
        for i in indicators
    ]
    return ents, inds
