"""Script: a simplified-Chinese view of a report written in traditional characters.

Rules, vocabularies, the gazetteer and the segmenter's dictionary are simplified Chinese, so a
traditional-script report (a Big5 page, a wikisource text in 繁體) is matched through a view
converted by OpenCC (``t2s``, the maintained converter; ``pip install opencc``). The view has the
source's length, character for character, so every offset found in it points into the source:
OpenCC's t2s tables map one character to one character, and where a phrase rule would change
the length the text is converted character by character instead (checked, never assumed).

Only a text that *is* traditional is converted (at least :data:`TRADITIONAL_SHARE` of its
ideographs change): a simplified report keeps its own characters, so a place such as 乾县 is
never rewritten 干县 because OpenCC reads 乾 as the traditional form of 干.

>>> simplified_view("全縣地區生產總值達到125.6億元，增長6.2%")
'全县地区生产总值达到125.6亿元，增长6.2%'
>>> text = "开工周至至乾县公路。" + "全县地区生产总值增长百分之六。" * 30
>>> simplified_view(text) == text  # simplified already: 乾县 stays
True
"""

from __future__ import annotations

import functools
import re
from typing import Any

from yxnlp.errors import ModelError

#: Share of a text's ideographs that must change under t2s for the text to count as traditional.
TRADITIONAL_SHARE = 0.005
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


def has_ideographs(text: str) -> bool:
    """Whether ``text`` holds a Chinese character.

    >>> has_ideographs("reports/2024"), has_ideographs("全区增长6%")
    (False, True)
    """
    return _IDEOGRAPH.search(text) is not None


@functools.cache
def _converter() -> Any:
    try:
        import opencc
    except ImportError as exc:  # pragma: no cover - a dependency of yxnlp
        raise ModelError("traditional-script reports need OpenCC: pip install opencc") from exc
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, with the same length (offsets unchanged).

    >>> to_simplified("乾隆年間的頭髮"), len(to_simplified("乾隆年間的頭髮"))
    ('乾隆年间的头发', 7)
    """
    convert = _converter().convert
    out = convert(text)
    if len(out) == len(text):
        return str(out)
    lines = []  # a phrase rule changed the length somewhere: line by line, then char by char
    for line in text.splitlines(keepends=True):
        done = convert(line)
        if len(done) != len(line):
            done = "".join(c if len(c := convert(ch)) == 1 else ch for ch in line)
        lines.append(done)
    return "".join(lines)


def simplified_view(text: str) -> str:
    """The text the rules read: ``text`` converted when it is written in traditional script,
    else ``text`` itself (same length either way). A text the conversion leaves as it is (a
    simplified report, the common case) costs one conversion and one comparison."""
    if not has_ideographs(text):
        return text
    view = to_simplified(text)
    if view == text:
        return text
    ideographs = len(text) - len(_IDEOGRAPH.sub("", text))
    changed = sum(a != b for a, b in zip(text, view, strict=True))
    return view if changed >= TRADITIONAL_SHARE * ideographs else text
