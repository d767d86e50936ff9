"""The NER model's parts that spaCy must find by name: character features and BILUO decoding.

The model reads character tokens (spaCy's ``zh`` tokenizer with the ``char`` segmenter). For
each token it embeds, in separate hash tables:

- the character itself (digits folded to ``0``, Latin letters lower-cased);
- the bigrams it forms with the character before and after it;
- its place in a segmenter's word (begin, middle, end, single) with the word's length: the
  pipeline passes its own word starts in ``doc.user_data[WORD_STARTS]``; without them the
  words come from :func:`yxnlp.segment.segment` (jieba, with the domain dictionary);
- for each lexicon kind of :mod:`yxnlp.lexicon` (brand, industry word, legal form, place,
  body), whether a word of that kind begins, continues or ends at the character.

The tables are concatenated and mixed by a Maxout layer, as spaCy's ``MultiHashEmbed`` does;
``configs/ner.cfg`` uses ``yxnlp.CharFeatureEmbed.v1`` as the ``embed`` of ``spacy.Tok2Vec.v2``.
The model is a softmax tagger over BILUO tags (``B-ORG``, ``I-ORG``, ``L-ORG``, ``U-ORG``,
``O``, …): one matrix per character after the encoder, so it costs far less than a
transition-based parser, and every span gets a score from its characters' tag probabilities.
:func:`decode` turns tags (or probabilities) into spans; the ``yxnlp_biluo_ents`` component
does it inside spaCy (``nlp(text).ents`` works, and ``spacy train`` scores entities). Importing
this module registers both names (:mod:`yxnlp.extract.ner` does so before ``spacy.load``).

>>> import spacy
>>> doc = spacy.blank("zh").make_doc("华强电子公司")
>>> doc.user_data[WORD_STARTS] = [0, 2, 4]
>>> feats = char_features(doc, columns=COLUMNS)
>>> feats.shape, [int(v) for v in feats[:, COLUMNS.index("seg")]]
((6, 9), [2, 18, 2, 18, 2, 18])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple, cast

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry
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
)
from thinc.api import with_array
from thinc.types import Floats2d, Ints2d, Ragged

#: ``doc.user_data`` key of the word start offsets (relative to the doc's text) that the
#: pipeline's segmenter found; the model segments the text itself when it is missing.
WORD_STARTS = "yxnlp.word_starts"
#: ``doc.user_data`` key of the doc's text, set by the code that made the doc: ``Doc.text``
#: joins the tokens in Python, which costs more than the features themselves.
TEXT = "yxnlp.text"
LEX_COLUMNS = ("brand", "trade", "legal", "place", "body")
COLUMNS: tuple[str, ...] = ("char", "left", "right", "seg", *LEX_COLUMNS)
_BOUNDARY = 0x110000  # a code point no character has: the text's edges
_SHIFT = np.uint64(21)
# word positions: begin, middle, end, single (times 8, plus the word length up to 7)
_B, _M, _E, _S = 0, 1, 2, 3


def _code_points(text: str) -> np.ndarray:
    """Code points with digits folded to ``0``, ASCII letters lower-cased and whitespace
    folded to one space."""
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    digit = ((cp >= 0x30) & (cp <= 0x39)) | ((cp >= 0xFF10) & (cp <= 0xFF19))
    cp[digit] = 0x30
    upper = (cp >= 0x41) & (cp <= 0x5A)
    cp[upper] += 0x20
    space = (cp == 0x20) | (cp == 0x0A) | (cp == 0x0D) | (cp == 0x09) | (cp == 0x3000)
    cp[space] = 0x20
    return cp


def word_starts(text: str) -> list[int]:
    """Start offsets of the words of ``text`` by the pipeline's jieba segmentation.

    >>> word_starts("区商务局走访企业")[:3]
    [0, 1, 4]
    """
    from yxnlp.segment import segment

    return [t.idx for t in segment(text, segmenter="jieba")]


def _seg_column(n: int, starts: Sequence[int]) -> np.ndarray:
    """Per character: position in its word (B/M/E/S) × 8 + the word's length (≤ 7)."""
    bounds = np.unique(np.asarray([0, *[s for s in starts if 0 < s < n], n], dtype=np.int64))
    lengths = np.diff(bounds)
    word = np.repeat(np.arange(len(lengths)), lengths)
    pos = np.arange(n) - bounds[:-1][word]
    length = lengths[word]
    tag = np.where(length == 1, _S, np.where(pos == 0, _B, np.where(pos == length - 1, _E, _M)))
    return (tag * 8 + np.minimum(length, 7)).astype(np.uint64)


