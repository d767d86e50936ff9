"""The NER model's output: BILUO tags decoded into entities, as a spaCy component.

The model is a softmax tagger over BILUO tags (``B-ORG``, ``I-ORG``, ``L-ORG``, ``U-ORG``,
``O``, …) on the CNN of :mod:`yxnlp.extract.ner_features`: one matrix per character after the
encoder, so it costs far less than a transition-based parser, and every span gets a score
from its characters' tag probabilities. :func:`decode_probs` turns probabilities into spans
(Viterbi over valid BILUO sequences); the ``yxnlp_biluo_tagger`` component (spaCy's tagger
with that decoding) sets ``doc.ents``, so ``nlp(text).ents`` works and ``spacy train`` selects
on entity F1. Importing this module registers the component (:mod:`yxnlp.extract.ner` does
so before ``spacy.load``).

>>> decode(["B-ORG", "L-ORG", "O", "U-COMPANY"])
[TagSpan(start=0, end=2, label='ORG', score=None), TagSpan(start=3, end=4, label='COMPANY', score=None)]
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray
from spacy.language import Language
from spacy.pipeline import Tagger
from spacy.tokens import Doc, Span
from thinc.api import Model
from thinc.types import Floats2d


class TagSpan(NamedTuple):
    """Tokens ``[start, end)`` tagged ``label``; ``score`` is the lowest probability of the
    span's tags (``None`` when decoded from tags alone)."""

    start: int
    end: int
    label: str
    score: float | None


def decode(tags: Sequence[str], probs: NDArray[np.floating[Any]] | None = None) -> list[TagSpan]:
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


