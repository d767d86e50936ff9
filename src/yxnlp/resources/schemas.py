"""Schemas of the data files in ``yxnlp/data``: one pydantic model per file.

Unknown keys are errors (``extra="forbid"``), so a misspelt key fails on load instead of being
ignored; keys starting with ``_`` are comments and dropped before validation. Patterns are kept
as strings here and compiled once by the stage that uses them.

>>> Units.model_validate({"units": []})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 11 validation errors for Units
...
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class Data(BaseModel):
    """A data file's schema: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- shared vocabularies ------------------------------------------------------------------


class Admin(Data):
    """Administrative-division suffixes (longest first) and the subsets stages use."""

    suffixes: tuple[str, ...]
    place_name: tuple[str, ...] = Field(description="suffixes that end a place name")
    level_word: tuple[str, ...] = Field(description="a level before a body (区经信局, 县委)")
    level_key: tuple[str, ...] = Field(description="the level two bodies are compared by")
    stem: tuple[str, ...] = Field(description="suffixes dropped to get a place's short form")
    named_region_kinds: tuple[str, ...] = Field(description="经济圈, 城市群 …: named regions")
    province_abbreviations: tuple[str, ...] = Field(description="沪, 渝, 黔 …")
    country_abbreviations: tuple[str, ...] = Field(
        default=(), description="中, 美, 印 … as in 中美, 中印"
    )

    @model_validator(mode="after")
    def _subsets(self) -> Admin:
        for name in ("place_name", "level_word", "level_key", "stem"):
            extra = set(getattr(self, name)) - set(self.suffixes)
            if extra:
                raise ValueError(f"{name} holds suffixes not in 'suffixes': {sorted(extra)}")
        return self


class ReportParts(Data):
    """The summary and plan parts of a report: headings and the cues that open a plan part."""

    plan_headings: tuple[str, ...]
    summary_headings: tuple[str, ...]
    plan_lead: str = Field(description="a paragraph opening '<plan year>年是…/…将' ({year})")
    plan_heading_inline: str
    plan_heading_line: str
    year_lead: str = Field(description="a paragraph opening with 今年 or '<plan year>年'")
    review_lead: str = Field(description="a paragraph opening the review of a five-year span")
    review_end: str = Field(description="a paragraph turning from that review to a year or plan")
    review_years_lead: str = Field(description="a paragraph reviewing n years (过去三年，…)")


# --- indicators ---------------------------------------------------------------------------


class UnitEntry(Data):
    unit: str
    kind: Literal["amount", "percent", "count", "quantity", "percentage_point"]
    normalized: str
    factor: float
    ascii: bool = False


class QuotedLabel(Data):
    open: str = Field(description="opening quote marks")
    close: str = Field(description="closing quote marks")
    reach: int = Field(description="how far the other quote may stand from the figure")
    breaks: str = Field(description="characters a label never holds")


class Units(Data):
    units: tuple[UnitEntry, ...]
    scales: dict[str, float] = Field(description="scale words after a figure (万, 亿 …)")
    non_units: tuple[str, ...]
    cn_numeral_units: tuple[str, ...]
    bare_scale_money_cues: tuple[str, ...]
    bare_scale_people_cues: tuple[str, ...]
    inferred_measure_words: dict[str, str]
    inferred_max_gap: int
    money_total_words: tuple[str, ...]
    money_clause_cues: tuple[str, ...]
    inferred_money_unit: str
    quoted_label: QuotedLabel


class QualifierRule(Data):
    pattern: str
    qualifier: Literal["approx", "more_than", "at_least", "at_most", "less_than"]


class Qualifiers(Data):
    prefix_window: int
    prefix: tuple[QualifierRule, ...]
    suffix: tuple[QualifierRule, ...]
    embedded_more_than: tuple[str, ...]


