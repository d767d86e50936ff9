"""Where the words of a long list can start in a text, found in one vectorised pass.

A rule that looks for the words of a list (gazetteer names, short place names, industry
words) with a regex alternation, or a Python loop over every character, spends most of its
time at offsets where no word starts. :class:`PairIndex` keeps the first two characters of
every word; :meth:`PairIndex.starts` compares the text's character pairs against them with
numpy and returns the few offsets worth a look. Words shorter than two characters cannot be
indexed so; an index of a list holding one looks everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import cast

import numpy as np
from numpy.typing import NDArray

_CODE_POINTS = 0x110000
_FIRST, _SECOND = 1, 2  # bits of the character table


class PairIndex:
    """The two-character prefixes of a list of words, as tables of code points.

    >>> index = PairIndex(["湖州市", "湖州", "安吉县"])
    >>> index.starts("融入湖州市安吉县"), index.starts("无关"), index.starts("")
    ([2, 5], [], [])
    """

    def __init__(self, words: Iterable[str]) -> None:
        ws = list(words)
        self.everywhere = any(len(w) < 2 for w in ws)
        prefixes = sorted({w[:2] for w in ws if len(w) >= 2})
        self._chars = np.zeros(_CODE_POINTS, dtype=np.uint8)
        first = np.array([ord(p[0]) for p in prefixes], dtype=np.uint32)
        second = np.array([ord(p[1]) for p in prefixes], dtype=np.uint32)
        self._chars[first] |= _FIRST
        self._chars[second] |= _SECOND
        self._pairs = np.unique(_pair_codes(first, second))

    def starts(self, text: str) -> list[int]:
        """The offsets of ``text`` whose two characters open a word of the list, in order
        (every offset when the list holds a one-character word)."""
        if self.everywhere:
            return list(range(len(text)))
        if len(text) < 2:
            return []
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        first, second = codes[:-1], codes[1:]
        maybe = np.flatnonzero(
            (self._chars[first] & _FIRST).astype(bool) & (self._chars[second] & _SECOND > 0)
        )  # a cheap look at each character alone, then the pairs of the few left
        found = np.isin(_pair_codes(first[maybe], second[maybe]), self._pairs)
        return cast("list[int]", maybe[found].tolist())


def _pair_codes(first: NDArray[np.uint32], second: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """Two code points (21 bits each) as one number."""
    return (first.astype(np.uint64) << np.uint64(21)) | second.astype(np.uint64)


def matches(pattern: re.Pattern[str], text: str, index: PairIndex) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern each of whose matches opens with a word of
    ``index``'s list (an alternation of the words): tried only where one starts.

    >>> words = ["机械", "电子", "电子商务"]
    >>> pattern = re.compile("电子商务|机械|电子")
    >>> [m.group() for m in matches(pattern, "华茂机械与宏远电子商务", PairIndex(words))]
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
