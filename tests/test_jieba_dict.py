"""The pipeline's jieba: the domain words, the cached tables, the tries they are read through,
and jieba's default tokenizer left alone until something uses it."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from yxnlp import jieba_dict
from yxnlp.jieba_dict import TrieFrequencies, TrieTags, fast_routes, trie_routed, user_words
from yxnlp.segment import load_tokenizer

ROOT = Path(__file__).resolve().parents[1]
# reports with what jieba's HMM and block rules meet: characters outside its models (a 1950s
# report in older forms), dashes and spaces between figures, a province's place names
CUT_REPORTS = ["corpus/national/1954.txt", "corpus/national/2011.txt",
               "corpus/provinces-2026/500000.txt", "corpus/shanghai/2024.txt"]  # fmt: skip


def _text(report: str, seed_text: str) -> str:
    return seed_text if report == "seed" else (ROOT / report).read_text(encoding="utf-8")


def test_dictionary_is_data() -> None:
    words = user_words()
    assert "规模以上工业增加值" in words
    assert all(w and not w.startswith("#") for w in words)


def test_the_cached_jieba_tables_are_the_ones_jieba_builds() -> None:
    """The tables kept on disk equal those a fresh jieba tokenizer builds from its dictionary
    with the domain words added, and the default tokenizer and ``jieba.posseg`` use them."""
    import jieba
    import jieba.posseg

    load_tokenizer("jieba")
    fresh = jieba.Tokenizer()
    fresh.initialize()
    for word in user_words():
        fresh.add_word(word, freq=jieba_dict.DOMAIN_FREQ)
    tags = jieba.posseg.POSTokenizer(fresh)
    assert (jieba.dt.FREQ, jieba.dt.total) == (fresh.FREQ, fresh.total)
    assert jieba.posseg.dt.word_tag_tab == tags.word_tag_tab
    assert len(tags.word_tag_tab) > 300_000
    # a domain word is in the prefix dictionary and POS tagging keeps it whole
    word = user_words()[0]
    assert jieba.dt.FREQ[word] == jieba_dict.DOMAIN_FREQ
    assert [w for w, _ in jieba.posseg.dt.cut(f"推进{word}建设")][1] == word


def test_the_fast_routes_are_installed_where_wheels_exist() -> None:
    """CI and the quick start run on Linux x86-64: a missing jieba-fast-dat would silently
    cost a third of the pipeline's speed and a fifth of its start, so it fails here instead."""
    if sys.platform == "linux" and platform.machine() == "x86_64":
        assert fast_routes() is not None


def test_the_tries_hold_every_frequency_and_tag_of_the_tables() -> None:
    routes = fast_routes()
    if routes is None:
        pytest.skip("jieba-fast-dat is not installed on this platform")
    freq, total, tags = jieba_dict.given_tables()
    tries = jieba_dict._tries()
    words, tagged = routes.DatTrie(), routes.DatTrie()
    words.load_from_bytes(tries.words)
    tagged.load_from_bytes(tries.tags)
    frequencies, table = TrieFrequencies(words), TrieTags(tagged, tries.tag_names)
    assert tries.total == total
    assert all(frequencies.get(w, 0) == f for w, f in freq.items())
    assert all(table.get(w, "x") == t for w, t in tags.items())
    # a prefix and a string that is no word read as jieba's dicts read them where jieba asks
    assert freq["规模以上工"] == 0 and not frequencies.get("规模以上工")
    assert frequencies.get("乙丙丁戊", 0) == 0 and table.get("乙丙丁戊", "x") == "x"


@pytest.mark.parametrize("report", ["seed", *CUT_REPORTS])
def test_the_pipelines_cut_gives_jiebas_words(report: str, seed_text: str) -> None:
    """The pipeline's jieba cut (routes from jieba-fast-dat's trie where installed) gives
    every word ``jieba.lcut`` gives, on whole reports."""
    import jieba

    text = _text(report, seed_text)
    load_tokenizer("jieba")
    assert list(jieba_dict.cut()(text)) == jieba.lcut(text)


@pytest.mark.parametrize("report", ["seed", "corpus/national/1954.txt"])
def test_the_pipelines_tagger_gives_jieba_posseg_pairs(report: str, seed_text: str) -> None:
    import jieba.posseg

    text = _text(report, seed_text)
    load_tokenizer("jieba")
    assert jieba_dict.tag()(text) == [(p.word, p.flag) for p in jieba.posseg.dt.cut(text)]


@pytest.mark.parametrize("word", ["增加值", "规模以上工业增加值", "增加值增", "乙丙丁戊", ""])
def test_frequency_is_jiebas(word: str) -> None:
    import jieba

    load_tokenizer("jieba")
    assert jieba_dict.frequency(word) == jieba.dt.FREQ.get(word, 0)


SMALL_DICTIONARY = "工业 30 n\n增加值 20 n\n增加 40 v\n加值 5 n\n增长 50 v\n工 3 n\n业 3 n\n"


@pytest.mark.parametrize("text", ["工业增加值增长", "增加工业", "增长8%，工业增加值增长", "乙丙丁"])
def test_a_trie_of_any_dictionary_routes_as_jieba(text: str, tmp_path: Path) -> None:
    """A trie built from another prefix dictionary cuts as jieba does with that dictionary."""
    routes = fast_routes()
    if routes is None:
        pytest.skip("jieba-fast-dat is not installed on this platform")
    import jieba

    (tmp_path / "dict.txt").write_text(SMALL_DICTIONARY, encoding="utf-8")
    tok = jieba.Tokenizer(str(tmp_path / "dict.txt"))
    tok.tmp_dir = str(tmp_path)
    tok.initialize()
    trie = routes.DatTrie()
    trie.build(list(tok.FREQ.items()))
    assert trie_routed(tok.FREQ, tok.total, trie, routes=routes).lcut(text) == tok.lcut(text)


