"""jieba look-ups used by the word-shape checks: dictionary frequency, words and POS tags
of short strings (cached per string, with the domain dictionary loaded), all through the
pipeline's jieba (:mod:`yxnlp.jieba_dict`)."""

from __future__ import annotations

import functools

from yxnlp import jieba_dict


@functools.lru_cache(maxsize=65536)
def word_freq(word: str) -> int:
    return jieba_dict.frequency(word)


@functools.lru_cache(maxsize=65536)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``jieba.posseg`` words and tags of a short string, with the domain dictionary loaded
    (cached: the same cores are checked by several rules and recur across a report)."""
    return tuple(jieba_dict.tag()(text))


@functools.lru_cache(maxsize=65536)
def words_of(text: str) -> tuple[str, ...]:
    """``jieba.cut`` words of a short string (cached like :func:`tagged`)."""
    return tuple(jieba_dict.cut()(text))
