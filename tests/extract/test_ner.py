"""The shipped NER model: it loads, tags sentences of our own (with scores, with the
segmenter's word starts, with the pre-selection), and fails helpfully."""

from __future__ import annotations

from pathlib import Path

import pytest

from yxnlp.errors import ModelError
from yxnlp.extract import ner
from yxnlp.extract.entities import extract_entities, ner_candidates
from yxnlp.extract.entities.statistical import _ner_company_ok, _ner_org_ok
from yxnlp.ingest import from_text
from yxnlp.pipeline import analyse

TAG_CASES = [
    (
        "company_full_name",
        "浙江恒丰新材料股份有限公司今年营业收入增长两成。",
        "浙江恒丰新材料股份有限公司",
        "COMPANY",
    ),
    ("government_body", "广东省人民政府印发制造业高质量发展行动方案。", "广东省人民政府", "ORG"),
    ("bureau_and_companies", "由区商务局牵头,宏达集团和瑞丰药业参加。", "瑞丰药业", "COMPANY"),
    (
        "department_of_province",
        "浙江省经济和信息化厅公布名单,华茂纺织有限公司入选。",
        "浙江省经济和信息化厅",
        "ORG",
    ),
    ("long_committee_name", "在市发展和改革委员会的指导下,全区项目建设有序推进。", "市发展和改革委员会", "ORG"),
    ("project_after_signing", "签约江阴高端装备产业园,计划总投资20亿元。", "江阴高端装备产业园", "PROJECT"),
    ("list_closed_by_deng", "引进科迈瑞精密、恒昌新材料等企业。", "恒昌新材料", "COMPANY"),
    ("short_form_declared", "湖南骏达机电有限公司（以下简称“骏达机电”）新增产值3亿元。", "骏达机电", "COMPANY"),
    ("paragraph_head_firm", "桐乡嘉耀纺织：总投资1.5亿元，建设智能纺纱生产线。", "桐乡嘉耀纺织", "COMPANY"),
]

# sentences where the model must find nothing
NEGATIVE_CASES = [
    ("growth_figures", "全年地区生产总值增长6.5%,粮食产量稳定在50万吨。"),
    ("policy_verbs", "严格执行环保政策,依法关停落后产能。"),
    ("exhortation", "必须坚持稳中求进工作总基调。"),
]


def test_shipped_model_is_in_the_repository() -> None:
    meta = ner.model_dir() / "meta.json"
    assert meta.is_file(), "models/yxnlp-ner-zh is shipped with the repository"
    size = sum(p.stat().st_size for p in ner.model_dir().rglob("*") if p.is_file())
    assert size <= 30 * 2**20  # 30 MiB, what `du -h` calls 30M


def test_shipped_model_loads_with_its_labels() -> None:
    nlp = ner.load()
    assert nlp.pipe_names == ["ner"]
    tags = set(nlp.get_pipe("ner").labels)  # type: ignore[attr-defined]
    assert {t.partition("-")[2] for t in tags} == {"", "COMPANY", "ORG", "PROJECT"}
    assert ner.model_name() is not None and ner.model_name().startswith("models/yxnlp-ner-zh")  # type: ignore[union-attr]


@pytest.mark.parametrize(("case", "text", "name", "label"), TAG_CASES, ids=[c[0] for c in TAG_CASES])
def test_shipped_model_tags_a_sentence(case: str, text: str, name: str, label: str) -> None:
    spans = ner.tag(text)
    start = text.rindex(name)  # a declared short form follows its full name
    assert (start, start + len(name), label) in spans


@pytest.mark.parametrize(("case", "text"), NEGATIVE_CASES, ids=[c[0] for c in NEGATIVE_CASES])
def test_shipped_model_finds_nothing_in_plain_report_sentences(case: str, text: str) -> None:
    assert ner.tag(text) == []


def test_spans_carry_scores_and_min_score_filters() -> None:
    text = "浙江恒丰新材料股份有限公司今年营业收入增长两成。"
    found = ner.spans(text)
    assert found and all(0 < s.score <= 1 for s in found)
    top = max(s.score for s in found)
    assert ner.spans(text, min_score=top + 1e-6) == []
    assert [tuple(s)[:3] for s in found] == ner.tag(text)


def test_word_starts_from_the_pipeline_give_the_same_spans() -> None:
    from yxnlp.segment import segment

    text = "一、概况\n由区商务局牵头,宏达集团和瑞丰药业参加。\n浙江恒丰新材料股份有限公司今年营业收入增长两成。"
    starts = [t.idx for t in segment(text, segmenter="jieba")]
    assert ner.tag(text, word_starts=starts) == ner.tag(text)


def test_spacy_api_gives_the_same_entities() -> None:
    text = "广东省人民政府印发制造业高质量发展行动方案。"
    doc = ner.load()(text)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == ner.tag(text)