@functools.cache
def _allowed(
    labels: tuple[str, ...],
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """BILUO constraints as log-masks: transitions ``[from, to]``, first tag, last tag."""
    n = len(labels)
    parts = [(t.partition("-")[0], t.partition("-")[2]) for t in labels]
    trans = np.full((n, n), -np.inf)
    for i, (m1, l1) in enumerate(parts):
        for j, (m2, l2) in enumerate(parts):
            if m1 in ("B", "I"):
                ok = m2 in ("I", "L") and l2 == l1
            else:  # after O, L or U a span may start or not
                ok = m2 in ("O", "B", "U")
            trans[i, j] = 0.0 if ok else -np.inf
    first = np.array([0.0 if m in ("O", "B", "U") else -np.inf for m, _ in parts])
    last = np.array([0.0 if m in ("O", "L", "U") else -np.inf for m, _ in parts])
    return trans, first, last


def viterbi(
    probs: NDArray[np.floating[Any]], labels: Sequence[str], *, floor: float = 0.0
) -> list[int]:
    """The most probable tag sequence that is valid BILUO (every span opened by ``B`` is
    closed by ``L``), by the product of the tags' probabilities.

    >>> viterbi(np.array([[0.1, 0.6, 0.3], [0.2, 0.3, 0.5]]), ["O", "B-ORG", "L-ORG"])
    [1, 2]
    >>> viterbi(np.array([[0.1, 0.6, 0.3], [0.9, 0.05, 0.05]]), ["O", "B-ORG", "L-ORG"])
    [0, 0]
    """
    trans, first, last = _allowed(tuple(labels))
    logp = np.log(np.maximum(probs, 1e-12))
    if floor > 0:  # a tag below the floor is never chosen, unless it is a token's best or O
        keep = probs >= floor
        keep[np.arange(len(probs)), probs.argmax(axis=1)] = True
        keep[:, list(labels).index("O")] = True
        logp = np.where(keep, logp, -np.inf)
    score = logp[0] + first
    back = np.zeros(probs.shape, dtype=np.int64)
    for t in range(1, len(probs)):
        cand = score[:, None] + trans
        back[t] = cand.argmax(axis=0)
        score = cand[back[t], np.arange(len(labels))] + logp[t]
    path = [int((score + last).argmax())]
    for t in range(len(probs) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def decode_probs(
    probs: NDArray[np.floating[Any]],
    labels: Sequence[str],
    *,
    o_weight: float = 1.0,
    floor: float = 0.0,
) -> list[TagSpan]:
    """Spans from a ``(tokens, tags)`` probability matrix: each run of tokens whose best tag is
    not ``O`` (with one token of margin on each side) gets the best valid BILUO sequence
    (:func:`viterbi`); a span's score is the lowest probability of its chosen tags. Tokens
    outside such runs are ``O`` without further work. ``o_weight`` scales the probability of
    ``O`` before decoding (below 1: more recall, less precision); a tag with a probability
    under ``floor`` is never chosen to repair a sequence (unless it is the token's best tag or
    ``O``). Both are calibrated after training.

    >>> p = np.array([[0.1, 0.8, 0.1], [0.9, 0.05, 0.05], [0.2, 0.1, 0.7]])
    >>> decode_probs(p, ["O", "U-ORG", "U-COMPANY"])
    [TagSpan(start=0, end=1, label='ORG', score=0.8), TagSpan(start=2, end=3, label='COMPANY', score=0.7)]
    """
    o = list(labels).index("O")
    if o_weight != 1.0:
        probs = probs.copy()
        probs[:, o] *= o_weight
    best = probs.argmax(axis=1)
    hot = np.flatnonzero(best != o)
    if not len(hot):
        return []
    out: list[TagSpan] = []
    cuts = np.flatnonzero(np.diff(hot) > 2) + 1
    for run in np.split(hot, cuts):
        a, b = max(0, int(run[0]) - 1), min(len(best), int(run[-1]) + 2)
        path = viterbi(probs[a:b], labels, floor=floor)
        chosen = probs[np.arange(a, b), path]
        out += [
            TagSpan(a + s.start, a + s.end, s.label, round(float(chosen[s.start : s.end].min()), 4))
            for s in decode([labels[t] for t in path])
        ]
    return out


class BiluoTagger(Tagger):  # type: ignore[misc]
    """spaCy's tagger over BILUO tags whose predictions are probabilities and whose
    annotations are entities (:func:`decode_probs`), scored as spaCy scores ``ner``; so
    ``nlp(text).ents``, ``spacy train`` and :func:`yxnlp.extract.ner.spans` agree."""

    def predict(self, docs: list[Doc]) -> list[Floats2d]:
        """Tag probabilities per doc (the model's scores, softmax-normalised here: the
        model's own softmax is skipped at inference, ``normalize = false``)."""
        n = len(self.labels)
        if not any(len(doc) for doc in docs):
            return [self.model.ops.alloc2f(len(doc), n) for doc in docs]
        out = []
        for scores in self.model.predict(docs):
            z = np.exp(scores - scores.max(axis=1, keepdims=True))
            out.append(z / z.sum(axis=1, keepdims=True))
        return out

    o_weight: float = 1.0
    floor: float = 0.0

    def set_annotations(self, docs: list[Doc], scores: list[Floats2d]) -> None:
        labels = list(self.labels)
        for doc, probs in zip(docs, scores, strict=True):
            found = (
                decode_probs(np.asarray(probs), labels, o_weight=self.o_weight, floor=self.floor)
                if len(doc)
                else []
            )
            doc.ents = [Span(doc, s.start, s.end, label=s.label) for s in found]


@Language.factory(
    "yxnlp_biluo_tagger",
    assigns=["doc.ents"],
    default_config={
        "model": None,
        "overwrite": True,
        "scorer": {"@scorers": "spacy.ner_scorer.v1"},
        "neg_prefix": "!",
        "label_smoothing": 0.0,
        "o_weight": 1.0,
        "floor": 0.0,
    },
    default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
)
def make_biluo_tagger(
    nlp: Language,
    name: str,
    model: Model[list[Doc], list[Floats2d]],
    overwrite: bool,
    scorer: Any,
    neg_prefix: str,
    label_smoothing: float,
    o_weight: float,
    floor: float,
) -> BiluoTagger:
    """The component; ``o_weight`` and ``floor`` steer decoding (see :func:`decode_probs`)
    and are chosen by :func:`yxnlp.train.calibrate` after training."""
    tagger = BiluoTagger(
        nlp.vocab, model, name, overwrite=overwrite, scorer=scorer, neg_prefix=neg_prefix,
        label_smoothing=label_smoothing,
    )
    tagger.o_weight, tagger.floor = o_weight, floor
    return tagger
