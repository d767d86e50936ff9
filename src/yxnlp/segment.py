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
import importlib
import io
import itertools
import logging
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from yxnlp import datacache, resources
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
    if seg is Segmenter.jieba:
        _ready(jieba)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": seg.value}}})
    if seg is Segmenter.pkuseg:
        printed = io.StringIO()
        with contextlib.redirect_stderr(printed):
            nlp.tokenizer.initialize(pkuseg_model=str(pkuseg_model_dir()))  # type: ignore[union-attr]
        _pass_on(printed.getvalue())
        nlp.tokenizer.pkuseg_update_user_dict(list(user_words()))  # type: ignore[union-attr]
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


#: What jieba's default tokenizer is made of, with the domain words added: its prefix
#: dictionary (every word and word prefix → frequency), the frequencies' total, and the POS
#: table of ``jieba.posseg``. jieba builds them from its dictionary file at every start
#: (0.5 s for the first, 0.4 s for the last); kept on disk by :mod:`yxnlp.datacache`, they load
#: in a fifth of that.
JiebaTables = tuple[dict[str, int], int, dict[str, str]]


@datacache.disk_cached("jieba-tables")
def _jieba_tables() -> JiebaTables:
    """The tables, built as jieba builds them: a fresh tokenizer, initialised from jieba's
    dictionary, the domain words added with jieba's ``add_word``, and ``jieba.posseg``'s
    reading of the same dictionary file."""
    import jieba
    from jieba.posseg import POSTokenizer

    tok = jieba.Tokenizer()
    tok.initialize()
    for word in user_words():
        tok.add_word(word, freq=200_000)
    tags = POSTokenizer(tok)
    tags.makesure_userdict_loaded()
    return tok.FREQ, tok.total, _sharing(tok.FREQ, tags.word_tag_tab)


def _sharing(freq: dict[str, int], tags: dict[str, str]) -> dict[str, str]:
    """``tags`` with its words the very strings of ``freq``'s keys and each tag one string, so
    the pickle stores every word and tag once (a third smaller, a third faster to load).

    >>> freq = {"".join(["工", "业"]): 5}
    >>> shared = _sharing(freq, {"".join(["工", "业"]): "".join(["n", "z"])})
    >>> shared == {"工业": "nz"} and next(iter(shared)) is next(iter(freq))
    True
    """
    word = {w: w for w in freq}
    tag: dict[str, str] = {}
    return {word.get(w, w): tag.setdefault(t, t) for w, t in tags.items()}


def _ready(jieba: ModuleType) -> None:
    """Give jieba's default tokenizer (and ``jieba.posseg``'s) the cached tables, unless
    something initialised it already (then the domain words are added to it as they are)."""
    if jieba.dt.initialized:
        for word in user_words():
            jieba.add_word(word, freq=200_000)
        return
    freq, total, tags = _given_tables()
    with jieba.dt.lock:
        jieba.dt.FREQ, jieba.dt.total, jieba.dt.initialized = freq, total, True
    if "jieba.posseg" not in sys.modules:
        with _reading_no_dictionary(jieba.dt):  # its import would read the dictionary file
            posseg = importlib.import_module("jieba.posseg")
        posseg.dt.word_tag_tab = tags


@functools.cache
def _given_tables() -> JiebaTables:
    """The cached tables as :func:`_ready` gave them to jieba (one copy per process)."""
    return _jieba_tables()


@contextlib.contextmanager
def _reading_no_dictionary(tokenizer: Any) -> Iterator[None]:
    """While this lasts, ``tokenizer`` reads an empty dictionary file."""
    tokenizer.get_dict_file = lambda: io.BytesIO()
    try:
        yield
    finally:
        del tokenizer.get_dict_file


