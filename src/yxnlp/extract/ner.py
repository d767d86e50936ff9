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
import json
import os
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
    import yxnlp

    return Path(yxnlp.__file__).resolve().parents[2] / "models"


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


def tag(text: str, *, path: str | None = None) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` character spans of the model's entities in ``text``."""
    if not text.strip():
        return []
    doc = load(path)(text)
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def model_name() -> str | None:
    """``models/<name>@<version>`` of the installed model, or ``None`` if there is none."""
    meta = model_dir() / "meta.json"
    if not meta.is_file():
        return None
    info = json.loads(meta.read_text("utf-8"))
    return f"models/{MODEL_NAME}@{info.get('version', '0.0.0')}"
