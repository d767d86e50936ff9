"""Schemas of the entity rule files in ``yxnlp/data`` (companies, bodies, places, projects,
contexts, the lexicon and the model's cues): one pydantic model per file, as in
:mod:`yxnlp.resources.schemas`.

>>> ProjectStatus.model_validate({"rules": [{"status": "在建", "where": "any", "pattern": "在建"}]}).rules[0].status
'在建'
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from yxnlp.resources.schemas import Data


class Enumeration(Data):
    company_heads: tuple[str, ...]
    max_item: int
    not_company_endings: tuple[str, ...]


class CompanyRules(Data):
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


class OrgRules(Data):
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


class PlaceRules(Data):
    not_place: str
    risky_word_freq: int
    common_township_stem_freq: int
    county_stem_max_freq: int
    ordinary_city_stems: tuple[str, ...] = Field(description="city stems that are also words")


class ProjectRules(Data):
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


class StatusRule(Data):
    status: str
    where: Literal["any", "before"]
    pattern: str


class ProjectStatus(Data):
    rules: tuple[StatusRule, ...]


class EntityPattern(Data):
    label: Literal["COMPANY", "PROJECT", "ORG", "PLACE"]
    pattern: str
    id: str


class ContextShape(Data):
    id: str
    pattern: str
    cue: str = Field("", description="a regex every match holds: lines without one are skipped")


class ProjectListShape(ContextShape):
    long_item: int
    firm_item: int = Field(description="a counted list's item this long opens with its firm")


class BrandVerbs(Data):
    id: str
    before: tuple[str, ...]
    after: tuple[str, ...]


class ModelAcceptance(Data):
    accept: float = Field(description="a COMPANY span this sure needs no other evidence")
    with_evidence: float = Field(description="a COMPANY span this sure needs the rules' evidence")
    project: float = Field(description="a PROJECT span this sure, ending in a cue, is a project")
    word_freq: int = Field(description="a name this frequent in jieba's dictionary is a word")
    company_not_endings: tuple[str, ...] = Field(description="a company span ending so is none")


class EntityContexts(Data):
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


class LexiconKind(Data):
    package_files: tuple[str, ...] = ()
    gazetteer: bool = False
    org_patterns: tuple[Literal["cores", "level_bodies", "suffixes"], ...] = ()
    exclude: tuple[str, ...] = ()


class LexiconSpec(Data):
    """Which word list feeds which kind of :mod:`yxnlp.lexicon`."""

    min_length: int
    kinds: dict[Literal["brand", "trade", "legal", "place", "body"], LexiconKind]
    short_form_suffixes: tuple[str, ...]


class NerCues(Data):
    """The cues that send a sentence to the NER model."""

    words: tuple[str, ...]
    patterns: tuple[str, ...]
