"""Stage: word segmentation through spaCy's Chinese tokenizer (jieba or pkuseg).

Tokens keep offsets into the text they were given (``token.idx``), so they align with
the source text. The domain user dictionary lives in ``data/userdict.txt``.

>>> doc = segment("规上工业增加值增长8%", segmenter="jieba")
>>> doc.text
'规上工业增加值增长8%'
>>> [t.text for t in doc]
['规上工业', '增加值', '增长', '8%']
"""

from __future__ import annotations

import enum
import functools
import logging
import warnings
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from yxnlp import resources
from yxnlp.errors import ModelError


class Segmenter(enum.StrEnum):
    jieba = "jieba"
    pkuseg = "pkuseg"


@functools.cache
def user_words() -> tuple[str, ...]:
    """The domain dictionary: one word per line, ``#`` comments."""
    text = resources.path("userdict.txt").read_text("utf-8")
    words = (ln.split("#", 1)[0].split() for ln in text.splitlines())
    return tuple(w[0] for w in words if w)


def pkuseg_model_dir() -> Path:
    """The default model shipped inside pkuseg's own sdist."""
    try:
        import pkuseg
    except ImportError as exc:
        raise ModelError(
            "the pkuseg segmenter needs pkuseg==0.0.25: "
            "pip install numpy cython && pip install --no-build-isolation pkuseg==0.0.25"
        ) from exc
    return Path(pkuseg.__file__).parent / "models" / "default"


def load_tokenizer(segmenter: Segmenter | str = Segmenter.jieba) -> Language:
    """A blank Chinese spaCy pipeline with the chosen segmenter and the domain dictionary.

    Loaded once per segmenter (``"jieba"`` and ``Segmenter.jieba`` share one pipeline).
    """
    return _load_tokenizer(Segmenter(segmenter))


@functools.cache
def _load_tokenizer(seg: Segmenter) -> Language:
    import spacy

    with warnings.catch_warnings():  # jieba 0.42 imports the deprecated pkg_resources
        warnings.simplefilter("ignore", UserWarning)
        import jieba
    jieba.setLogLevel(logging.WARNING)  # before spaCy first calls it: no "Building prefix dict"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": seg.value}}})
    if seg is Segmenter.jieba:
        for word in user_words():
            jieba.add_word(word, freq=200_000)
    else:
        nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model_dir()))  # type: ignore[union-attr]
        nlp.tokenizer.pkuseg_update_user_dict(list(user_words()))  # type: ignore[union-attr]
    return nlp


def segment(text: str, *, segmenter: Segmenter | str = Segmenter.jieba) -> Doc:
    """Tokenise ``text``; ``doc.text == text`` and every ``token.idx`` is a source offset."""
    return load_tokenizer(segmenter)(text)
