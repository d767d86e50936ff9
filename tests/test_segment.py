"""Segmentation through spaCy's Chinese tokenizer: both backends, aligned offsets."""

from __future__ import annotations

import pytest

from yxnlp.segment import Segmenter, load_tokenizer, segment, user_words

SENTENCES = [
    "预计全县规上工业增加值同比增长6.5%，技改投资增长12%。",
    "2025年,力争实现地区生产总值年均增长9%以上",
    "  前后有空格 与\n换行的句子\u3000全角空格  ",
    "",
]


@pytest.mark.parametrize("segmenter", list(Segmenter))
@pytest.mark.parametrize("text", SENTENCES)
def test_tokens_align_to_source(segmenter: Segmenter, text: str) -> None:
    doc = segment(text, segmenter=segmenter)
    assert doc.text == text
    for tok in doc:
        assert text[tok.idx : tok.idx + len(tok.text)] == tok.text


@pytest.mark.parametrize("segmenter", list(Segmenter))
def test_domain_dictionary_is_used(segmenter: Segmenter) -> None:
    words = [t.text for t in segment("今年规上企业技改投资明显加快", segmenter=segmenter)]
    assert "规上" in words or "规上企业" in words
    assert "技改" in words or "技改投资" in words


def test_dictionary_is_data() -> None:
    words = user_words()
    assert "规模以上工业增加值" in words
    assert all(w and not w.startswith("#") for w in words)


def test_tokenizer_is_loaded_once() -> None:
    assert load_tokenizer("jieba") is load_tokenizer(Segmenter.jieba)


def test_unknown_segmenter_is_refused() -> None:
    with pytest.raises(ValueError):
        segment("文本", segmenter="char-bigram")