def _lexicon_columns(text: str) -> np.ndarray:
    """Per character and lexicon kind: 1 if a word begins here, 2 inside, 4 if it ends."""
    from yxnlp import lexicon

    flags = np.zeros((len(LEX_COLUMNS), len(text)), dtype=np.uint64)
    for s, e, mask in lexicon.load().spans(text):
        for k in range(len(LEX_COLUMNS)):
            if mask >> k & 1:
                row = flags[k]
                row[s] |= 1
                row[s + 1 : e - 1] |= 2
                row[e - 1] |= 4
    return flags


def char_features(doc: Doc, *, columns: Sequence[str]) -> np.ndarray:
    """The ``(tokens, columns)`` uint64 feature keys of one character-tokenised doc."""
    text: str = doc.user_data.get(TEXT) or doc.text
    n = len(text)
    idx = doc.to_array("IDX").astype(np.int64)
    cp = _code_points(text)
    padded = np.concatenate([[_BOUNDARY], cp, [_BOUNDARY]]).astype(np.uint64)
    cols: list[np.ndarray] = []
    lex: np.ndarray | None = None
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
            if lex is None:
                lex = _lexicon_columns(text)
            cols.append(lex[LEX_COLUMNS.index(name)][idx])
    if not len(idx):
        return np.zeros((0, len(columns)), dtype=np.uint64)
    return np.stack(cols, axis=1)


def _extract_forward(model: Model[Any, Any], docs: list[Doc], is_train: bool) -> tuple[Any, Any]:
    columns: tuple[str, ...] = model.attrs["columns"]
    feats = [model.ops.asarray2i(char_features(d, columns=columns), dtype="uint64") for d in docs]
    return feats, lambda d_feats: []


def CharFeatures(columns: Sequence[str]) -> Model[list[Doc], list[Ints2d]]:  # noqa: N802
    """A thinc layer: docs → their :func:`char_features` arrays."""
    unknown = set(columns) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown feature columns {sorted(unknown)}; known: {COLUMNS}")
    return Model("yxnlp_char_features", _extract_forward, attrs={"columns": tuple(columns)})


