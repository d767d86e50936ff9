"""jieba's dictionary as the pipeline reads it: the domain words added, kept on disk, and
looked up through compiled tries where jieba-fast-dat is installed.

jieba builds its prefix dictionary (every word and word prefix → frequency, 500,000 entries)
and ``jieba.posseg`` its tag table (350,000) from its dictionary file at every start. The
pipeline asks three things of them: the best route through a run of characters, a word's
frequency, and a word's POS tag. Where jieba-fast-dat is installed (wheels for Linux x86-64
and macOS arm64), all three come from two of its double-array tries (loaded in 0.01 s), and
jieba's own cut and POS tagger run over them on a tokenizer of their own. jieba's default
tokenizer is then left alone until something uses it (spaCy's jieba tokenizer, a user's
``jieba.cut``), and only then gets the same tables, with the domain words, from the disk cache
(0.4 s). Elsewhere the default tokenizer gets them at once and everything goes through it.

>>> list(cut()("全区规上工业增加值增长8%"))
['全区', '规上工业', '增加值', '增长', '8%']
>>> tag()("推进工业增加")
[('推进', 'v'), ('工业', 'n'), ('增加', 'v')]
>>> frequency("增加值") > 0, frequency("增加值增")
(True, 0)
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
import logging
import sys
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from yxnlp import datacache, resources

#: The frequency a domain word is added with (high: it wins over the words it contains).
DOMAIN_FREQ = 200_000


@functools.cache
def user_words() -> tuple[str, ...]:
    """The domain dictionary (``data/userdict.txt``): one word per line, ``#`` comments."""
    text = resources.path("userdict.txt").read_text("utf-8")
    words = (ln.split("#", 1)[0].split() for ln in text.splitlines())
    return tuple(w[0] for w in words if w)


