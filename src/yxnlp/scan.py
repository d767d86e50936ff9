"""Cue patterns scanned only where a match can start.

Python's regex engine skips quickly to where a match can start only when the pattern opens
with a literal, a character class, or an alternation whose every branch opens with a literal.
A cue list compiled into one alternation of lookbehinds, optional prefixes and named groups
(``(?P<target_0>力争)|…|(?<!努力)争取(?=达到|…)``) gets none of that: every branch is tried at
every position of every sentence read for every figure. :func:`compile` reads the parsed
pattern once for the characters a match can start with and, where the engine would not skip
by itself, tries the pattern only at those characters. The matches are the same: a match
starts with one of them, and a match tried from a later position sees the same text around it
(lookbehinds look before ``pos``, anchors are the real string's).

>>> cue = compile("(?P<a>预计)|(?<!努力)争取(?=达到)")
>>> cue.guard.pattern
'[预争]'
>>> [m.group() for m in cue.finditer("预计全年争取达到6%，努力争取达到7%")]
['预计', '争取']
>>> compile("增长|下降").guard is None, compile("(?P<plan>十四五|十五五)期间").guard is None
(True, True)
>>> cue.sub("", "全年力争达到"), cue.sub("", "预计增长")
('全年力争达到', '增长')
>>> print(compile(r"[。；]+|\\n+|[^\\S\\n]{2,}").guard.pattern)  # white space but a line break: in \\s
[。；\\u000a\\s]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_ZERO_WIDTH = (sre.ASSERT, sre.ASSERT_NOT, sre.AT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


@dataclass(frozen=True, slots=True)
class Guarded:
    """A compiled pattern with the class of characters its matches start with (``guard``;
    ``None``: scan as the engine does)."""

    rx: re.Pattern[str]
    guard: re.Pattern[str] | None
    required: str | None = None  # a character every match holds: a range without it has none

    @property
    def pattern(self) -> str:
        return self.rx.pattern

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        """As :meth:`re.Pattern.finditer` (a pattern that can match empty is never guarded)."""
        end = len(text) if endpos is None else endpos
        if self.required is not None and text.find(self.required, pos, end) < 0:
            return
        if self.guard is None:
            yield from self.rx.finditer(text, pos, end)
            return
        search, match = self.guard.search, self.rx.match
        while (g := search(text, pos, end)) is not None:
            m = match(text, g.start(), end)
            if m is None:
                pos = g.start() + 1
            else:
                yield m
                pos = m.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if self.guard is None and self.required is None:
            return self.rx.search(text, pos, len(text) if endpos is None else endpos)
        return next(self.finditer(text, pos, endpos), None)

    def last(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The last match in ``text[pos:endpos]``, as the last of :meth:`finditer`."""
        found = None
        for found in self.finditer(text, pos, endpos):  # noqa: B007 - the last one
            pass
        return found

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return self.rx.match(text, pos, len(text) if endpos is None else endpos)

    def sub(self, repl: str, text: str) -> str:
        """As :meth:`re.Pattern.sub`; a text without a character a match starts with is
        returned as it is."""
        if self.guard is not None and self.guard.search(text) is None:
            return text
        if self.required is not None and self.required not in text:
            return text
        return self.rx.sub(repl, text)


@functools.lru_cache(maxsize=512)
def compile(pattern: str, *, guard: bool = True) -> Guarded:
    """``pattern`` compiled, guarded where the engine would try it at every position (unless
    ``guard`` is false: where its first characters are common, the engine scans faster), with
    a character every match holds when the pattern has one (kept, as :func:`re.compile` keeps
    its patterns).

    >>> months = compile(r"(?P<a>[1-9]|十[一二]?)\\s*[-至]\\s*(?P<b>[1-9]|十[一二]?)月", guard=False)
    >>> months.guard, months.required, list(months.finditer("1-11日，全年"))
    (None, '月', [])
    """
    rx = re.compile(pattern)
    parsed = sre_parse.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return Guarded(rx, None)
    seq = list(parsed)
    required = _required(seq)
    if not guard or _engine_skips(seq):
        return Guarded(rx, None, required)
    chars, empty = _first(seq)
    if chars is None or empty or not chars:
        return Guarded(rx, None, required)
    return Guarded(rx, re.compile("[" + "".join(dict.fromkeys(chars)) + "]"), required)


def _required(seq: list[Any]) -> str | None:
    """A literal character of the pattern's own sequence (or of a group or a repeat at least
    once in it): every match holds it."""
    for op, av in seq:
        if op is sre.LITERAL:
            return chr(av)
        inner = av[3] if op is sre.SUBPATTERN else av[2] if op in _REPEATS and av[0] >= 1 else None
        if inner is not None and (found := _required(list(inner))) is not None:
            return found
    return None


def _engine_skips(seq: list[Any]) -> bool:
    """The engine finds the start of a match itself: the pattern opens (in a group or not)
    with a literal or a class, or with an alternation whose every branch opens with a
    literal."""
    if not seq:
        return False
    op, av = seq[0]
    if op is sre.SUBPATTERN:
        return _engine_skips(list(av[3]))
    if op in (sre.LITERAL, sre.IN):
        return True
    return op is sre.BRANCH and all(b and b[0][0] is sre.LITERAL for b in av[1])


def _first(seq: list[Any]) -> tuple[list[str] | None, bool]:
    """The characters (as class items) a match of ``seq`` can start with, and whether it can
    match the empty string; ``None``: any character may start it."""
    out: list[str] = []
    for op, av in seq:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            return [*out, _escaped(av)], False
        if op is sre.IN:
            items = _class_items(av)
            return (None if items is None else [*out, *items]), False
        if op is sre.SUBPATTERN:
            sub, empty = _first(av[3])
        elif op is sre.BRANCH:
            sub, empty = [], False
            for branch in av[1]:
                chars, e = _first(branch)
                if chars is None:
                    return None, False
                sub, empty = sub + chars, empty or e
        elif op in _REPEATS:
            sub, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False
        if sub is None:
            return None, False
        out += sub
        if not empty:
            return out, False
    return out, True


#: Class categories, and the negated ones whose class they narrow (``[^\S\n]``: white space
#: but a line break, within ``\s``): a guard may start more candidates than the pattern.
_CATEGORIES = {sre.CATEGORY_SPACE: r"\s", sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w"}
_NARROWED = {
    sre.CATEGORY_NOT_SPACE: r"\s", sre.CATEGORY_NOT_DIGIT: r"\d", sre.CATEGORY_NOT_WORD: r"\w"
}  # fmt: skip


def _class_items(items: list[Any]) -> list[str] | None:
    """A character class as class items (a superset where a negated class excludes a
    category); ``None``: it may hold any character."""
    if items and items[0][0] is sre.NEGATE:
        narrowed = [_NARROWED[av] for op, av in items if op is sre.CATEGORY and av in _NARROWED]
        return narrowed[:1] or None  # [^\S…] lies within \s
    out: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(_escaped(av))
        elif op is sre.RANGE:
            out.append(f"{_escaped(av[0])}-{_escaped(av[1])}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:
            return None
    return out


def _escaped(code: int) -> str:
    """A character as a class item (``\\uXXXX`` when it does not print)."""
    ch = chr(code)
    return re.escape(ch) if ch.isprintable() else f"\\u{code:04x}"
