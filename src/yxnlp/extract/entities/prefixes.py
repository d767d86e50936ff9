"""Where the words of a long list can start in a text, found in one vectorised pass.

A rule that looks for the words of a list (gazetteer names, short place names, industry
words) with a regex alternation, or a Python loop over every character, spends most of its
time at offsets where no word starts. :class:`PrefixIndex` keeps the first two (or three)
characters of every word; :meth:`PrefixIndex.starts` compares the text's characters against
them with numpy and returns the few offsets worth a look. A list holding a word shorter than
the prefix cannot be indexed so: its index looks everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import cast

import numpy as np
from numpy.typing import NDArray

_CODE_POINTS = 0x110000
_BITS = 21  # a code point fits in 21 bits: three of them in one 64-bit number


class PrefixIndex:
    """The ``width``-character prefixes of a list of words, as tables of code points.

    >>> index = PrefixIndex(["湖州市", "湖州", "安吉县"])
    >>> index.starts("融入湖州市安吉县"), index.starts("无关"), index.starts("")
    ([2, 5], [], [])
    >>> PrefixIndex(["湖州市", "安吉县"], width=3).starts("湖州和湖州市")
    [3]
    >>> PrefixIndex([]).starts("湖州市")
    []
    """

    def __init__(self, words: Iterable[str], *, width: int = 2) -> None:
        ws = list(words)
        self.width = width
        self.everywhere = any(len(w) < width for w in ws)
        prefixes = sorted({w[:width] for w in ws if len(w) >= width})
        self._chars = np.zeros(_CODE_POINTS, dtype=np.uint8)  # bit i: a prefix's i-th char
        columns = [np.array([ord(p[i]) for p in prefixes], dtype=np.uint32) for i in range(width)]
        for i, col in enumerate(columns):
            self._chars[col] |= np.uint8(1 << i)
        self._codes = np.unique(_codes(columns))

    def starts(self, text: str) -> list[int]:
        """The offsets of ``text`` where a prefix of the list starts, in order (every
        offset when the list holds a word shorter than the prefix)."""
        if self.everywhere:
            return list(range(len(text)))
        n = len(text) - self.width + 1
        if n <= 0 or not len(self._codes):
            return []
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        columns = [points[i : i + n] for i in range(self.width)]
        maybe = np.ones(n, dtype=bool)
        for i, col in enumerate(columns):  # each character alone first: cheap, and most fail
            maybe &= (self._chars[col] & np.uint8(1 << i)) > 0
        at = np.flatnonzero(maybe)
        # looked up in the sorted prefixes: np.isin would sort all of them again at every
        # call (2 ms for the gazetteer's 32,000, whatever the length of the text)
        wanted = _codes([col[at] for col in columns])
        where = np.searchsorted(self._codes, wanted)
        found = self._codes[np.minimum(where, len(self._codes) - 1)] == wanted
        return cast("list[int]", at[found].tolist())


def _codes(columns: list[NDArray[np.uint32]]) -> NDArray[np.uint64]:
    """Characters side by side (one column per position) as one number per row."""
    out: NDArray[np.uint64] = np.zeros(len(columns[0]) if columns else 0, dtype=np.uint64)
    for col in columns:
        out = cast("NDArray[np.uint64]", (out << np.uint64(_BITS)) | col.astype(np.uint64))
    return out


def matches(pattern: re.Pattern[str], text: str, index: PrefixIndex) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern each of whose matches opens with a word of
    ``index``'s list (an alternation of the words): tried only where one starts.

    >>> words = ["机械", "电子", "电子商务"]
    >>> pattern = re.compile("电子商务|机械|电子")
    >>> [m.group() for m in matches(pattern, "华茂机械与宏远电子商务", PrefixIndex(words))]
    ['机械', '电子商务']
    """
    end = 0
    for start in index.starts(text):
        if start < end:
            continue
        m = pattern.match(text, start)
        if m is not None and m.end() > start:
            end = m.end()
            yield m