# run in a fresh interpreter: the other tests have set up jieba's default tokenizer already
LAZY = textwrap.dedent("""
    import json, sys
    import yxnlp
    from yxnlp import jieba_dict
    yxnlp.process("全区规上工业增加值增长8%，推进四川某某科技有限公司项目。", source="a.txt")
    import jieba, jieba.posseg
    before = jieba.dt.initialized
    deprecated = "pkg_resources" in sys.modules
    text = "全区规上工业增加值增长8%，推进某某新词建设"
    same = jieba.lcut(text) == list(jieba_dict.cut()(text))  # jieba's first use
    jieba.add_word("某某新词", tag="nz")  # a user's word and tag
    print(json.dumps({
        "initialised_by_the_pipeline": before,
        "pkg_resources_imported": deprecated,
        "same_words": same,
        "domain_word_known": jieba.dt.FREQ.get(jieba_dict.user_words()[0], 0) > 0,
        "tables": jieba.dt.FREQ is jieba_dict.given_tables()[0],
        "tags": [[p.word, p.flag] for p in jieba.posseg.cut(text)],
    }))
""")


def test_the_pipeline_leaves_jiebas_default_tokenizer_for_its_first_use() -> None:
    """Processing a report does not load jieba's default tokenizer's tables (0.4 s at every
    start) where the tries serve; its first use later gets the cached ones, with the domain
    words, and POS tags from them and from a word a user adds."""
    if fast_routes() is None:
        pytest.skip("jieba-fast-dat is not installed on this platform")

    out = subprocess.run([sys.executable, "-c", LAZY], capture_output=True, text=True,
                         check=True, timeout=300).stdout  # fmt: skip
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["initialised_by_the_pipeline"] is False
    assert seen["pkg_resources_imported"] is False  # deprecated, 0.05 s: jieba reads with open
    assert seen["same_words"] and seen["domain_word_known"] and seen["tables"]
    tags = dict(map(tuple, seen["tags"]))
    assert tags["增加值"] == "n" and tags["某某新词"] == "nz"


PRESET = textwrap.dedent("""
    import jieba, json
    jieba.add_word("某某新词", freq=100_000)  # a user sets jieba up before yxnlp
    from yxnlp import jieba_dict
    text = "全区规上工业增加值增长8%，推进某某新词建设"
    import jieba.posseg
    print(json.dumps({"ours": list(jieba_dict.cut()(text)), "jiebas": jieba.lcut(text),
                      "tags": [jieba_dict.tag()("推进工业"), [p.flag for p in jieba.posseg.cut("推进工业")]]}))
""")


def test_a_jieba_set_up_before_yxnlp_is_cut_with_its_own_words_and_the_domain_words() -> None:
    out = subprocess.run([sys.executable, "-c", PRESET], capture_output=True, text=True,
                         check=True, timeout=300).stdout  # fmt: skip
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["ours"] == seen["jiebas"]
    assert "某某新词" in seen["ours"] and "规上工业" in seen["ours"]
    ours, jiebas = seen["tags"]
    assert ours == [["推进", "v"], ["工业", "n"]] and jiebas == ["v", "n"]


OWN_SETUP = textwrap.dedent("""
    import json, sys, threading
    import yxnlp
    from yxnlp import jieba_dict
    errors = []
    def first_cut():
        try:
            jieba_dict.cut()("全区规上工业增加值增长8%"); jieba_dict.tag()("推进工业")
        except Exception as exc:
            errors.append(repr(exc))
    threads = [threading.Thread(target=first_cut) for _ in range(4)]
    [t.start() for t in threads]; [t.join() for t in threads]
    import jieba, jieba.posseg
    if sys.argv[1] == "initialize":
        jieba.initialize()
    else:
        jieba.set_dictionary(sys.argv[2])
    print(json.dumps({"errors": errors, "words": jieba.lcut("规上工业增加值增长"),
                      "tags": [p.flag for p in jieba.posseg.cut("推进工业")]}))
""")


@pytest.mark.parametrize("how", ["initialize", "set_dictionary"])
def test_jiebas_own_setup_calls_after_yxnlp_are_honoured(how: str, tmp_path: Path) -> None:
    """``jieba.initialize()`` gets yxnlp's tables (the domain words, the tags); a dictionary
    chosen with ``set_dictionary`` is jieba's to read; first cuts from four threads at once
    all succeed."""
    if fast_routes() is None:
        pytest.skip("jieba-fast-dat is not installed on this platform")
    (tmp_path / "dict.txt").write_text(SMALL_DICTIONARY + "推进 30 v\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", OWN_SETUP, how, str(tmp_path / "dict.txt")],
                         capture_output=True, text=True, check=True, timeout=300).stdout  # fmt: skip
    seen = json.loads(out.strip().splitlines()[-1])
    assert seen["errors"] == []
    assert seen["tags"] == ["v", "n"]
    if how == "initialize":
        assert seen["words"] == ["规上工业", "增加值", "增长"]
    else:  # the small dictionary has no 规上工业 and no domain word reaches it before use
        assert "规上工业" not in seen["words"]