@registry.architectures("yxnlp.CharFeatureEmbed.v1")
def char_feature_embed(
    width: int,
    char_rows: int,
    bigram_rows: int,
    char_width: int,
    bigram_width: int,
    tag_width: int,
    tag_rows: int = 64,
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
    columns += list(LEX_COLUMNS) if lexicon else []
    sizes = {"char": (char_width, char_rows), "left": (bigram_width, bigram_rows),
             "right": (bigram_width, bigram_rows)}
    if not mix:
        summed = [
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
    tables = [
        HashEmbed(*sizes.get(name, (tag_width, tag_rows)), column=i, seed=11 + i, dropout=0.0)
        for i, name in enumerate(columns)
    ]
    concat = sum(sizes.get(name, (tag_width, tag_rows))[0] for name in columns)
    mix = with_array(Maxout(width, concat, nP=3, dropout=0.0, normalize=True))
    return cast(
        Model[list[Doc], list[Floats2d]],
        chain(
            CharFeatures(columns),
            cast(Model[list[Ints2d], Ragged], list2ragged()),
            with_array(concatenate(*tables)),
            mix,
            ragged2list(),
        ),
    )


class TagSpan(NamedTuple):
    """Tokens ``[start, end)`` tagged ``label``; ``score`` is the lowest probability of the
    span's tags (``None`` when decoded from tags alone)."""

    start: int
    end: int
    label: str
    score: float | None


def decode(tags: Sequence[str], probs: np.ndarray | None = None) -> list[TagSpan]:
    """Spans of a BILUO tag sequence, read leniently: ``I``/``L`` without an open span of the
    same label opens one, ``B`` or ``U`` or ``O`` closes any open span.

    >>> decode(["B-ORG", "L-ORG", "O", "U-COMPANY", "I-COMPANY", "L-COMPANY"])
    [TagSpan(start=0, end=2, label='ORG', score=None), TagSpan(start=3, end=4, label='COMPANY', score=None), TagSpan(start=4, end=6, label='COMPANY', score=None)]
    """
    out: list[TagSpan] = []
    open_at, open_label = -1, ""

    def close(end: int) -> None:
        nonlocal open_at
        if open_at >= 0:
            score = None if probs is None else float(probs[open_at:end].min())
            out.append(TagSpan(open_at, end, open_label, score))
        open_at = -1

    for i, tag in enumerate(tags):
        move, _, label = tag.partition("-")
        if move in ("O", "B", "U") or label != open_label:
            close(i)
        if move == "O":
            continue
        if open_at < 0:
            open_at, open_label = i, label
        if move in ("L", "U"):
            close(i + 1)
    close(len(tags))
    return out


def decode_probs(probs: np.ndarray, labels: Sequence[str]) -> list[TagSpan]:
    """Spans from a ``(tokens, tags)`` probability matrix: the best tag per token, decoded by
    :func:`decode`, scored by the probabilities of the chosen tags. Only tokens whose best tag
    is not ``O`` are looked at one by one.

    >>> p = np.array([[0.1, 0.8, 0.1], [0.9, 0.05, 0.05], [0.2, 0.1, 0.7]])
    >>> decode_probs(p, ["O", "U-ORG", "U-COMPANY"])
    [TagSpan(start=0, end=1, label='ORG', score=0.8), TagSpan(start=2, end=3, label='COMPANY', score=0.7)]
    """
    best = probs.argmax(axis=1)
    o = list(labels).index("O")
    hot = np.flatnonzero(best != o)
    if not len(hot):
        return []
    chosen = probs[np.arange(len(best)), best]
    out: list[TagSpan] = []
    # decode each run of non-O tokens on its own: O always closes a span
    cuts = np.flatnonzero(np.diff(hot) > 1) + 1
    for run in np.split(hot, cuts):
        a, b = int(run[0]), int(run[-1]) + 1
        tags = [labels[t] for t in best[a:b]]
        out += [
            TagSpan(a + s.start, a + s.end, s.label, round(float(chosen[a + s.start : a + s.end].min()), 4))
            for s in decode(tags)
        ]
    return out


class BiluoEnts:
    """Pipeline component: ``doc.ents`` from the BILUO tags a tagger wrote into ``token.tag_``;
    scored as spaCy scores ``ner`` (so ``spacy train`` selects on entity F1)."""

    def __init__(self, name: str, scorer: Any) -> None:
        self.name, self.scorer = name, scorer

    def __call__(self, doc: Doc) -> Doc:
        tags = [t.tag_ or "O" for t in doc]
        doc.ents = [Span(doc, s.start, s.end, label=s.label) for s in decode(tags)]
        return doc

    def score(self, examples: Any, **kwargs: Any) -> dict[str, Any]:
        return cast(dict[str, Any], self.scorer(examples, **kwargs))


@Language.factory(
    "yxnlp_biluo_ents",
    default_config={"scorer": {"@scorers": "spacy.ner_scorer.v1"}},
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_biluo_ents(nlp: Language, name: str, scorer: Any) -> BiluoEnts:
    return BiluoEnts(name, scorer)
