"""The NER model's input: character features, as a registered spaCy architecture.

The model reads character tokens (spaCy's ``zh`` tokenizer with the ``char`` segmenter). For
each token it embeds, in separate hash tables:

- the character itself (digits folded to ``0``, Latin letters lower-cased);
- the bigrams it forms with the character before and after it;
- its place in a segmenter's word (begin, middle, end, single) with the word's length: the
  pipeline passes its own word starts in ``doc.user_data[WORD_STARTS]``; without them the
  words come from :func:`yxnlp.segment.segment` (jieba, with the domain dictionary);
- which lexicon words of :mod:`yxnlp.lexicon` touch it: for each kind (brand, industry word,
  legal form, place, body), whether a word of that kind begins, continues or ends at the
  character, packed into one key (so one table sees the combinations: a brand that ends
  where a legal form begins).

The tables are summed (or, with ``mix = true``, concatenated and mixed by a Maxout layer as
spaCy's ``MultiHashEmbed`` does); ``configs/ner.cfg`` uses ``yxnlp.CharFeatureEmbed.v1`` as
the ``embed`` of ``spacy.Tok2Vec.v2``. Importing this module registers the architecture
(:mod:`yxnlp.extract.ner` does so before ``spacy.load``).

>>> import spacy
>>> doc = spacy.blank("zh").make_doc("华强电子公司")
>>> doc.user_data[WORD_STARTS] = [0, 2, 4]
>>> feats = char_features(doc, columns=COLUMNS)
>>> feats.shape, [int(v) for v in feats[:, COLUMNS.index("seg")]]
((6, 5), [2, 18, 2, 18, 2, 18])
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab
from thinc.api import (
    HashEmbed,
    LayerNorm,
    Maxout,
    Model,
    add,
    chain,
    concatenate,
    list2ragged,
    ragged2list,
    with_array,
)
from thinc.types import Floats2d, Ints2d, Ragged

#: ``doc.user_data`` key of the word start offsets (relative to the doc's text) that the
#: pipeline's segmenter found; the model segments the text itself when it is missing.
WORD_STARTS = "yxnlp.word_starts"
#: ``doc.user_data`` key of the doc's text, set by the code that made the doc: ``Doc.text``
#: joins the tokens in Python, which costs more than the features themselves.
TEXT = "yxnlp.text"
COLUMNS: tuple[str, ...] = ("char", "left", "right", "seg", "lex")
_BOUNDARY = 0x110000  # a code point no character has: the text's edges
_SHIFT = np.uint64(21)
# word positions: begin, middle, end, single (times 8, plus the word length up to 7)
_B, _M, _E, _S = 0, 1, 2, 3


def _code_points(text: str) -> NDArray[np.uint64]:
    """Code points with digits folded to ``0``, ASCII letters lower-cased and whitespace
    folded to one space."""
    cp: NDArray[np.uint64] = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    digit = ((cp >= 0x30) & (cp <= 0x39)) | ((cp >= 0xFF10) & (cp <= 0xFF19))
    cp[digit] = 0x30
    upper = (cp >= 0x41) & (cp <= 0x5A)
    cp[upper] += 0x20
    space = (cp == 0x20) | (cp == 0x0A) | (cp == 0x0D) | (cp == 0x09) | (cp == 0x3000)
    cp[space] = 0x20
    return cp


_CHAR_TOKEN = re.compile(r"\s+|\S")


def char_doc(vocab: Vocab, text: str) -> Doc:
    """The doc spaCy's ``char`` segmenter makes of ``text`` (one token per character, a run
    of whitespace one token, a single space after a character its trailing space), built
    without its per-character Python pass; :data:`TEXT` is set.

    >>> [(t.text, t.whitespace_) for t in char_doc(Vocab(), "甲 乙\\n\\n丙")]
    [('甲', ' '), ('乙', ''), ('\\n\\n', ''), ('丙', '')]
    """
    words: list[str] = []
    spaces: list[bool] = []
    for w in _CHAR_TOKEN.findall(text):
        if w[0] == " " and words and not words[-1].isspace():
            spaces[-1] = True
            w = w[1:]
            if not w:
                continue
        words.append(w)
        spaces.append(False)
    doc = Doc(vocab, words=words, spaces=spaces)
    doc.user_data[TEXT] = text
    return doc


def word_starts(text: str) -> list[int]:
    """Start offsets of the words of ``text`` by the pipeline's jieba segmentation.

    >>> word_starts("区商务局走访企业")[:3]
    [0, 1, 4]
    """
    from yxnlp.segment import segment

    return [t.idx for t in segment(text, segmenter="jieba")]


def _seg_column(n: int, starts: Sequence[int]) -> NDArray[np.uint64]:
    """Per character: position in its word (B/M/E/S) × 8 + the word's length (≤ 7)."""
    bounds = np.unique(np.asarray([0, *[s for s in starts if 0 < s < n], n], dtype=np.int64))
    lengths = np.diff(bounds)
    word = np.repeat(np.arange(len(lengths)), lengths)
    pos = np.arange(n) - bounds[:-1][word]
    length = lengths[word]
    tag = np.where(length == 1, _S, np.where(pos == 0, _B, np.where(pos == length - 1, _E, _M)))
    out: NDArray[np.uint64] = (tag * 8 + np.minimum(length, 7)).astype(np.uint64)
    return out


