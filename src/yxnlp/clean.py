"""Stage 2, clean: find page furniture and mask it without moving any offset.

(Skeleton. The ingest work item fills in the furniture patterns.)
"""

from __future__ import annotations

from yxnlp.record import Span


def find_furniture(text: str) -> list[Span]:
    return []


def mask(text: str, spans: list[Span]) -> str:
    """Replace each span by spaces of the same length, so offsets are unchanged.

    >>> mask("打印正文", [(0, 2)])
    '  正文'
    """
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] not in "\n":
                chars[i] = " "
    return "".join(chars)
