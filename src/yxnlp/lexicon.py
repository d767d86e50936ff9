"""Word lists for names: company brands, industry words, legal forms, places and bodies.

One resource shared by the NER model's features and the rule layer. The lists come from the
``companynameparser`` package (PyPI, Apache-2.0; its ``data/`` files are read, its parser is
never run), the shipped gazetteer (``data/gazetteer/``) and the body vocabulary of
``data/org_patterns.json``; ``data/lexicon.json`` says which file feeds which kind. Built once
per process, on first use. A hit is evidence, not a verdict: 阿宝 is a brand and a word.

>>> lex = load()
>>> "科技" in lex.words("trade"), "有限公司" in lex.words("legal")
(True, True)
>>> [(h.start, h.end, h.kind) for h in lex.hits("温州市商务局", kinds=("place", "body"))]
[(0, 2, 'place'), (0, 3, 'place'), (3, 5, 'body')]
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any, Literal, NamedTuple, get_args

from yxnlp import datacache
from yxnlp import resources as yxnlp_resources
from yxnlp.errors import ModelError

Kind = Literal["brand", "trade", "legal", "place", "body"]
#: The kinds in a fixed order: bit ``i`` of a hit mask is ``KINDS[i]``.
KINDS: tuple[Kind, ...] = get_args(Kind)
PACKAGE = "companynameparser"


class Hit(NamedTuple):
    """One lexicon word found in a text: ``text[start:end]`` is a word of ``kind``."""

    start: int
    end: int
    kind: Kind


class Lexicon:
    """Word sets by kind, held as one multi-pattern matcher over all of them (use :func:`load`).

    The matcher is the only table: each word maps to ``(length, mask)``, bit ``i`` of the mask
    set when the word is of kind ``KINDS[i]``. It is what a worker loads at start, so nothing
    else is kept beside it (the word sets by kind, read only while rule data is built, are
    recovered from it on demand).
    """

    def __init__(self, words: Mapping[Kind, Iterable[str]]) -> None:
        import ahocorasick

        masks: dict[str, int] = {}
        for bit, kind in enumerate(KINDS):
            for w in words.get(kind, ()):
                masks[w] = masks.get(w, 0) | (1 << bit)
        self.longest = max(map(len, masks), default=0)  #: the length of the longest word
        self._automaton: Any = ahocorasick.Automaton()
        for w, mask in masks.items():
            self._automaton.add_word(w, (len(w), mask))
        self._automaton.make_automaton()
        self._by_kind: dict[Kind, frozenset[str]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_by_kind": {}}  # the matcher alone is stored

    def words(self, kind: Kind) -> frozenset[str]:
        """The words of one kind (read out of the matcher once, then kept).

        >>> sorted(Lexicon({"legal": ["有限公司"], "trade": ["科技", "有限公司"]}).words("legal"))
        ['有限公司']
        """
        if kind not in self._by_kind:
            bit = 1 << KINDS.index(kind)
            self._by_kind[kind] = frozenset(
                w for w, (_, mask) in self._automaton.items() if mask & bit
            )
        return self._by_kind[kind]

    def kinds_of(self, word: str) -> tuple[Kind, ...]:
        """The kinds a whole word belongs to.

        >>> load().kinds_of("有限公司"), load().kinds_of("增长")
        (('legal',), ())
        """
        _, mask = self._automaton.get(word, (0, 0))
        return tuple(k for i, k in enumerate(KINDS) if mask >> i & 1)

    def spans(
        self, text: str, *, within: Iterable[tuple[int, int]] | None = None
    ) -> list[tuple[int, int, int]]:
        """Every word occurrence as ``(start, end, mask)``, overlaps included; bit ``i`` of
        ``mask`` is set when the word is of kind ``KINDS[i]`` (the fast form of :meth:`hits`).
        ``within``: sorted, disjoint ``(lo, hi)`` ranges; only the words that start in one are
        looked for (the matcher walks only those stretches: a caller that needs the words
        near a few cues need not pay for the whole text).

        >>> (0, 4, 4) in load().spans("有限公司")
        True
        >>> [(s, e) for s, e, _ in load().spans("甲有限公司乙有限公司", within=[(6, 7)])]
        [(6, 8), (6, 10)]
        """
        if not text or not self.longest:
            return []
        auto = self._automaton
        if within is None:
            return [(end + 1 - n, end + 1, mask) for end, (n, mask) in auto.iter(text)]
        out: list[tuple[int, int, int]] = []
        for lo, hi in within:
            stop = min(len(text), hi - 1 + self.longest)
            out += [
                (end + 1 - n, end + 1, mask)
                for end, (n, mask) in auto.iter(text, lo, stop)
                if end + 1 - n < hi
            ]
        return out

    def hits(self, text: str, *, kinds: Iterable[Kind] | None = None) -> list[Hit]:
        """Every occurrence of a word of ``kinds`` (all kinds by default), sorted by start,
        then end; a word of two kinds gives two hits.

        >>> [tuple(h) for h in load().hits("引进鸿图科技", kinds=("trade",))]
        [(4, 6, 'trade')]
        """
        wanted = 0
        for k in KINDS if kinds is None else kinds:
            wanted |= 1 << KINDS.index(k)
        out = [
            Hit(s, e, kind)
            for s, e, mask in self.spans(text)
            for i, kind in enumerate(KINDS)
            if (mask & wanted) >> i & 1
        ]
        return sorted(out)


def _package_lines(name: str) -> list[str]:
    try:
        text = resources.files(PACKAGE).joinpath("data", name).read_text("utf-8")
    except ModuleNotFoundError as exc:
        raise ModelError(f"{PACKAGE} is not installed; pip install {PACKAGE}") from exc
    return [ln.strip().lstrip("\ufeff") for ln in text.splitlines()]


def _division_names(suffixes: Iterable[str]) -> set[str]:
    """Gazetteer names, with county and city names also without their suffix."""
    from yxnlp import gazetteer

    names = set(gazetteer.load().names())
    ends = tuple(suffixes)
    names |= {n[:-1] for n in names if n.endswith(ends) and len(n) >= 4}
    return names


#: Set to ``off`` to run without the lexicon (an ablation: every kind empty, for rules and model).
ENV_SWITCH = "YXNLP_LEXICON"


@functools.cache
def load() -> Lexicon:
    """The lexicon, built once per process from the package data and ``data/lexicon.json``
    (empty when ``$YXNLP_LEXICON`` is ``off``), with its matcher; kept on disk between
    processes (:mod:`yxnlp.datacache`: building them took a second of every start)."""
    if os.environ.get(ENV_SWITCH, "").lower() == "off":
        return Lexicon({})
    return _built()


@datacache.disk_cached("lexicon")
def _built() -> Lexicon:
    return _build()


def _build() -> Lexicon:
    spec = yxnlp_resources.lexicon_spec()
    orgs = yxnlp_resources.orgs()
    words: dict[Kind, set[str]] = {}
    for kind in KINDS:
        kspec = spec.kinds.get(kind)
        ws: set[str] = set()
        if kspec is not None:
            for name in kspec.package_files:
                ws.update(_package_lines(name))
            if kspec.gazetteer:
                ws |= _division_names(spec.short_form_suffixes)
            for key in kspec.org_patterns:
                ws.update(getattr(orgs, key))
            ws -= set(kspec.exclude)
        words[kind] = {w for w in ws if len(w) >= spec.min_length and not w.isspace()}
    return Lexicon(words)
