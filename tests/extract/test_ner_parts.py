"""The NER model's parts: character features and BILUO decoding (no trained model needed)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
import spacy

from yxnlp.extract.ner_decode import TagSpan, decode, decode_probs
from yxnlp.extract.ner_features import (
    COLUMNS,
    TEXT,
    WORD_STARTS,
    CharFeatures,
    _seg_column,
    char_doc,
    char_features,
)

# (case, tags, expected (start, end, label))
DECODE_CASES = [
    ("unit_and_multi", ["U-ORG", "O", "B-COMPANY", "I-COMPANY", "L-COMPANY"], [(0, 1, "ORG"), (2, 5, "COMPANY")]),
    ("adjacent_spans", ["B-ORG", "L-ORG", "B-ORG", "L-ORG"], [(0, 2, "ORG"), (2, 4, "ORG")]),
    ("inside_without_begin_opens", ["O", "I-PROJECT", "L-PROJECT"], [(1, 3, "PROJECT")]),
    ("label_change_closes", ["B-ORG", "I-COMPANY", "L-COMPANY"], [(0, 1, "ORG"), (1, 3, "COMPANY")]),
    ("open_at_end_closes", ["O", "B-COMPANY", "I-COMPANY"], [(1, 3, "COMPANY")]),
    ("begin_after_begin", ["B-ORG", "B-ORG", "L-ORG"], [(0, 1, "ORG"), (1, 3, "ORG")]),
    ("nothing", ["O", "O"], []),
    ("empty", [], []),
]


@pytest.mark.parametrize(("case", "tags", "expected"), DECODE_CASES, ids=[c[0] for c in DECODE_CASES])
def test_decode(case: str, tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert [(s.start, s.end, s.label) for s in decode(tags)] == expected


def test_decode_probs_scores_are_the_weakest_tag() -> None:
    labels = ["O", "B-ORG", "I-ORG", "L-ORG", "U-ORG"]
    probs = np.array([
        [0.9, 0.05, 0.02, 0.02, 0.01],
        [0.1, 0.7, 0.1, 0.05, 0.05],
        [0.1, 0.1, 0.6, 0.1, 0.1],
        [0.1, 0.05, 0.05, 0.75, 0.05],
        [0.8, 0.05, 0.05, 0.05, 0.05],
    ])
    assert decode_probs(probs, labels) == [TagSpan(1, 4, "ORG", 0.6)]
    assert decode_probs(probs[[0, 4]], labels) == []


def test_decode_probs_keeps_a_valid_best_sequence() -> None:
    labels = ["O", "B-ORG", "I-ORG", "L-ORG", "U-ORG", "U-COMPANY"]
    best = [0, 1, 2, 3, 0, 5, 4, 0]
    probs = np.full((len(best), len(labels)), 0.02)
    probs[np.arange(len(best)), best] = 0.9
    assert [(s.start, s.end, s.label) for s in decode_probs(probs, labels)] == [
        (1, 4, "ORG"), (5, 6, "COMPANY"), (6, 7, "ORG")]


def test_decode_probs_repairs_invalid_sequences() -> None:
    labels = ["O", "B-ORG", "I-ORG", "L-ORG", "U-ORG"]
    # best tags B I O: the B-I run must be closed; L is the runner-up on the third token
    probs = np.array([
        [0.05, 0.8, 0.05, 0.05, 0.05],
        [0.05, 0.05, 0.8, 0.05, 0.05],
        [0.5, 0.05, 0.05, 0.35, 0.05],
    ])
    assert decode_probs(probs, labels) == [TagSpan(0, 3, "ORG", 0.35)]


def test_random_probabilities_give_disjoint_spans_inside_the_text() -> None:
    rng = np.random.default_rng(0)
    labels = ["O"] + [f"{m}-{lab}" for m in "BILU" for lab in ("ORG", "COMPANY")]
    probs = rng.dirichlet(np.ones(len(labels)) * 0.3, size=200)
    spans = decode_probs(probs, labels)
    assert spans and all(0 <= s.start < s.end <= 200 for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


# (case, n, starts, expected position*8+length per character)
SEG_CASES = [
    ("two_words", 5, [0, 2], [2, 18, 3, 11, 19]),
    ("single_characters", 3, [0, 1, 2], [25, 25, 25]),
    ("starts_outside_ignored", 4, [-3, 0, 9], [4, 12, 12, 20]),
    ("no_starts_is_one_word", 2, [], [2, 18]),
]


@pytest.mark.parametrize(("case", "n", "starts", "expected"), SEG_CASES, ids=[c[0] for c in SEG_CASES])
def test_word_positions(case: str, n: int, starts: list[int], expected: list[int]) -> None:
    assert [int(v) for v in _seg_column(n, starts)] == expected


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("zh")


def test_features_have_one_row_per_token_and_fold_digits(blank: spacy.language.Language) -> None:
    doc = blank.make_doc("投资12亿元 建成")
    feats = char_features(doc, columns=COLUMNS)
    assert feats.shape == (len(doc), len(COLUMNS)) and feats.dtype == np.uint64
    char = feats[:, COLUMNS.index("char")]
    assert char[2] == char[3] == ord("0")  # 1 and 2 are one digit feature


def test_bigrams_see_the_neighbours(blank: spacy.language.Language) -> None:
    a = char_features(blank.make_doc("甲乙丙"), columns=("left", "right"))
    b = char_features(blank.make_doc("丁乙丙"), columns=("left", "right"))
    assert a[1, 0] != b[1, 0] and a[1, 1] == b[1, 1]  # 乙's left bigram differs, right does not


def test_word_starts_given_are_used_and_missing_ones_computed(blank: spacy.language.Language) -> None:
    doc = blank.make_doc("区商务局走访企业")
    computed = char_features(doc, columns=("seg",))
    doc.user_data[WORD_STARTS] = [0, 1, 4, 6]
    assert (char_features(doc, columns=("seg",)) == computed).all()
    doc.user_data[WORD_STARTS] = [0]
    assert not (char_features(doc, columns=("seg",)) == computed).all()


def test_cached_text_is_the_docs_text(blank: spacy.language.Language) -> None:
    doc = blank.make_doc("县商务局")
    plain = char_features(doc, columns=COLUMNS)
    doc.user_data[TEXT] = "县商务局"
    assert (char_features(doc, columns=COLUMNS) == plain).all()


def test_lexicon_column_marks_legal_forms(blank: spacy.language.Language) -> None:
    lex = char_features(blank.make_doc("宏达有限公司"), columns=("lex",))[:, 0]
    assert lex[0] != lex[2] and lex[5] != 0


def test_char_doc_tokenises_as_spacys_char_segmenter(blank: spacy.language.Language) -> None:
    rng = np.random.default_rng(0)
    alphabet = [*"甲乙丙ab1，", " ", "  ", "\n", "\n\n", " \n", "\t", "\u3000"]
    for _ in range(2000):
        text = "".join(rng.choice(alphabet, size=int(rng.integers(0, 12))))
        expected = [(t.text, t.whitespace_) for t in blank.make_doc(text)]
        doc = char_doc(blank.vocab, text)
        assert [(t.text, t.whitespace_) for t in doc] == expected
        assert doc.user_data[TEXT] == doc.text == text


def test_unknown_feature_column_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown feature columns"):
        CharFeatures(["char", "colour"])
