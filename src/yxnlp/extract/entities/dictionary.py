"""jieba look-ups used by the word-shape checks: dictionary frequency, words and POS tags
of short strings (cached per string, with the domain dictionary loaded)."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=65536)
def word_freq(word: str) -> int:
    from yxnlp.segment import load_tokenizer

    load_tokenizer("jieba")
    import jieba

    freq: int = jieba.dt.FREQ.get(word, 0)
    return freq


@functools.lru_cache(maxsize=65536)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """``jieba.posseg`` words and tags of a short string, with the domain dictionary loaded
    (cached: the same cores are checked by several rules and recur across a report)."""
    from yxnlp.segment import load_tokenizer

    load_tokenizer("jieba")
    import jieba.posseg

    return tuple((w.word, w.flag) for w in jieba.posseg.cut(text))


@functools.lru_cache(maxsize=65536)
def words_of(text: str) -> tuple[str, ...]:
    """``jieba.cut`` words of a short string (cached like :func:`tagged`), by the pipeline's
    own jieba cut (:func:`yxnlp.segment.jieba_cut`: the same words, the route from the trie)."""
    from yxnlp.segment import jieba_cut

    return tuple(jieba_cut()(text))
