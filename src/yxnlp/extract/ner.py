"""The shipped NER model (COMPANY, ORG, PROJECT): located, loaded once, run over a whole text.

The model directory is ``$YXNLP_MODEL`` when set (a model folder itself, such as one
``yxnlp train --extra … --out DIR`` wrote; ``yxnlp extract --model DIR`` sets it), else
``$YXNLP_MODELS/yxnlp-ner-zh`` when that is set, else ``<repo>/models/yxnlp-ner-zh`` (the
repository that holds the package's ``src/``).
It is a spaCy pipeline with the character tokenizer, so its spans are character offsets
into the text it is given, whatever segmenter the rest of the pipeline uses. Its parts that
spaCy finds by name live in :mod:`yxnlp.extract.ner_features` and
:mod:`yxnlp.extract.ner_decode`, imported before loading.

:func:`spans` gives each entity with a score (the lowest probability of its characters'
tags); :func:`tag` the same without scores. Both take the segmenter's word starts (the
pipeline has them already) and a sentence filter such as :func:`worth_tagging`, which skips
sentences without any cue of a name.

>>> [(s, e, label) for s, e, label, _ in spans("浙江恒丰新材料股份有限公司与县商务局签署协议。")]
[(0, 13, 'COMPANY'), (14, 18, 'ORG')]
>>> worth_tagging("全年地区生产总值增长6%。"), worth_tagging("引进宏达集团。")
(False, True)
"""

from __future__ import annotations

import bisect
import functools
import itertools
import json
import os
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from yxnlp import resources as yxnlp_resources
from yxnlp.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "yxnlp-ner-zh"
#: The environment variable naming a model folder to use instead of the shipped one.
ENV_MODEL = "YXNLP_MODEL"
RETRAIN_HINT = "run `yxnlp train` (or `bash tasks.sh train`) to build it, or use --no-ner"