class StatusCues(Data):
    estimate: tuple[str, ...]
    target: tuple[str, ...]
    target_clause: tuple[str, ...]
    actual_after_plan: str
    actual_after_target: str = Field(description="实际 before an outcome after a target")
    gov_this_year_target: str
    progress: tuple[str, ...]
    progress_kinds: tuple[str, ...]
    capacity: str
    attribute_before: str
    attribute_after: str
    months_range: str
    months_upto: str
    n_year_average: str
    base_year: str
    compared_years: str = Field(description="2005年与2000年相比: y2 against the base y")
    compared_change: str = Field(description="the verb of change right before a compared figure")
    whole_year: str
    year: str
    year_ignore_before: str
    year_ignore_after: str
    annual_average: str
    fyp_span_words: str
    fyp_since_words: str
    fyp_end_words: str
    fyp_base_before: str
    five_year_plans: dict[str, tuple[int, int]]
    this_year: str
    last_year: str
    last_year_in_plan: str
    last_year_lead: str
    next_five_years: str
    review_total: str = Field(description="a flow of a reviewed span (新增, 累计, 完成 …)")
    review_level: str = Field(description="a level at the end of a reviewed span (达到, 突破 …)")
    start_value_after: str = Field(description="after A in 从A提升到B: the 到 before B")
    year_range: str = Field(description="2020年到2025年: y1 dates a start value")
    start_value_before: str = Field(description="从/由 before A (从不到70万亿元)")
    from_year: str = Field(description="由2020年的7.2%: the year a parallel start value has")
    start_value_since: str = Field(description="以来 / 年来: a start the text does not date")


class GrowthSubject(Data):
    by_cue: dict[str, str]
    decline: str
    by_window: dict[str, str]
    default: str
    strip_previous: str


class IndicatorScope(Data):
    region_words: dict[Literal["national", "province", "city", "county"], tuple[str, ...]]
    designation_after: str
    owner_stop: str
    comparison: str
    comparison_than: str
    not_a_base: str
    zone_names: str
    admin_chars: str


class ProgrammeEffect(Data):
    subjects: tuple[str, ...]
    cue: str
    prefix: str


class EllipticSubject(Data):
    words: tuple[str, ...] = Field(description="bare measure words (事故起数, 总量) a subject may start with")
    kinds: tuple[str, ...]
    cue: str = Field(description="the thing measured, named earlier in the paragraph")
    subject: str = Field(description="the full name the words stand for (生产安全事故起数)")
    reach: int = Field(description="how many characters before the figure the cue may stand")
    units: tuple[str, ...] = Field(default=(), description="measure words the figure may have; empty: any")


class IndicatorCues(Data):
    growth: tuple[str, ...]
    hold_clause: str
    growth_names: str
    decline: tuple[str, ...]
    level_after_cue: str
    growth_gap: int
    not_a_growth_gap: str
    growth_target_gap: str
    share: tuple[str, ...]
    share_of_plan: str
    scope: IndicatorScope
    list_joiners: str
    list_expansions: dict[str, tuple[str, ...]]
    list_heads: tuple[str, ...]
    list_measure_ends: tuple[str, ...]
    list_headless_max: int
    list_verbs: str = Field(description="verbs other than flows a 、 list item shares (改造, 建成)")
    list_stock_ends: tuple[str, ...] = Field(description="a list item ending so is a stock (总量)")
    list_shared_places: tuple[str, ...] = Field(description="place words a list of rates shares (农村)")
    list_rate_ends: tuple[str, ...] = Field(description="how a rate's name ends (率)")
    plan_figure: str
    skip_section_headings: tuple[str, ...]
    subject_strip_start: tuple[str, ...]
    subject_strip_end: tuple[str, ...]
    subject_restart_after: tuple[str, ...]
    subject_predicates: tuple[str, ...]
    bare_clause: str
    from_before: str
    to_between: str
    subset_lead: str
    described_after: str
    increment_before: str
    stock_after_flow: str = Field(description="a subject that is only a stock word (总数, 总里程)")
    stock_twin_verbs: str = Field(description="verbs before the thing a flow adds (建成)")
    stock_twins: dict[str, str] = Field(description="a flow key whose stock is not new_ less (new_parks: parks_total)")
    milestone_before: str = Field(description="突破/超过/迈上 before a threshold passed")
    projects_counted: str
    investment_only: str
    rank_clause: str
    part_measures: tuple[str, ...]
    whole_measures: tuple[str, ...]
    subject_tail: str
    subject_base_words: str
    span_base: str
    annual_average_level: str
    cumulative_growth: str
    programme_effect: ProgrammeEffect
    elliptic_subjects: tuple[EllipticSubject, ...]
    subject_drop: tuple[str, ...]
    summed_flows: tuple[str, ...] = Field(description="flow verbs that stay after 累计 (累计新增: a sum)")
    counted_stop: tuple[str, ...]
    counted_predicates: tuple[str, ...]
    counted_keep_verbs: tuple[str, ...]
    counted_lone_verbs: tuple[str, ...]
    counted_max_chars: int
    counted_code: str = Field(description="digits and letters naming the thing counted (5G)")
    counted_rank_after: tuple[str, ...] = Field(description="a ranking word after digits (500强)")
    counted_noun_reach: int = Field(description="how far a cut noun may go on to a separator")
    counted_list_separators: str = Field(description="list separators after a counted noun")
    subject_max_chars: int
    growth_subject: GrowthSubject


