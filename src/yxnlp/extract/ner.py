"""The shipped NER model (COMPANY, ORG): located, loaded once, run over a whole text.

The model directory is ``<repo>/models/yxnlp-ner-zh`` (the repository that holds the
package's ``src/``), or ``$YXNLP_MODELS/yxnlp-ner-zh`` when the environment variable is set.
It is a spaCy pipeline with the character tokenizer, so its spans are character offsets
into the text it is given, whatever segmenter the rest of the pipeline uses.

>>> spans = tag("华为技术有限公司与国务院签署协议")
>>> all(isinstance(s, int) and s < e for s, e, _ in spans)
True
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from yxnlp.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "yxnlp-ner-zh"
RETRAIN_HINT = "run `yxnlp train` (or `bash tasks.sh train`) to build it, or use --no-ner"


def models_dir() -> Path:
    """Where shipped models live: ``$YXNLP_MODELS`` or ``<repo>/models``."""
    env = os.environ.get("YXNLP_MODELS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "models"  # <repo>/src/yxnlp/extract/ner.py


def model_dir(name: str = MODEL_NAME) -> Path:
    return models_dir() / name


@functools.cache
def load(path: str | None = None) -> Language:
    """The NER pipeline, loaded once per process; :class:`ModelError` if it is missing."""
    import spacy

    where = Path(path) if path else model_dir()
    if not (where / "meta.json").is_file():
        raise ModelError(f"{where}: NER model not found; {RETRAIN_HINT}")
    try:
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


def _relevant(
    offset: int, piece: str, keep: Callable[[str], bool], *, margin: int
) -> list[tuple[int, str]]:
    """The stretches of ``piece`` around its sentences that ``keep`` accepts, each with at
    least ``margin`` characters of the neighbouring sentences on both sides (or up to the
    piece's own ends), so every kept character sees the same context as in the whole piece.

    >>> _relevant(0, "甲乙。丙丁局。戊己。庚辛。", lambda s: "局" in s, margin=3)
    [(0, '甲乙。丙丁局。戊己。')]
    >>> _relevant(10, "甲乙丙。丁戊己。庚辛壬。", lambda s: "局" in s, margin=2)
    []
    """
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(piece)), len(piece)]
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


def tag(
    text: str,
    *,
    path: str | None = None,
    chunk: int = 2000,
    keep: Callable[[str], bool] | None = None,
    margin: int = 12,
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` character spans of the model's entities in ``text``.

    The text is tagged in pieces of about ``chunk`` characters (cut at sentence ends) through
    ``nlp.pipe``, which is faster than one long document; offsets refer to ``text``. With
    ``keep``, only the sentences it accepts are tagged, each with ``margin`` characters of
    context on both sides (more than the model's window sees), cut from the same pieces.
    """
    if not text.strip():
        return []
    nlp = load(path)
    pieces = [(o, t) for o, t in _chunks(text, size=chunk) if t.strip()]
    if keep is not None:
        pieces = [
            p for o, t in pieces for p in _relevant(o, t, keep, margin=margin) if p[1].strip()
        ]
    spans: list[tuple[int, int, str]] = []
    for (offset, _), doc in zip(pieces, nlp.pipe(t for _, t in pieces), strict=True):
        spans += [(offset + e.start_char, offset + e.end_char, e.label_) for e in doc.ents]
    return spans


def model_name() -> str | None:
    """``models/<name>@<version>`` of the installed model, or ``None`` if there is none."""
    meta = model_dir() / "meta.json"
    if not meta.is_file():
        return None
    info = json.loads(meta.read_text("utf-8"))
    return f"models/{MODEL_NAME}@{info.get('version', '0.0.0')}"
