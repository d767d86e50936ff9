"""Stage: word segmentation with jieba or pkuseg into a spaCy ``Doc``.

Tokens keep offsets into the text they were given (``token.idx``), so they align with
the source text. The domain user dictionary lives in ``data/userdict.txt``.

The ``Doc`` is the one spaCy's Chinese tokenizer makes (same tokens, same whitespace), built
in linear time: the segmenter runs over bounded pieces of the text (cut where it would cut
anyway: at whitespace, and for jieba after punctuation; a run longer than
:data:`PIECE_CHARS` with neither is cut hard), the words of each stretch between whitespace
are its tokens as they come (no search for a word in the text), and the ``Doc`` is made from
the words and spaces directly. spaCy's own path
searches every word from a copy of the text's remainder (quadratic) and stops at its
``max_length``; this one takes any text.

>>> doc = segment("规上工业增加值增长8%", segmenter="jieba")
>>> doc.text
'规上工业增加值增长8%'
>>> [t.text for t in doc]
['规上工业', '增加值', '增长', '8%']
"""

from __future__ import annotations

import bisect
import contextlib
import enum
import functools
import io
import itertools
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from yxnlp import jieba_dict
from yxnlp.errors import ModelError

#: Longest piece of text handed to the segmenter at once.
PIECE_CHARS = 20_000
# Where a cut changes nothing: pkuseg segments each whitespace-separated fragment on its own;
# jieba segments runs of the characters of its ``re_han_default`` and yields every other
# character as a word of its own (``\r\n`` as one).
_BREAKS = {
    "pkuseg": re.compile(r"\s"),
    "jieba": re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-\r]"),
}
_SPACE_RUN = re.compile(r"\s+")


class Segmenter(enum.StrEnum):
    jieba = "jieba"
    pkuseg = "pkuseg"


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

    if seg is Segmenter.jieba:
        jieba_dict.ready(jieba_dict.import_jieba())  # before spaCy's tokenizer first cuts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": seg.value}}})
    if seg is Segmenter.pkuseg:
        printed = io.StringIO()
        with contextlib.redirect_stderr(printed):
            nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model_dir()))  # type: ignore[union-attr]
        _pass_on(printed.getvalue())
        nlp.tokenizer.pkuseg_update_user_dict(list(jieba_dict.user_words()))  # type: ignore[union-attr]
    return nlp


#: What spacy-pkuseg prints while it looks for its model's files in one format after another
#: (the model pkuseg ships is in the oldest): progress, not a problem.
_FORMAT_FALLBACK = re.compile(r"WARNING: \S+ does not exist, try loading .*")


def _pass_on(printed: str) -> None:
    """Print to stderr what a library printed there, except its format fallbacks.

    >>> _pass_on("WARNING: features.msgpack does not exist, try loading features.pkl\\n")
    """
    for line in printed.splitlines():
        if line.strip() and not _FORMAT_FALLBACK.fullmatch(line.strip()):
            print(line, file=sys.stderr)


def segment(text: str, *, segmenter: Segmenter | str = Segmenter.jieba) -> Doc:
    """Tokenise ``text``; ``doc.text == text`` and every ``token.idx`` is a source offset.

    >>> [(t.text, t.whitespace_) for t in segment("增长 8%\\n\\n完成")]
    [('增长', ' '), ('8%', ''), ('\\n\\n', ''), ('完成', '')]
    """
    seg = Segmenter(segmenter)
    tokens, spaces = tokens_and_spaces(text, segmenter=seg)
    return Doc(_vocab(), words=tokens, spaces=spaces)


@functools.cache
def _vocab() -> Vocab:
    """The vocabulary of the ``Doc``s: a blank Chinese pipeline's (the segmenters' pipelines
    are not needed to hold words; jieba's would load its default tokenizer's tables)."""
    import spacy

    return spacy.blank("zh").vocab