class TaxonomyGuard(Data):
    words: tuple[str, ...]


class TaxonomyKey(Data):
    key: str
    en: str
    kinds: tuple[str, ...]
    names: tuple[str, ...]
    units: tuple[str, ...] = Field(
        default=(), description="measure words a count may have (个 for compounds, not 户); empty: any"
    )
    fuzzy: bool = Field(
        default=True,
        description="the TF-IDF fallback may key a cut form of these names (not when dropping a"
        " word changes the measure: 东盟进出口 cut to 东盟出口 is exports)",
    )


class Taxonomy(Data):
    version: int
    subject_prefix: str = Field(description="region words dropped before matching (全区, 市属)")
    ratio_words: str
    growth_suffix: str
    neutral_prefix: str = Field(description="words that may stand before a name a subject ends with")
    flow_verbs: str = Field(description="verbs that make a count a flow (新增 …): key new_<key>")
    flow_verbs_after: str = Field(description="flow verbs after a stock's name (高新技术企业净增)")
    subject_lead: str = Field(description="an enumerator before a subject (十三是), dropped")
    subject_tail: str = Field(description="words after what is measured (超, 和, 每月), dropped")
    guards: tuple[TaxonomyGuard, ...]
    keys: tuple[TaxonomyKey, ...]

    @model_validator(mode="after")
    def _unique(self) -> Taxonomy:
        seen = [k.key for k in self.keys]
        dupes = {k for k in seen if seen.count(k) > 1}
        if dupes:
            raise ValueError(f"duplicate keys: {sorted(dupes)}")
        return self


# --- document structure -------------------------------------------------------------------


class Level(Data):
    level: int
    name: str
    marker: str


class SectionCues(Data):
    paragraph_start: str
    levels: tuple[Level, ...]
    heading_end: str
    heading_max_chars: int
    unnumbered_heading_max_chars: int
    enumerator: str
    enumerator_preceded_by: str
    item_heading_end: str
    sentence_end: str
    item_heading_max_chars: int


class Toolbar(Data):
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    brackets: str


class Breadcrumb(Data):
    starts: tuple[str, ...]
    home: tuple[str, ...]
    separators: tuple[str, ...]


class LabelOnly(Data):
    labels: tuple[str, ...]
    max_value: int


class HtmlWords(Data):
    noise_words: tuple[str, ...]
    main_words: tuple[str, ...]


class FurnitureRule(Data):
    id: str
    zone: Literal["head", "tail", "anywhere"]
    pattern: str


class Furniture(Data):
    head_lines: int
    tail_lines: int
    toolbar: Toolbar
    breadcrumb: Breadcrumb
    rules: tuple[FurnitureRule, ...]
    label_only: LabelOnly
    html: HtmlWords
