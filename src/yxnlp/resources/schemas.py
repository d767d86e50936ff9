"""Schemas of the data files in ``yxnlp/data``: one pydantic model per file.

Unknown keys are errors (``extra="forbid"``), so a misspelt key fails on load instead of being
ignored; keys starting with ``_`` are comments and dropped before validation. Patterns are kept
as strings here and compiled once by the stage that uses them.

>>> Units.model_validate({"units": []})
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 10 validation errors for Units
...
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- shared vocabularies ------------------------------------------------------------------


class Admin(_Data):
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


class ReportParts(_Data):
    """The summary and plan parts of a report: headings and the cues that open a plan part."""

    plan_headings: tuple[str, ...]
    summary_headings: tuple[str, ...]
    plan_lead: str = Field(description="a paragraph opening '<plan year>年是…/…将' ({year})")
    plan_heading_inline: str
    plan_heading_line: str
    year_lead: str = Field(description="a paragraph opening with 今年 or '<plan year>年'")
    review_lead: str = Field(description="a paragraph opening the review of a five-year span")
    review_end: str = Field(description="a paragraph turning from that review to a year or plan")


# --- indicators ---------------------------------------------------------------------------


class UnitEntry(_Data):
    unit: str
    kind: Literal["amount", "percent", "count", "quantity", "percentage_point"]
    normalized: str
    factor: float
    ascii: bool = False


class Units(_Data):
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


class QualifierRule(_Data):
    pattern: str
    qualifier: Literal["approx", "more_than", "at_least", "at_most", "less_than"]


class Qualifiers(_Data):
    prefix_window: int
    prefix: tuple[QualifierRule, ...]
    suffix: tuple[QualifierRule, ...]
    embedded_more_than: tuple[str, ...]


class StatusCues(_Data):
    estimate: tuple[str, ...]
    target: tuple[str, ...]
    target_clause: tuple[str, ...]
    actual_after_plan: str
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


class GrowthSubject(_Data):
    by_cue: dict[str, str]
    decline: str
    by_window: dict[str, str]
    default: str
    strip_previous: str


class IndicatorScope(_Data):
    region_words: dict[Literal["national", "province", "city", "county"], tuple[str, ...]]
    designation_after: str
    owner_stop: str
    comparison: str
    comparison_than: str
    not_a_base: str
    zone_names: str
    admin_chars: str


class IndicatorCues(_Data):
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
    projects_counted: str
    investment_only: str
    rank_clause: str
    part_measures: tuple[str, ...]
    whole_measures: tuple[str, ...]
    subject_tail: str
    subject_drop: tuple[str, ...]
    counted_stop: tuple[str, ...]
    counted_predicates: tuple[str, ...]
    counted_keep_verbs: tuple[str, ...]
    counted_max_chars: int
    subject_max_chars: int
    growth_subject: GrowthSubject


class TaxonomyGuard(_Data):
    words: tuple[str, ...]


class TaxonomyKey(_Data):
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


class Taxonomy(_Data):
    version: int
    subject_prefix: str = Field(description="region words dropped before matching (全区, 市属)")
    ratio_words: str
    growth_suffix: str
    neutral_prefix: str = Field(description="words that may stand before a name a subject ends with")
    flow_verbs: str = Field(description="verbs that make a count a flow (新增 …): key new_<key>")
    flow_verbs_after: str = Field(description="flow verbs after a stock's name (高新技术企业净增)")
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


class Level(_Data):
    level: int
    name: str
    marker: str


class SectionCues(_Data):
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


class Toolbar(_Data):
    strong: tuple[str, ...]
    weak: tuple[str, ...]
    brackets: str


class Breadcrumb(_Data):
    starts: tuple[str, ...]
    home: tuple[str, ...]
    separators: tuple[str, ...]


class LabelOnly(_Data):
    labels: tuple[str, ...]
    max_value: int


class HtmlWords(_Data):
    noise_words: tuple[str, ...]
    main_words: tuple[str, ...]


class FurnitureRule(_Data):
    id: str
    zone: Literal["head", "tail", "anywhere"]
    pattern: str


class Furniture(_Data):
    head_lines: int
    tail_lines: int
    toolbar: Toolbar
    breadcrumb: Breadcrumb
    rules: tuple[FurnitureRule, ...]
    label_only: LabelOnly
    html: HtmlWords


# --- entities -----------------------------------------------------------------------------


class Enumeration(_Data):
    company_heads: tuple[str, ...]
    max_item: int
    not_company_endings: tuple[str, ...]


class CompanyRules(_Data):
    legal_forms: tuple[str, ...]
    group_words: tuple[str, ...]
    industry_words: tuple[str, ...]
    left_boundaries: tuple[str, ...]
    generic_cores: tuple[str, ...]
    followed_not_company: tuple[str, ...]
    enumeration: Enumeration
    legal_forms_bad_next: dict[str, str]
    core_bad_first_chars: str
    core_bad_last_chars: str
    core_bad_endings: tuple[str, ...]
    core_bad_chars: str = Field(description="characters no company core holds (型)")
    common_word_freq: int
    long_word_freq: int = Field(description="a word of 3+ characters this frequent is a word")
    opening_word_freq: int = Field(description="a word this frequent is not cut after its start")
    legal_form_bad_core_endings: dict[str, tuple[str, ...]]
    proper_name_max_freq: int
    trade_word_endings: tuple[str, ...] = Field(description="lexicon trade words that end names")
    phrase_words: tuple[str, ...] = Field(description="words that make a name a phrase")
    phrase_word_freq: int = Field(description="a verb or adverb this frequent is not in a name")
    kind_words: tuple[str, ...] = Field(description="words of ownership and trade (独资, 工贸)")
    sector_words: tuple[str, ...] = Field(description="industry words that also name a field")
    sector_verbs: tuple[str, ...] = Field(description="verbs of a field's work (治理, 制造)")
    thing_word_freq: int = Field(description="a noun this frequent makes a list item a thing")


class OrgRules(_Data):
    central_levels: tuple[str, ...] = Field(description="levels above the admin divisions (国家)")
    level_bodies: tuple[str, ...]
    cores: tuple[str, ...]
    abbreviations: dict[str, str]
    suffixes: tuple[str, ...]
    self_references: tuple[str, ...]
    not_org_followers: tuple[str, ...]
    bad_next_char: dict[str, str]
    body_short_forms: dict[str, str] = Field(description="人民政府 → 政府 when bodies are compared")
    elided_bodies: tuple[str, ...] = Field(description="bodies written without their place")
    elided_after: str = Field(description="what a body without its place follows (镇党委、)")


class PlaceRules(_Data):
    not_place: str
    risky_word_freq: int
    common_township_stem_freq: int
    county_stem_max_freq: int
    ordinary_city_stems: tuple[str, ...] = Field(description="city stems that are also words")


class ProjectRules(_Data):
    type_by_cue: dict[str, Literal["project", "park", "base", "platform"]]
    distinctive_cues: tuple[str, ...]
    max_len: int
    name_chars: str
    left_boundaries: tuple[str, ...]
    conjunctions: tuple[str, ...]
    generic_words: tuple[str, ...]
    split_before_company_after: tuple[str, ...]
    owner_cues: tuple[str, ...]
    investment: str
    inner_cues: tuple[str, ...]
    not_after: dict[str, str]
    description_before: str = Field(description="a name after this describes, it does not name")
    firm_base_cues: tuple[str, ...] = Field(description="bases a firm may give its name to")
    designations: tuple[str, ...] = Field(description="words opening a title a park was given")
    plural_words: tuple[str, ...] = Field(description="words that make any site a class (一批)")
    class_words: tuple[str, ...] = Field(description="words that open a class of sites (大型, 国家)")
    class_before: tuple[str, ...] = Field(description="words before a class of sites (打造, 等)")


class StatusRule(_Data):
    status: str
    where: Literal["any", "before"]
    pattern: str


class ProjectStatus(_Data):
    rules: tuple[StatusRule, ...]


class EntityPattern(_Data):
    label: Literal["COMPANY", "PROJECT", "ORG", "PLACE"]
    pattern: str
    id: str


class ContextShape(_Data):
    id: str
    pattern: str


class ProjectListShape(ContextShape):
    long_item: int


class BrandVerbs(_Data):
    id: str
    before: tuple[str, ...]
    after: tuple[str, ...]


class ModelAcceptance(_Data):
    accept: float = Field(description="a COMPANY span this sure needs no other evidence")
    with_evidence: float = Field(description="a COMPANY span this sure needs the rules' evidence")
    project: float = Field(description="a PROJECT span this sure, ending in a cue, is a project")
    word_freq: int = Field(description="a name this frequent in jieba's dictionary is a word")
    company_not_endings: tuple[str, ...] = Field(description="a company span ending so is none")


class EntityContexts(_Data):
    """Contexts that name companies and projects without a legal form or cue word."""

    count_list: ContextShape
    invest_of: ContextShape
    para_head: ContextShape
    phase: ContextShape
    project_list: ProjectListShape
    brand_verbs: BrandVerbs
    alias: ContextShape
    item_separator: str
    name_max: int
    bare_name_max: int = Field(description="longest list item without a legal form or trade")
    list_word_freq: int = Field(description="a one-word item this frequent is an ordinary word")
    brand_max_freq: int = Field(description="a brand rarer than this in jieba's dictionary is a name")
    brand_proper_max_freq: int = Field(description="the same for brands jieba tags as proper nouns")
    list_common_freq: int = Field(description="a list item this common is a word, not a name")
    brand_not_endings: tuple[str, ...] = Field(description="a brand ending so is a place's name")
    public_works: tuple[str, ...] = Field(description="words of public works, not a firm's project")
    public_works_endings: tuple[str, ...] = Field(description="a name ending so is public works")
    public_works_shapes: tuple[str, ...] = Field(description="regexes of transfer works (引A济B)")
    model: ModelAcceptance
    firm_sector_words: tuple[str, ...] = Field(description="words that stay with a firm's brand")


# --- the company lexicon and the model's pre-selection ------------------------------------


class LexiconKind(_Data):
    package_files: tuple[str, ...] = ()
    gazetteer: bool = False
    org_patterns: tuple[Literal["cores", "level_bodies", "suffixes"], ...] = ()
    exclude: tuple[str, ...] = ()


class LexiconSpec(_Data):
    """Which word list feeds which kind of :mod:`yxnlp.lexicon`."""

    min_length: int
    kinds: dict[Literal["brand", "trade", "legal", "place", "body"], LexiconKind]
    short_form_suffixes: tuple[str, ...]


class NerCues(_Data):
    """The cues that send a sentence to the NER model."""

    words: tuple[str, ...]
    patterns: tuple[str, ...]
