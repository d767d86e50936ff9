"""The name lexicon: word sets by kind from companynameparser, the gazetteer and the body
vocabulary; the matcher's hits; the data file's checks."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from yxnlp import lexicon
from yxnlp.resources.entity_schemas import LexiconSpec

# (case, text, kinds, expected (start, end, kind) hits)
HIT_CASES = [
    ("legal_forms_nest", "科技有限公司", ("legal",), [(2, 6, "legal"), (4, 6, "legal")]),
    ("industry_word", "引进鸿图科技", ("trade",), [(4, 6, "trade")]),
    ("place_with_and_without_suffix", "慈溪市", ("place",), [(0, 2, "place"), (0, 3, "place")]),
    ("body_core_and_suffix", "县商务局", ("body",), [(1, 3, "body")]),
    # 民政 (a department core) inside 人民政府: hits are evidence, not names
    ("level_body", "县人民政府", ("body",), [(1, 5, "body"), (2, 4, "body"), (3, 5, "body")]),
    ("brand_core_and_group", "美的集团", ("brand",), [(0, 2, "brand"), (0, 4, "brand")]),
]

# sentences where a kind must find nothing
NEGATIVES = [
    ("no_legal_form_in_figures", "全年增长6%，完成投资12亿元。", ("legal", "body")),
    ("no_place_in_verbs", "加快推进重点工作。", ("place", "legal")),
    ("empty", "", lexicon.KINDS),
]


@pytest.mark.parametrize(("case", "text", "kinds", "expected"), HIT_CASES, ids=[c[0] for c in HIT_CASES])
def test_hits(case: str, text: str, kinds: tuple[lexicon.Kind, ...], expected: list[tuple[int, int, str]]) -> None:
    assert [tuple(h) for h in lexicon.load().hits(text, kinds=kinds)] == expected


@pytest.mark.parametrize(("case", "text", "kinds"), NEGATIVES, ids=[c[0] for c in NEGATIVES])
def test_no_hits(case: str, text: str, kinds: tuple[lexicon.Kind, ...]) -> None:
    assert lexicon.load().hits(text, kinds=kinds) == []


def test_every_kind_is_loaded_from_its_sources() -> None:
    lex = lexicon.load()
    sizes = {k: len(lex.words(k)) for k in lexicon.KINDS}
    assert sizes["brand"] > 280_000  # companynameparser's brand.txt
    assert 1_000 < sizes["trade"] < 2_000 and 100 < sizes["legal"] < 200
    assert sizes["place"] > 10_000 and sizes["body"] > 50
    assert all(len(w) >= 2 for k in lexicon.KINDS for w in lex.words(k))


def test_spans_and_hits_agree() -> None:
    lex = lexicon.load()
    text = "浙江瑞丰药业有限公司与县商务局签约。"
    from_spans = sorted(
        (s, e, k) for s, e, mask in lex.spans(text) for i, k in enumerate(lexicon.KINDS) if mask >> i & 1
    )
    assert from_spans == [tuple(h) for h in lex.hits(text)]
    assert all(text[h.start : h.end] in lex.words(h.kind) for h in lex.hits(text))


def test_a_word_of_two_kinds_has_both() -> None:
    lex = lexicon.load()
    both = next(w for w in sorted(lex.words("trade")) if w in lex.words("brand"))
    assert set(lex.kinds_of(both)) >= {"trade", "brand"}
    assert lex.kinds_of("不是词的串") == ()


GOOD = {"min_length": 2, "short_form_suffixes": ["市"], "kinds": {}}
BAD_SPECS = [
    ("stray_top_key", {**GOOD, "colour": 1}, "colour"),
    ("unknown_kind", {**GOOD, "kinds": {"animal": {}}}, "animal"),
    ("stray_kind_key", {**GOOD, "kinds": {"brand": {"package_files": [], "colour": 1}}}, "colour"),
]


@pytest.mark.parametrize(("case", "spec", "named"), BAD_SPECS, ids=[c[0] for c in BAD_SPECS])
def test_data_file_keys_are_checked(case: str, spec: dict[str, object], named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        LexiconSpec.model_validate(spec)