def segment(text: str, *, segmenter: Segmenter | str = Segmenter.jieba) -> Doc:
    """Tokenise ``text``; ``doc.text == text`` and every ``token.idx`` is a source offset.

    >>> [(t.text, t.whitespace_) for t in segment("增长 8%\\n\\n完成")]
    [('增长', ' '), ('8%', ''), ('\\n\\n', ''), ('完成', '')]
    """
    seg = Segmenter(segmenter)
    tokens, spaces = tokens_and_spaces(text, segmenter=seg)
    return Doc(load_tokenizer(seg).vocab, words=tokens, spaces=spaces)


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
    nlp = load_tokenizer(segmenter)
    if segmenter is Segmenter.jieba:
        return jieba_cut()
    cut: Callable[[str], Iterable[str]] = nlp.tokenizer.pkuseg_seg.cut  # type: ignore[union-attr]
    return cut


@functools.cache
def jieba_cut() -> Callable[[str], Iterable[str]]:
    """jieba's accurate-mode cut (``jieba.cut(text)``) of this process, with the domain words.

    Where jieba-fast-dat is installed (it has wheels for Linux x86-64 and macOS arm64), the
    best route through each run of characters, jieba's ``get_DAG`` and ``calc`` and two
    thirds of its time, comes from that library's compiled double-array trie of the same
    prefix dictionary; the rest is jieba's own ``cut`` (blocks, the HMM for unknown words). The
    words are jieba's either way (the tests compare both on the corpus). The trie is built
    once: words given to ``jieba.add_word`` later reach ``jieba.cut`` but not this cut.

    >>> list(jieba_cut()("全区规上工业增加值增长8%"))
    ['全区', '规上工业', '增加值', '增长', '8%']
    """
    import jieba

    load_tokenizer(Segmenter.jieba)  # jieba's default tokenizer ready, domain words in
    routes = _fast_routes()
    if routes is None:
        cut: Callable[[str], Iterable[str]] = jieba.dt.cut
        return cut
    trie = routes.DatTrie()
    if _given_tables.cache_info().currsize and jieba.dt.FREQ is _given_tables()[0]:
        trie.load_from_bytes(_jieba_trie())
    else:  # jieba was set up before yxnlp loaded it (its own dictionary, other words)
        trie.build(list(jieba.dt.FREQ.items()))
    return trie_routed(jieba.dt.FREQ, jieba.dt.total, trie, routes=routes)


def trie_routed(
    freq: dict[str, int], total: int, trie: Any, *, routes: ModuleType
) -> Callable[[str], Iterable[str]]:
    """jieba's accurate-mode cut with the prefix dictionary ``freq`` (its ``FREQ``, whose
    frequencies sum to ``total``), the best route of each block read from ``trie``,
    jieba-fast-dat's ``DatTrie`` of the same dictionary (``routes``: its compiled functions)."""
    import jieba

    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = freq, total, True

    def no_dag(sentence: str) -> dict[int, list[int]]:
        return {}  # the trie finds the route in one pass: no DAG to build

    def calc(sentence: str, dag: object, route: dict[int, tuple[float, int]]) -> None:
        ends: list[int] = []  # for each character, where the best word from it ends (and 0)
        routes._get_DAG_and_calc(trie, sentence, ends, float(total))
        route.update(enumerate([(0.0, end) for end in ends]))  # jieba reads route[x][1]

    tok.get_DAG, tok.calc = no_dag, calc  # what jieba's accurate cut of a block calls
    cut: Callable[[str], Iterable[str]] = tok.cut
    return cut


def _fast_routes() -> ModuleType | None:
    """jieba-fast-dat's compiled functions, if that library is installed."""
    try:
        return importlib.import_module("jieba_fast_dat._jieba_fast_dat_functions_py3")
    except ImportError:
        return None


@datacache.disk_cached("jieba-trie")
def _jieba_trie() -> bytes:
    """jieba-fast-dat's double-array trie of the cached prefix dictionary, serialised (10 MB;
    built in 0.2 s, loaded in 0.005 s)."""
    routes = _fast_routes()
    assert routes is not None
    trie = routes.DatTrie()
    trie.build(list(_given_tables()[0].items()))  # the tables jieba holds: not read again
    data: bytes = trie.save_to_bytes()
    return data


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