def models_dir() -> Path:
    """Where shipped models live: ``$YXNLP_MODELS`` or ``<repo>/models``."""
    env = os.environ.get("YXNLP_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "models"  # <repo>/src/yxnlp/extract/ner.py


def model_dir(name: str = MODEL_NAME) -> Path:
    """The folder of the model in use: ``$YXNLP_MODEL``, else ``name`` under :func:`models_dir`."""
    env = os.environ.get(ENV_MODEL)
    if env and name == MODEL_NAME:
        return Path(env)
    return models_dir() / name


def load(path: str | None = None) -> Language:
    """The NER pipeline at ``path`` (default :func:`model_dir`), loaded once per process;
    :class:`ModelError` if it is missing.

    Its layers compute with numpy's BLAS rather than thinc's default, blis: the same
    predictions (the records of seeds, corpus and dev pages are identical), and on the x86-64
    machines measured blis's kernels took three times as long for the model's matrix products
    (12,000 × 192 by 192 × 192: 31 ms, numpy 10 ms on one thread)."""
    return load_from(str(Path(path) if path else model_dir()))


@functools.cache
def load_from(path: str) -> Language:
    """The NER pipeline in the folder ``path``, loaded once per process (``cache_clear()``
    after rewriting it)."""
    import spacy

    import yxnlp.extract.ner_decode
    import yxnlp.extract.ner_features  # noqa: F401

    where = Path(path)
    if not (where / "meta.json").is_file():
        raise ModelError(f"{where}: NER model not found; {RETRAIN_HINT}")
    from thinc.api import use_ops

    try:
        with use_ops("numpy", use_blis=False):  # numpy's BLAS: see load()
            return spacy.load(where)
    except (OSError, ValueError) as exc:
        raise ModelError(f"{where}: cannot load the NER model ({exc}); {RETRAIN_HINT}") from exc


def _chunks(text: str, *, size: int) -> list[tuple[int, str]]:
    """``text`` cut after line breaks and sentence ends into pieces of about ``size``
    characters, each with its offset (names do not cross these cuts)."""
    out: list[tuple[int, str]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = max(text.rfind(c, start, end) for c in "\n。；;！？")
            end = cut + 1 if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out


_SENTENCE_END = re.compile("[\n。；;！？]")
#: Cuts between units ``keep`` judges: sentences, or clauses (names do not cross a comma or
#: colon either; lists of names are joined by 、).
UNITS = {"sentence": _SENTENCE_END, "clause": re.compile("[\n。；;！？，,：:]")}


def _relevant(
    offset: int,
    piece: str,
    keep: Callable[[str], bool],
    *,
    margin: int,
    cut: re.Pattern[str] = _SENTENCE_END,
) -> list[tuple[int, str]]:
    """The stretches of ``piece`` around its sentences that ``keep`` accepts, each with at
    least ``margin`` characters of the neighbouring sentences on both sides (or up to the
    piece's own ends), so every kept character sees the same context as in the whole piece.

    >>> _relevant(0, "甲乙。丙丁局。戊己。庚辛。", lambda s: "局" in s, margin=3)
    [(0, '甲乙。丙丁局。戊己。')]
    >>> _relevant(10, "甲乙丙。丁戊己。庚辛壬。", lambda s: "局" in s, margin=2)
    []
    """
    cuts = [0, *(m.end() for m in cut.finditer(piece)), len(piece)]
    sents = [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
    wanted = [i for i, (a, b) in enumerate(sents) if keep(piece[a:b])]
    # context is counted in characters other than spaces (a run of spaces is one token)
    size = [sum(not c.isspace() for c in piece[a:b]) for a, b in sents]
    spans: list[list[int]] = []
    for i in wanted:
        lo = hi = i
        while lo > 0 and sum(size[lo:i]) < margin:
            lo -= 1
        while hi < len(sents) - 1 and sum(size[i + 1 : hi + 1]) < margin:
            hi += 1
        start, end = sents[lo][0], sents[hi][1]
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    return [(offset + a, piece[a:b]) for a, b in spans]


class NerSpan(NamedTuple):
    """One entity: ``text[start:end]`` is a ``label``; ``score`` in (0, 1] is the lowest
    probability of its characters' tags."""

    start: int
    end: int
    label: str
    score: float


@functools.cache
def _cue_pattern() -> re.Pattern[str]:
    spec = yxnlp_resources.ner_cues()
    words = sorted(spec.words, key=len, reverse=True)
    return re.compile("|".join([*map(re.escape, words), *spec.patterns]))


def worth_tagging(sentence: str) -> bool:
    """Whether a sentence holds a cue of a company, body or project name (a legal form, a
    body or project noun, an industry word, a signing or investment verb, a list ``、…等``, a
    declared short form): the cheap pre-selection of ``data/ner_cues.json``.

    >>> worth_tagging("由区商务局牵头。"), worth_tagging("粮食产量稳定在50万吨。")
    (True, False)
    """
    return _cue_pattern().search(sentence) is not None


def selected(
    text: str,
    *,
    chunk: int = 600,
    keep: Callable[[str], bool] | None = None,
    margin: int = 12,
    unit: str = "sentence",
) -> list[tuple[int, str]]:
    """The pieces of ``text`` the model reads, with their offsets: pieces of about ``chunk``
    characters cut at sentence ends, and with ``keep`` only the units it accepts with
    ``margin`` characters of context (see :func:`spans`).

    >>> selected("全年增长6%。由区商务局牵头,宏达集团参加。", keep=worth_tagging, margin=0)
    [(7, '由区商务局牵头,宏达集团参加。')]
    """
    pieces = [(o, t) for o, t in _chunks(text, size=chunk) if t.strip()]
    if keep is None:
        return pieces
    cut = UNITS[unit]
    return [
        p for o, t in pieces for p in _relevant(o, t, keep, margin=margin, cut=cut) if p[1].strip()
    ]


def spans(
    text: str,
    *,
    word_starts: Sequence[int] | None = None,
    path: str | None = None,
    chunk: int = 600,
    keep: Callable[[str], bool] | None = None,
    margin: int = 12,
    unit: str = "sentence",
    min_score: float = 0.0,
    batch: int = 64,
) -> list[NerSpan]:
    """The model's entities in ``text`` with their scores, by start.

    The text is tagged in pieces of about ``chunk`` characters cut at sentence ends; with
    ``keep``, only the sentences (``unit="clause"``: clauses) it accepts are tagged, each with
    ``margin`` characters of context on both sides; the model sees 4 characters on each side
    of a character (bigrams and three window-1 layers), so a margin of 5 or more gives the
    same spans in the kept units as tagging everything. ``word_starts`` are the start offsets of the segmenter's words in
    ``text`` (sorted); without them the model segments each piece with jieba itself. Spans
    scoring below ``min_score`` are left out.
    """
    from yxnlp.extract.ner_decode import decode_probs
    from yxnlp.extract.ner_features import WORD_STARTS, char_doc

    if not text.strip():
        return []
    nlp = load(path)
    tagger = nlp.get_pipe("ner")
    starts = None if word_starts is None else list(word_starts)
    pieces = selected(text, chunk=chunk, keep=keep, margin=margin, unit=unit)
    labels = list(tagger.labels)  # type: ignore[attr-defined]
    weight = float(getattr(tagger, "o_weight", 1.0))
    floor = float(getattr(tagger, "floor", 0.0))
    out: list[NerSpan] = []
    for i in range(0, len(pieces), batch):
        part = pieces[i : i + batch]
        docs = []
        for offset, piece in part:
            doc = char_doc(nlp.vocab, piece)
            if starts is not None:
                lo = bisect.bisect_left(starts, offset)
                hi = bisect.bisect_left(starts, offset + len(piece))
                doc.user_data[WORD_STARTS] = [s - offset for s in starts[lo:hi]]
            docs.append(doc)
        probs = tagger.predict(docs)  # type: ignore[attr-defined]
        for (offset, _), doc, p in zip(part, docs, probs, strict=True):
            bounds = doc.to_array(["IDX", "LENGTH"])
            for s in decode_probs(p, labels, o_weight=weight, floor=floor):
                if s.score is not None and s.score >= min_score:
                    a = offset + int(bounds[s.start, 0])
                    b = offset + int(bounds[s.end - 1, 0] + bounds[s.end - 1, 1])
                    out.append(NerSpan(a, b, s.label, s.score))
    return out


def tag(
    text: str,
    *,
    path: str | None = None,
    chunk: int = 600,
    keep: Callable[[str], bool] | None = None,
    margin: int = 12,
    unit: str = "sentence",
    word_starts: Sequence[int] | None = None,
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` character spans of the model's entities in ``text``: the
    spans of :func:`spans` without their scores."""
    found = spans(
        text, path=path, chunk=chunk, keep=keep, margin=margin, unit=unit, word_starts=word_starts
    )
    return [(s.start, s.end, s.label) for s in found]


def model_name() -> str | None:
    """``models/<name>@<version>`` of the shipped model, ``<folder>@<version>`` of a model
    named by ``$YXNLP_MODEL`` (a retrained model's version says what was added), or ``None``
    if there is none."""
    where = model_dir()
    meta = where / "meta.json"
    if not meta.is_file():
        return None
    version = json.loads(meta.read_text("utf-8")).get("version", "0.0.0")
    if os.environ.get(ENV_MODEL):
        return f"{where.name}@{version}"
    return f"models/{MODEL_NAME}@{version}"