PRESELECT_CASES = [
    ("legal_form", "浙江恒丰新材料股份有限公司今年营业收入增长两成。", True),
    ("body", "由区商务局牵头。", True),
    ("signing_verb", "科迈瑞签约落户。", True),
    ("list_with_deng", "甲、乙、丙等三家参加。", True),
    ("figures_only", "全年地区生产总值增长6.5%。", False),
    ("exhortation", "必须坚持稳中求进工作总基调。", False),
]


@pytest.mark.parametrize(("case", "text", "expected"), PRESELECT_CASES, ids=[c[0] for c in PRESELECT_CASES])
def test_preselection_cues(case: str, text: str, expected: bool) -> None:
    assert ner.worth_tagging(text) is expected


def test_preselected_tagging_loses_nothing_in_cued_sentences() -> None:
    text = "全年地区生产总值增长6.5%。\n由区商务局牵头,宏达集团和瑞丰药业参加。居民收入稳步增长。"
    assert ner.tag(text, keep=ner.worth_tagging) == ner.tag(text)


def test_clauses_read_with_the_models_context_give_the_same_spans() -> None:
    text = (
        "全年完成工业投资120亿元,同比增长8%,引进江阴科迈瑞精密、恒昌新材料等企业,"
        "粮食产量稳定在五十万吨以上,居民人均可支配收入稳步增长,城乡面貌持续改善,"
        "规上工业增加值增长7%;县商务局牵头举办推介会,签约项目12个。"
    )
    read = ner.selected(text, keep=ner.worth_tagging, unit="clause", margin=5)
    assert sum(len(t) for _, t in read) < len(text)

    def well_inside(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Spans at least the model's context away from a cut the selection made."""
        return [
            (s, e, lab) for s, e, lab in spans
            if any((o == 0 or o + 5 <= s) and (o + len(t) == len(text) or e + 5 <= o + len(t))
                   for o, t in read)
        ]

    everything = well_inside(ner.tag(text))
    assert everything
    assert well_inside(ner.tag(text, keep=ner.worth_tagging, unit="clause", margin=5)) == everything


def test_ner_candidates_are_checked_like_rules() -> None:
    text = "督促印刷包装企业调整生产计划,全年增长8%。"
    assert list(ner_candidates(text)) == []


def test_only_sentences_with_a_name_ending_are_tagged_and_nothing_is_lost() -> None:
    text = (
        "一、概况\n全年地区生产总值增长6.5%,粮食产量稳定在50万吨。"
        "由区商务局牵头,宏达集团和瑞丰药业参加。居民收入稳步增长。\n"
        "浙江恒丰新材料股份有限公司今年营业收入增长两成。"
    )
    checked = [
        (s, e, label)
        for s, e, label in ner.tag(text)
        if (label == "COMPANY" and _ner_company_ok(text[s:e]))
        or (label == "ORG" and _ner_org_ok(text[s:e]))
    ]
    got = [(c.start, c.end, c.label) for c in ner_candidates(text)]
    assert checked and got == checked
    skipped = text.index("居民收入")
    assert all(not s <= skipped < e for s, e, _ in got)


def test_ner_mentions_are_marked_ner() -> None:
    text = "一、概况\n走访调研时,中科瑞达光电与德清县经信局签署合作协议。"
    ents = extract_entities(analyse(from_text(text, name="t")), use_ner=True)
    sources = {m.source for e in ents for m in e.mentions}
    assert sources <= {"ner", "list"} | {s for s in sources if s.startswith("rule:")}
    assert all(text[m.span[0] : m.span[1]] == m.text for e in ents for m in e.mentions)


def test_long_text_is_tagged_in_pieces_with_source_offsets() -> None:
    line = "广东省人民政府印发制造业高质量发展行动方案。\n"
    text = line * 200
    spans = ner.tag(text, chunk=500)
    starts = {s for s, _, _ in spans}
    assert {i * len(line) for i in range(200)} <= starts
    assert all(text[s:e] == "广东省人民政府" for s, e, _ in spans if s % len(line) == 0)


def test_empty_text_needs_no_model(tmp_path: Path) -> None:
    assert ner.tag("   ", path=str(tmp_path / "none")) == []


def test_missing_model_is_a_model_error_with_the_retrain_hint(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="yxnlp train"):
        ner.load(str(tmp_path / "missing"))


def test_models_dir_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("YXNLP_MODELS", str(tmp_path))
    assert ner.model_dir() == tmp_path / "yxnlp-ner-zh"
    assert ner.model_name() is None


def test_rules_alone_work_without_a_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("YXNLP_MODELS", str(tmp_path))
    a = analyse(from_text("一、概况\n区商务局走访宏达集团。", name="t"))
    assert [e.canonical for e in extract_entities(a, use_ner=False)] == ["区商务局", "宏达集团"]
