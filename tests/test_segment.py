"""Segmentation through spaCy's Chinese tokenizer: both backends, aligned offsets."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from yxnlp.segment import (
    _BREAKS,
    PIECE_CHARS,
    Segmenter,
    _cutter,
    _pass_on,
    load_tokenizer,
    pieces,
    segment,
    tokens_and_spaces,
    words_and_spaces,
)

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


def test_tokenizer_is_loaded_once() -> None:
    assert load_tokenizer("jieba") is load_tokenizer(Segmenter.jieba)


def test_unknown_segmenter_is_refused() -> None:
    with pytest.raises(ValueError):
        segment("文本", segmenter="char-bigram")


# the same tokens as spaCy's own Chinese tokenizer, which aligns words by a quadratic search
ALIGNMENT = [
    "增长 8% 。",  # one space after a word is its trailing space
    "a  b\tc\r\nd",  # longer whitespace stays a token; \r\n one word in jieba
    " 开头空格与结尾空格 ",
    "全县GDP增长6.5%，R&D投入占比2.1%（预计）。\n\n二、2025年工作计划\u3000\u3000力争增长7%",
]


@pytest.mark.parametrize("segmenter", list(Segmenter))
@pytest.mark.parametrize("text", ALIGNMENT)
def test_same_doc_as_spacy(segmenter: Segmenter, text: str) -> None:
    ours = segment(text, segmenter=segmenter)
    theirs = load_tokenizer(segmenter)(text)
    assert [(t.text, t.whitespace_) for t in ours] == [(t.text, t.whitespace_) for t in theirs]


@pytest.mark.parametrize("segmenter", list(Segmenter))
def test_same_doc_as_spacy_on_the_seed(segmenter: Segmenter, seed_text: str) -> None:
    ours = segment(seed_text, segmenter=segmenter)
    theirs = load_tokenizer(segmenter)(seed_text)
    assert [(t.idx, t.text, t.whitespace_) for t in ours] == [
        (t.idx, t.text, t.whitespace_) for t in theirs
    ]


# the longest stretch each segmenter reads as one (pkuseg: between whitespace; jieba: a run of
# ideographs, letters and digits)
UNBROKEN = {Segmenter.pkuseg: re.compile(r"\S+"), Segmenter.jieba: re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")}


@pytest.mark.parametrize("segmenter", list(Segmenter))
@pytest.mark.parametrize("size", [7, 60, 3000])
def test_pieces_cut_where_the_segmenter_cuts(
    segmenter: Segmenter, size: int, seed_text: str
) -> None:
    """Pieces end at whitespace (and for jieba after punctuation): the words do not change,
    unless a stretch longer than a piece had to be cut."""
    text = seed_text[:3000]
    whole = list(words(text, segmenter=segmenter, size=len(text)))
    cut = list(words(text, segmenter=segmenter, size=size))
    longest = max(len(m.group()) for m in UNBROKEN[segmenter].finditer(text))
    if size > longest:
        assert cut == whole
    if size == 7:
        assert cut != whole  # longer stretches were cut: the words change
    assert "".join(cut).replace(" ", "") == "".join(whole).replace(" ", "")


def test_an_unbroken_run_is_cut_at_the_piece_size() -> None:
    text = "规上工业增加值" * 30  # 210 characters, no whitespace, no punctuation
    cuts = list(pieces(text, breaks=re.compile(r"\s"), size=64))
    assert [b - a for a, b in cuts] == [64, 64, 64, 18]
    assert "".join(words(text, segmenter=Segmenter.jieba, size=64)) == text


def words(text: str, *, segmenter: Segmenter, size: int = PIECE_CHARS) -> Iterator[str]:
    """The reference: the segmenter's words over :func:`pieces` of the whole text, which
    :func:`words_and_spaces` aligns word by word (what ``segment`` did before it cut each
    stretch between whitespace on its own)."""
    cut = _cutter(segmenter)
    for a, b in pieces(text, breaks=_BREAKS[segmenter.value], size=size):
        yield from cut(text[a:b])


# stretches between whitespace longer than a piece of 16 characters, a lone \r inside one
LONG_STRETCHES = ["甲 " * 50, "规上工业增加值" * 20 + " 增长", "甲 乙，丙" + "丁" * 40 + "\r" + "戊" * 40]


@pytest.mark.parametrize("segmenter", list(Segmenter))
@pytest.mark.parametrize("text", [*SENTENCES, *ALIGNMENT, *LONG_STRETCHES])
def test_tokens_without_a_search_are_the_aligned_ones(segmenter: Segmenter, text: str) -> None:
    """Each stretch between whitespace segmented on its own gives the tokens the word-by-word
    alignment gives, also where a stretch longer than a piece is cut (where the text's pieces
    are cut: a lone ``\\r`` is no break for jieba)."""
    aligned = words_and_spaces(text, words(text, segmenter=segmenter, size=16))
    assert tokens_and_spaces(text, segmenter=segmenter, size=16) == aligned


@pytest.mark.parametrize("segmenter", list(Segmenter))
def test_tokens_without_a_search_on_the_seed(segmenter: Segmenter, seed_text: str) -> None:
    aligned = words_and_spaces(seed_text, words(seed_text, segmenter=segmenter))
    assert tokens_and_spaces(seed_text, segmenter=segmenter) == aligned


def test_words_not_in_the_text_are_refused() -> None:
    with pytest.raises(ValueError, match="do not match"):
        words_and_spaces("增长8%", ["增长", "9%"])


PRINTED = [  # (what a library printed on stderr, what is passed on)
    ("WARNING: features.msgpack does not exist, try loading features.pkl\n", ""),
    ("WARNING: weights.npz does not exist, try loading using old format\n", ""),
    ("WARNING: features.msgpack does not exist, try loading features.pkl\nmodel file is damaged\n", "model file is damaged\n"),
    ("WARNING: the dictionary has 3 duplicate words\n", "WARNING: the dictionary has 3 duplicate words\n"),
    ("", ""),
]  # fmt: skip


@pytest.mark.parametrize(("printed", "passed_on"), PRINTED)
def test_only_the_model_format_fallbacks_are_kept_quiet(
    printed: str, passed_on: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _pass_on(printed)
    assert capsys.readouterr().err == passed_on