def import_jieba() -> ModuleType:
    """jieba, imported without ``pkg_resources`` and without "Building prefix dict" log lines.

    jieba 0.42 opens its data files through ``pkg_resources`` when it can import it and with
    ``open`` otherwise (the same files). ``pkg_resources`` is deprecated, gone from setuptools
    81 on, and takes 0.05 s to import: jieba's first import is shown a missing one.
    """
    if "jieba" not in sys.modules and "pkg_resources" not in sys.modules:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import fails
        try:
            import jieba
        finally:
            del sys.modules["pkg_resources"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pkg_resources's, if it was imported
        import jieba
    jieba.setLogLevel(logging.WARNING)
    module: ModuleType = jieba
    return module


#: jieba's default tokenizer's prefix dictionary with the domain words, the frequencies'
#: total, and ``jieba.posseg``'s tag table.
JiebaTables = tuple[dict[str, int], int, dict[str, str]]


@datacache.disk_cached("jieba-tables")
def _jieba_tables() -> JiebaTables:
    """The tables, built as jieba builds them: a fresh tokenizer, initialised from jieba's
    dictionary, the domain words added with jieba's ``add_word``, and ``jieba.posseg``'s
    reading of the same dictionary file."""
    jieba = import_jieba()
    from jieba.posseg import POSTokenizer

    tok = jieba.Tokenizer()
    tok.initialize()
    for word in user_words():
        tok.add_word(word, freq=DOMAIN_FREQ)
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


@functools.cache
def given_tables() -> JiebaTables:
    """The cached tables as :func:`ready` gives them to jieba (one copy per process)."""
    return _jieba_tables()


def ready(jieba: ModuleType) -> None:
    """Give jieba's default tokenizer (and ``jieba.posseg``'s) the cached tables, unless
    something initialised it already or chose another dictionary (then the domain words are
    added to it as they are). Marks the tokenizer ``yxnlp_ready``: ``"tables"`` or ``"words"``."""
    dt = jieba.dt
    _unhook(jieba)
    if vars(dt).get("yxnlp_ready"):
        return  # once: add_word again would count the words' frequencies twice
    if dt.initialized or dt.dictionary is not None:
        dt.yxnlp_ready = "words"
        for word in user_words():
            jieba.add_word(word, freq=DOMAIN_FREQ)  # initialises it its own way if need be
        _fill_tags(jieba)
        return
    dt.yxnlp_ready = "tables"
    freq, total, tags = given_tables()
    with dt.lock:
        dt.FREQ, dt.total, dt.initialized = freq, total, True
    posseg = _posseg(jieba)
    if not posseg.dt.word_tag_tab:  # imported without reading the dictionary (see _posseg)
        posseg.dt.word_tag_tab = tags


def ready_when_used(jieba: ModuleType) -> None:
    """Have jieba's default tokenizer get the cached tables when something first uses it
    (jieba initialises itself on first use, or when ``jieba.initialize()`` is called), not now."""
    dt = jieba.dt
    if dt.initialized or "initialize" in vars(dt):
        return

    def initialize(dictionary: str | None = None) -> None:
        if dictionary is None and dt.dictionary is None:
            ready(jieba)
        else:  # another dictionary (given here or by set_dictionary): jieba's own way
            _unhook(jieba)
            dt.initialize(dictionary)
            _fill_tags(jieba)

    dt.initialize = jieba.initialize = initialize  # type: ignore[attr-defined]


def _unhook(jieba: ModuleType) -> None:
    """Remove :func:`ready_when_used`'s hook: jieba's own ``initialize`` again."""
    vars(jieba.dt).pop("initialize", None)
    jieba.initialize = jieba.dt.initialize  # type: ignore[attr-defined]


def _fill_tags(jieba: ModuleType) -> None:
    """``jieba.posseg``'s tag table read from the default tokenizer's dictionary, if it was
    imported without one (see :func:`_posseg`)."""
    posseg = sys.modules.get("jieba.posseg")
    if posseg is not None and not posseg.dt.word_tag_tab:
        posseg.dt.load_word_tag(jieba.dt.get_dict_file())
        posseg.dt.makesure_userdict_loaded()


def _posseg(jieba: ModuleType) -> ModuleType:
    """``jieba.posseg``, imported without reading jieba's dictionary file for its tag table
    (0.3 s) when yxnlp will give it the cached one (:func:`ready`, at once or on first use);
    otherwise as jieba imports it."""
    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    if vars(jieba.dt).get("yxnlp_ready") == "words":
        return importlib.import_module("jieba.posseg")
    with _reading_no_dictionary(jieba.dt):
        return importlib.import_module("jieba.posseg")


@contextlib.contextmanager
def _reading_no_dictionary(tokenizer: Any) -> Iterator[None]:
    """While this lasts, ``tokenizer`` reads an empty dictionary file."""
    tokenizer.get_dict_file = lambda: io.BytesIO()
    try:
        yield
    finally:
        del tokenizer.get_dict_file


def fast_routes() -> ModuleType | None:
    """jieba-fast-dat's compiled functions, if that library is installed."""
    try:
        return importlib.import_module("jieba_fast_dat._jieba_fast_dat_functions_py3")
    except ImportError:
        return None


@dataclass(frozen=True)
class Tries:
    """The cached tables as jieba-fast-dat double-array tries, serialised: ``words`` maps
    every word and prefix to its frequency (0 for a prefix) and ``tags`` every tagged word to
    1 + the index of its tag in ``tag_names``."""

    words: bytes
    total: int
    tags: bytes
    tag_names: tuple[str, ...]


@datacache.disk_cached("jieba-tries")
def _tries() -> Tries:
    routes = fast_routes()
    assert routes is not None
    freq, total, tags = _jieba_tables()  # as built or cached: jieba may have changed its copy
    names = tuple(sorted(set(tags.values())))
    number = {t: i + 1 for i, t in enumerate(names)}
    words, tagged = routes.DatTrie(), routes.DatTrie()
    words.build(list(freq.items()))
    tagged.build([(w, number[t]) for w, t in tags.items()])
    return Tries(words.save_to_bytes(), total, tagged.save_to_bytes(), names)


class TrieFrequencies:
    """What jieba's cut and tagger ask of a prefix dictionary (``FREQ.get``), read from a
    trie: a word's frequency, ``default`` for a prefix or a string not in it."""

    def __init__(self, trie: Any) -> None:
        self._search: Callable[[str], int] = trie.search

    def get(self, word: str, default: int | None = None) -> int | None:
        return self._search(word) or default


class TrieTags:
    """What ``jieba.posseg`` asks of its tag table (``word_tag_tab.get``), read from a trie."""

    def __init__(self, trie: Any, names: tuple[str, ...]) -> None:
        self._search: Callable[[str], int] = trie.search
        self._names = ("", *names)

    def get(self, word: str, default: str | None = None) -> str | None:
        return self._names[self._search(word)] or default


@dataclass(frozen=True)
class _Dictionary:
    """The pipeline's jieba: a tokenizer (routes, frequencies) and a POS tagger over it."""

    tokenizer: Any
    tagger: Any


_LOCK = threading.Lock()


def _dictionary() -> _Dictionary:
    with _LOCK:  # threads that first cut at once: one of them loads, the others wait
        return _load_dictionary()


@functools.cache
def _load_dictionary() -> _Dictionary:
    jieba = import_jieba()
    routes = fast_routes()
    dt = jieba.dt
    preset = (dt.initialized or dt.dictionary is not None) and dt.__dict__.get("yxnlp_ready") != "tables"
    if routes is None or preset:  # no tries, or jieba set up before yxnlp: its own tables
        ready(jieba)
        tagger = _posseg(jieba).dt
        if routes is None:
            return _Dictionary(jieba.dt, tagger)
        trie = routes.DatTrie()
        trie.build(list(jieba.dt.FREQ.items()))  # 0.2 s
        return _Dictionary(trie_routed(jieba.dt.FREQ, jieba.dt.total, trie, routes=routes), tagger)
    ready_when_used(jieba)
    tries = _tries()
    words, tags = routes.DatTrie(), routes.DatTrie()
    words.load_from_bytes(tries.words)
    tags.load_from_bytes(tries.tags)
    tok = trie_routed(TrieFrequencies(words), tries.total, words, routes=routes)
    tok.get_dict_file = lambda: io.BytesIO()  # the tagger's table is the trie's
    tagger = _posseg(jieba).POSTokenizer(tok)
    tagger.word_tag_tab = TrieTags(tags, tries.tag_names)
    return _Dictionary(tok, tagger)


def trie_routed(freq: Any, total: int, trie: Any, *, routes: ModuleType) -> Any:
    """A jieba tokenizer whose ``FREQ`` is ``freq`` (frequencies summing to ``total``) and
    which reads the best route of each block from ``trie``, jieba-fast-dat's ``DatTrie`` of the
    same prefix dictionary (``routes``: its compiled functions) instead of building jieba's DAG
    (two thirds of jieba's time)."""
    jieba = import_jieba()
    tok = jieba.Tokenizer()
    tok.FREQ, tok.total, tok.initialized = freq, total, True

    def no_dag(sentence: str) -> dict[int, list[int]]:
        return {}  # the trie finds the route in one pass: no DAG to build

    def calc(sentence: str, dag: object, route: dict[int, tuple[float, int]]) -> None:
        ends: list[int] = []  # for each character, where the best word from it ends (and 0)
        routes._get_DAG_and_calc(trie, sentence, ends, float(total))
        route.update(enumerate([(0.0, end) for end in ends]))  # jieba reads route[x][1]

    tok.get_DAG, tok.calc = no_dag, calc  # what jieba's accurate cut of a block calls
    return tok


def cut() -> Callable[[str], Iterable[str]]:
    """jieba's accurate-mode cut (``jieba.cut(text)``) with the domain words.

    The words are jieba's with or without the tries (the tests compare both on whole
    reports). Words given to ``jieba.add_word`` after yxnlp loaded its tries reach
    ``jieba.cut`` but not this cut.
    """
    tokenizer = _dictionary().tokenizer

    def words(text: str) -> Iterable[str]:
        found: Iterable[str] = tokenizer.cut(text)  # accurate mode only: routes, not a DAG
        return found

    return words


def tag() -> Callable[[str], list[tuple[str, str]]]:
    """``jieba.posseg``'s cut with the domain words: ``(word, tag)`` pairs."""
    tagger = _dictionary().tagger

    def pairs(text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in tagger.cut(text)]

    return pairs


def frequency(word: str) -> int:
    """``word``'s frequency in jieba's dictionary with the domain words (0 if not a word)."""
    return _dictionary().tokenizer.FREQ.get(word, 0) or 0