def _lexicon_column(text: str) -> NDArray[np.uint64]:
    """Per character: for lexicon kind ``k`` (the order of :data:`yxnlp.lexicon.KINDS`), bit
    ``3k`` if a word of that kind begins here, ``3k+1`` if one continues, ``3k+2`` if one ends.

    >>> [int(v) for v in _lexicon_column("有限公司")[:2]]
    [72, 160]
    """
    from yxnlp import lexicon

    flags: NDArray[np.uint64] = np.zeros(len(text), dtype=np.uint64)
    for s, e, mask in lexicon.load().spans(text):
        begin = inside = end = 0
        for k in range(len(lexicon.KINDS)):
            if mask >> k & 1:
                begin, inside, end = begin | 1 << 3 * k, inside | 2 << 3 * k, end | 4 << 3 * k
        flags[s] |= begin
        flags[s + 1 : e - 1] |= inside
        flags[e - 1] |= end
    return flags


def char_features(doc: Doc, *, columns: Sequence[str]) -> NDArray[np.uint64]:
    """The ``(tokens, columns)`` uint64 feature keys of one character-tokenised doc."""
    text: str = doc.user_data.get(TEXT) or doc.text
    n = len(text)
    idx = doc.to_array("IDX").astype(np.int64)
    cp = _code_points(text)
    padded = np.concatenate([[_BOUNDARY], cp, [_BOUNDARY]]).astype(np.uint64)
    cols: list[NDArray[np.uint64]] = []
    for name in columns:
        if name == "char":
            cols.append(cp[idx])
        elif name == "left":
            cols.append((padded[idx] << _SHIFT) | padded[idx + 1])
        elif name == "right":
            cols.append((padded[idx + 1] << _SHIFT) | padded[idx + 2])
        elif name == "seg":
            starts = doc.user_data.get(WORD_STARTS)
            cols.append(_seg_column(n, word_starts(text) if starts is None else starts)[idx])
        else:
            cols.append(_lexicon_column(text)[idx])
    if not len(idx):
        return np.zeros((0, len(columns)), dtype=np.uint64)
    return np.stack(cols, axis=1)


def _extract_forward(model: Model[Any, Any], docs: list[Doc], is_train: bool) -> tuple[Any, Any]:
    columns: tuple[str, ...] = model.attrs["columns"]
    feats = [
        model.ops.asarray2i(cast(Ints2d, char_features(d, columns=columns)), dtype="uint64")
        for d in docs
    ]
    return feats, lambda d_feats: []


def CharFeatures(columns: Sequence[str]) -> Model[list[Doc], list[Ints2d]]:
    """A thinc layer: docs → their :func:`char_features` arrays."""
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown feature columns {sorted(unknown)}; known: {COLUMNS}")
    return Model("yxnlp_char_features", _extract_forward, attrs={"columns": tuple(columns)})


@registry.architectures("yxnlp.CharFeatureEmbed.v1")  # type: ignore[untyped-decorator]
def char_feature_embed(
    width: int,
    char_rows: int,
    bigram_rows: int,
    char_width: int,
    bigram_width: int,
    tag_width: int,
    tag_rows: int = 4096,
    segmenter: bool = True,
    lexicon: bool = True,
    mix: bool = True,
) -> Model[list[Doc], list[Floats2d]]:
    """Hash embeddings of :data:`COLUMNS` (segmenter and lexicon columns optional, for
    ablations), concatenated and mixed to ``width`` by a normalised Maxout layer; with
    ``mix=False`` every table is ``width`` wide and their vectors are summed (the same as a
    linear mix of the concatenation, at no matrix cost)."""
    columns = ["char", "left", "right"]
    columns += ["seg"] if segmenter else []
    columns += ["lex"] if lexicon else []
    sizes = {"char": (char_width, char_rows), "left": (bigram_width, bigram_rows),
             "right": (bigram_width, bigram_rows)}
    if not mix:
        summed: list[Model[Ints2d, Floats2d]] = [
            HashEmbed(width, sizes.get(name, (width, tag_rows))[1], column=i, seed=11 + i)
            for i, name in enumerate(columns)
        ]
        return cast(
            Model[list[Doc], list[Floats2d]],
            chain(
                CharFeatures(columns),
                cast(Model[list[Ints2d], Ragged], list2ragged()),
                with_array(chain(add(*summed), LayerNorm(width))),
                ragged2list(),
            ),
        )
    tables: list[Model[Ints2d, Floats2d]] = [
        HashEmbed(*sizes.get(name, (tag_width, tag_rows)), column=i, seed=11 + i, dropout=0.0)
        for i, name in enumerate(columns)
    ]
    concat = sum(sizes.get(name, (tag_width, tag_rows))[0] for name in columns)
    mixer: Model[Ragged, Ragged] = with_array(Maxout(width, concat, nP=3, dropout=0.0, normalize=True))
    return cast(
        Model[list[Doc], list[Floats2d]],
        chain(
            CharFeatures(columns),
            cast(Model[list[Ints2d], Ragged], list2ragged()),
            with_array(concatenate(*tables)),
            mixer,
            ragged2list(),
        ),
    )
