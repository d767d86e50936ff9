"""What the structural stages hand to the extractors: one analysed report.

:class:`Analysis` is built by :func:`yxnlp.pipeline.analyse` from the stages below it
(ingest, clean, metadata, sections, segment) and read by the extractors in
:mod:`yxnlp.extract`. It lives in its own module so that the extractors depend on this value,
not on the pipeline that builds it.

>>> from yxnlp.ingest import from_text
>>> Analysis.__dataclass_fields__.keys() >= {"text", "masked", "meta", "sections", "doc"}
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from yxnlp.ingest import Source
from yxnlp.metadata import Metadata
from yxnlp.parts import Parts
from yxnlp.record import Section, Sentence, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc


@dataclass(frozen=True)
class Analysis:
    """Everything the extractors may look at. Offsets in all fields refer to ``text``."""

    source: Source
    text: str  # the source text, as in the record's spans
    furniture: list[Span]  # page furniture found by ``clean``
    masked: str  # ``text`` with page furniture blanked (same length)
    meta: Metadata
    sections: list[Section]
    sentences: list[Sentence]
    doc: Doc  # ``masked`` segmented; ``token.idx`` are source offsets
    segmenter: str
    parts: Parts  # where the plan part of the report lies