def tokens_and_spaces(
    text: str, *, segmenter: Segmenter, size: int = PIECE_CHARS
) -> tuple[list[str], list[bool]]:
    """What :func:`words_and_spaces` makes of ``text`` and :func:`words`, without searching
    for each word: both segmenters cut at whitespace anyway, so each stretch between whitespace
    runs is segmented on its own (a stretch longer than ``size`` where :func:`pieces` cuts the
    text) and its words, which spell it, are its tokens; a whitespace run after a word gives
    its first space to the word as its trailing space and the rest is a token. (Words that do
    not spell their stretch are aligned by :func:`words_and_spaces`, which the tests also
    use on the segmenter's words over :func:`pieces` as the reference.)

    >>> tokens_and_spaces(" 增长 8%  。", segmenter=Segmenter.jieba)
    ([' ', '增长', '8%', ' ', '。'], [False, True, True, False, False])
    """
    cut = _cutter(segmenter)
    cuts: list[int] | None = None  # where pieces() cuts the text, once a stretch needs it
    tokens: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for a, b in [*(m.span() for m in _SPACE_RUN.finditer(text)), (len(text), len(text))]:
        if a > pos:
            stretch = text[pos:a]
            if a - pos <= size:
                found = list(cut(stretch))
            else:
                if cuts is None:
                    cuts = [e for _, e in pieces(text, breaks=_BREAKS[segmenter.value], size=size)]
                inner = cuts[bisect.bisect_right(cuts, pos) : bisect.bisect_left(cuts, a)]
                edges = [pos, *inner, a]
                found = [w for x, y in itertools.pairwise(edges) for w in cut(text[x:y])]
            if "".join(found) != stretch or "" in found:
                found = words_and_spaces(stretch, found)[0]
            tokens += found
            spaces += [False] * len(found)
        if tokens and a < b and text[a] == " ":
            spaces[-1] = True  # the word before takes one space
            a += 1
        if a < b:
            tokens.append(text[a:b])
            spaces.append(False)
        pos = b
    return tokens, spaces


def _cutter(segmenter: Segmenter) -> Callable[[str], Iterable[str]]:
    if segmenter is Segmenter.jieba:
        return jieba_dict.cut()
    nlp = load_tokenizer(segmenter)
    cut: Callable[[str], Iterable[str]] = nlp.tokenizer.pkuseg_seg.cut  # type: ignore[union-attr]
    return cut


def pieces(
    text: str, *, breaks: re.Pattern[str], size: int = PIECE_CHARS
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text`` of at most ``size`` characters, each
    cut after the last match of ``breaks`` in it (a piece without one is cut at ``size``).

    >>> list(pieces("甲乙。丙丁\\n戊己庚", breaks=re.compile("[\\n。]"), size=4))
    [(0, 3), (3, 6), (6, 9)]
    >>> list(pieces("甲乙丙丁戊", breaks=re.compile("\\n"), size=2))
    [(0, 2), (2, 4), (4, 5)]
    """
    start, n = 0, len(text)
    while start < n:
        end = min(n, start + size)
        if end < n:
            found = None
            for found in breaks.finditer(text, start, end):  # noqa: B007 - the last one
                pass
            end = found.end() if found else end
        yield start, end
        start = end


def words_and_spaces(text: str, words: Iterable[str]) -> tuple[list[str], list[bool]]:
    """The tokens and trailing-space flags of a ``Doc`` of ``text`` from a segmenter's words,
    as spaCy's ``get_words_and_spaces`` makes them (whitespace words dropped, the text
    between words kept as tokens, one space after a word as its trailing space), each word
    searched from the end of the previous one: linear in the text.

    >>> words_and_spaces("增长 8% 。", ["增长", " ", "8%", " ", "。"])
    (['增长', '8%', '。'], [True, True, False])
    >>> words_and_spaces("a  b", ["a", "b"])
    (['a', ' ', 'b'], [True, False, False])
    """
    tokens: list[str] = []
    spaces: list[bool] = []
    pos, n = 0, len(text)
    for word in words:
        if not word or word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0 or (start > pos and not text[pos:start].isspace()):
            raise ValueError(f"segmenter words do not match the text at {pos}: {word[:20]!r}")
        if start > pos:
            tokens.append(text[pos:start])
            spaces.append(False)
        tokens.append(word)
        pos = start + len(word)
        space = pos < n and text[pos] == " "
        spaces.append(space)
        pos += space
    if pos < n:
        tokens.append(text[pos:])
        spaces.append(False)
    return tokens, spaces
