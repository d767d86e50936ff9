"""Write the notebooks of this folder from the cells below (outputs empty, ready for git).

Run ``.venv/bin/python notebooks/make_notebooks.py`` after editing a cell here; the notebooks
test executes each notebook top to bottom against a store built from ``corpus/`` and checks
that the committed files carry no outputs.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).resolve().parent

ROOTS = """\
# The repository root (YXNLP_ROOT, else the folder above the notebook's) and the store: as in
# the command line, $YXNLP_DB, else out/yxnlp.duckdb (what `bash tasks.sh demo` builds).
ROOT = Path(os.environ.get("YXNLP_ROOT") or next(
    p for p in [Path.cwd(), *Path.cwd().parents] if (p / "pyproject.toml").is_file()))
DB = Path(os.environ.get(ENV_DB) or ROOT / DEFAULT_PATH)
pd.set_option("display.max_colwidth", 80)
pd.set_option("display.width", 160)"""


def setup(imports: str) -> str:
    """The first code cell: imports, then where the repository and the store are."""
    head = "import os\nfrom pathlib import Path\n\nimport pandas as pd\n"
    return f"{head}{imports}\nfrom yxnlp.store import DEFAULT_PATH, ENV_DB\n\n{ROOTS}"


QUICKSTART = [
    new_markdown_cell(
        "# yxnlp quick start\n\n"
        "Process the seed report (a district bureau's 2021 summary and 2022 plan), look at its "
        "knowledge record as pandas DataFrames, and see every indicator and entity on the text."
    ),
    new_code_cell(setup("\nfrom yxnlp import show")),
    new_markdown_cell(
        "## Process the seed\n\n`show.load` runs the pipeline and also returns the source text "
        "that every span points into. The NER model is used when it is installed "
        "(`yxnlp train` builds it); otherwise the rules alone find the entities."
    ),
    new_code_cell("""\
from yxnlp.extract import ner

SEED = ROOT / "seeds" / "000_cba11b42fa3c7c35.txt"
use_ner = ner.model_name() is not None
record, text = show.load(SEED, ner=use_ner)
print("NER model:", ner.model_name() or "not installed (rules only)")
pd.Series(record.document.model_dump(exclude={"text", "furniture"}), name="document")"""),
    new_markdown_cell("## The record as DataFrames"),
    new_code_cell("""\
sections = pd.DataFrame([s.model_dump() for s in record.sections])
sections[["id", "level", "number", "heading", "parent"]].head(12)"""),
    new_code_cell("""\
indicators = pd.json_normalize([i.model_dump() for i in record.indicators])
cols = ["id", "subject", "text", "value", "unit", "normalized.value", "normalized.unit", "kind",
        "qualifier", "status", "period", "key", "source"]
print(len(indicators), "indicators;", indicators["kind"].value_counts().to_dict())
indicators[cols].head(20)"""),
    new_code_cell("""\
# Every span is exact: the source slice equals the indicator's text.
assert all(text[s:e] == t for (s, e), t in zip(indicators["span"], indicators["text"], strict=True))
indicators.groupby(["kind", "status"]).size().unstack(fill_value=0)"""),
    new_code_cell("""\
entities = pd.DataFrame([
    {"id": e.id, "label": e.label, "canonical": e.canonical, "name": e.name,
     "mentions": len(e.mentions), "sources": sorted({m.source for m in e.mentions})}
    for e in record.entities])
print(entities["label"].value_counts().to_dict())
entities.head(15)"""),
    new_markdown_cell(
        "## On the text: displaCy, one colour per label\n\n"
        "Entity labels (COMPANY, PROJECT, ORG, PLACE) and indicator kinds (amount, count, "
        "percent, growth, share, quantity) each have a colour (`show.COLORS`). displaCy cannot "
        "nest spans, so where an indicator lies inside an entity the entity is drawn; "
        "`yxnlp show` (below) draws both."
    ),
    new_code_cell("""\
from spacy import displacy

data = show.displacy_data(record, text)
print(len(data["ents"]), "spans drawn")
displacy.render(data, style="ent", manual=True, jupyter=True, options={"colors": show.COLORS})"""),
    new_markdown_cell("## Companies and projects with their attributes"),
    new_code_cell("""\
def with_attributes(label):
    rows = [{"canonical": e.canonical, "mentions": len(e.mentions), **e.attributes}
            for e in record.entities if e.label == label]
    return pd.DataFrame(rows)

with_attributes("COMPANY").head(32)"""),
    new_code_cell('with_attributes("PROJECT")'),
    new_code_cell("""\
# Indicators linked to an entity (e.g. a project's investment).
names = {e.id: e.canonical for e in record.entities}
linked = indicators[indicators["entity"].notna()]
linked.assign(entity_name=linked["entity"].map(names))[["entity_name", "subject", "text", "kind"]]"""),
    new_markdown_cell(
        "## The inspection page\n\n"
        "`yxnlp show FILE --html OUT.html` writes the same view as one standalone page: the "
        "text with every span highlighted, an indicators table and an entity list; clicking a "
        "row scrolls to its span and marks it."
    ),
    new_code_cell("""\
from yxnlp.io import write_atomic

page = Path(os.environ.get("YXNLP_OUT") or ROOT / "out") / "seed.html"
write_atomic(page, show.render_html(record, text))
print(page, page.stat().st_size, "bytes")"""),
]

TARGETS = [
    new_markdown_cell(
        "# Targets over time\n\n"
        "The national government work reports' main targets (GDP growth, CPI, urban new jobs) "
        "by year, Shanghai's 2020–2024, and the source sentence behind every point. Reads the "
        "store built by `bash tasks.sh demo` (or `$YXNLP_DB`)."
    ),
    new_code_cell(
        setup("from IPython.display import Image, display\n\nimport yxnlp\nfrom yxnlp import plots")
    ),
    new_code_cell("""\
store = yxnlp.Store(DB)
print(store, "—", len(store.documents()), "documents")
print("plots use the font", plots.use_cjk_font())"""),
    new_markdown_cell(
        "## National main targets\n\n"
        "`plots.national_targets` keeps, per report and key, the target for the report's own "
        "year (preferring the section about that year over a five-year plan's targets). Each "
        "point is labelled with its figure and qualifier (左右, 以上, 以内); a range such as "
        "6.5%－7% is drawn as a bar from its low to its high end; a year without a report "
        "breaks the line."
    ),
    new_code_cell("""\
national = plots.national_targets(store)
national.assign(label=[plots.point_label(t, q) for t, q in zip(national["text"], national["qualifier"], strict=True)]) \\
    .pivot_table(index="year", columns="key", values="label", aggfunc="first").tail(25)"""),
    new_code_cell("""\
fig = plots.plot_targets_by_year(national, key=plots.MAIN_KEYS, title="全国政府工作报告主要预期目标")
display(Image(plots.png(fig)))"""),
    new_markdown_cell("## Shanghai, 2020–2024"),
    new_code_cell("""\
shanghai = plots.region_targets(store, "上海", year=(2020, 2024))
fig = plots.plot_targets_by_year(shanghai, key=plots.MAIN_KEYS, title="上海市政府工作报告主要预期目标（2020—2024年）")
display(Image(plots.png(fig)))
shanghai[["year", "key", "text", "qualifier", "normalized_value", "normalized_max"]]"""),
    new_markdown_cell(
        "## The sentences behind the points\n\n"
        "Each point comes from one indicator; the store keeps its sentence. Read it to check the "
        "number is the year's target; `yxnlp show --ref REF --html page.html` opens it "
        "highlighted in the whole report."
    ),
    new_code_cell("""\
points = pd.concat([national.assign(series="全国"), shanghai.assign(series="上海")])
points[["series", "year", "key", "text", "qualifier", "sentence", "ref"]] \\
    .sort_values(["series", "key", "year"]).reset_index(drop=True)"""),
    new_code_cell("""\
missing = points["sentence"].isna().sum()
print(f"{len(points)} points, {len(points) - missing} with their sentence")"""),
]

PROVINCES = [
    new_markdown_cell(
        "# The provinces' 2026 reports\n\n"
        "GDP growth targets (sorted), entity counts per province, and a comparison: each "
        "province's 2026 target against the growth it reports for 2025."
    ),
    new_code_cell(
        setup(
            "from IPython.display import Image, display\n\nimport yxnlp\nfrom yxnlp import plots, show"
        )
    ),
    new_code_cell("""\
store = yxnlp.Store(DB)
plots.use_cjk_font()
docs = store.documents(year=2026)
docs = docs[plots.is_province(docs)]
print(len(docs), "provincial 2026 reports")"""),
    new_markdown_cell("## 2026 GDP growth targets"),
    new_code_cell("""\
targets = plots.province_targets(store, "gdp_growth", year=2026)
missing = sorted(set(docs["region_name"]) - set(targets["region_name"]))
print(len(targets), "provinces with a target; none found for:", "、".join(missing) or "-")
fig = plots.plot_target_bars(targets, title="2026年各省（区、市）地区生产总值增长目标")
display(Image(plots.png(fig)))"""),
    new_code_cell("""\
targets.assign(label=[plots.point_label(t, q) for t, q in zip(targets["text"], targets["qualifier"], strict=True)]) \\
    [["region_name", "label", "normalized_value", "normalized_max", "qualifier"]] \\
    .sort_values("normalized_value", ascending=False).reset_index(drop=True)"""),
    new_markdown_cell("## Entities per province"),
    new_code_cell("""\
ents = store.entities(year=2026)
ents = ents[plots.is_province(ents)]
counts = pd.crosstab(ents["region_name"], ents["label"])
counts = counts.assign(total=counts.sum(axis=1)).sort_values("total", ascending=False)
counts"""),
    new_code_cell("""\
from matplotlib.figure import Figure

from yxnlp.store import short_region_name

fig = Figure(figsize=(9, 6))
ax = fig.subplots()
shown = counts.drop(columns="total").iloc[::-1]
left = pd.Series(0, index=shown.index)
for label in shown.columns:
    ax.barh([short_region_name(n) for n in shown.index], shown[label], left=left,
            color=show.COLORS.get(label), label=label)
    left += shown[label]
ax.set_title("2026年政府工作报告中的实体数（按类别）")
ax.legend()
fig.tight_layout()
display(Image(plots.png(fig)))"""),
    new_code_cell("""\
# Places and named regions mentioned by the most provinces.
places = ents[ents["label"] == "PLACE"].groupby("canonical")["region_name"].nunique()
places.sort_values(ascending=False).head(12).rename("provinces")"""),
    new_markdown_cell(
        "## Comparison: 2026 target against 2025 growth\n\n"
        "The same reports state last year's growth (status `actual`, year 2025) before they set "
        "this year's target: which provinces aim below, at or above what they achieved?"
    ),
    new_code_cell("""\
growth = store.indicators("gdp_growth", status="actual", year=2025)
growth = growth[plots.is_province(growth) & (growth["report_year"] == 2026)]
actual = growth.sort_values("span_start").groupby("region_name").head(1) \\
    .set_index("region_name")[["text", "normalized_value"]]
target = targets.set_index("region_name")[["text", "qualifier", "normalized_value"]]
both = target.rename(columns={"text": "target_2026", "normalized_value": "target"}).join(
    actual.rename(columns={"text": "actual_2025", "normalized_value": "actual"}), how="inner")
both["gap"] = both["target"] - both["actual"]
both.sort_values("gap")"""),
    new_code_cell("""\
fig = Figure(figsize=(8, 0.3 * max(len(both), 4) + 1.2))
ax = fig.subplots()
order = both.sort_values("target")
names = [short_region_name(n) for n in order.index]
ax.hlines(names, order["actual"], order["target"], color="#bbb")
ax.plot(order["actual"], names, "o", color="#7f8c8d", label="2025年实际增速")
ax.plot(order["target"], names, "D", color="#c0392b", label="2026年增长目标")
ax.set_xlabel("%")
ax.set_title("2026年目标与2025年实际增速")
ax.legend()
fig.tight_layout()
display(Image(plots.png(fig)))"""),
]

QUESTIONS = [
    new_markdown_cell(
        "# Questions, answered\n\n"
        "Four questions an analyst asks of the store, each in one call, and the tables ready "
        "for Stata, R or Excel. Every filter takes the same names as the command line's flags "
        "(`key`, `status`, `label`, `region`, `issuer`, `year`); a value that names nothing is "
        "an error with the closest matches, not an empty table."
    ),
    new_code_cell(setup("\nimport yxnlp")),
    new_code_cell("""\
store = yxnlp.Store(DB)
OUT = Path(os.environ.get("YXNLP_OUT") or ROOT / "out")
print(store, "—", len(store.documents()), "documents")"""),
    new_markdown_cell(
        "## National GDP growth targets 2010–2025, with qualifier and range\n\n"
        "One row per year: `value` and `max` (a range such as 6.5%－7% keeps both ends), the "
        "`qualifier`, the `text` as written, and the change since the year before (`delta`), "
        "computed only when that year is in the table: `gap` marks a year that follows a "
        "missing one (no report in 2020)."
    ),
    new_code_cell("""\
national = yxnlp.compare(store, key="gdp_growth", status="target", region="全国", year=(2010, 2025))
national[["year", "value", "max", "qualifier", "unit", "text", "delta", "gap", "n_values", "ref"]]"""),
    new_markdown_cell(
        "## Companies named in more than one report, with the sentence of each mention"
    ),
    new_code_cell("""\
mentions = store.mentions("COMPANY", min_documents=2)
print(mentions["canonical"].nunique(), "companies in more than one report,", len(mentions), "mentions")
mentions[["canonical", "region_name", "report_year", "text", "sentence"]].head(20)"""),
    new_markdown_cell(
        "## Every `gdp_growth` figure of 浙江 or 广东 and the regions below them\n\n"
        "A region is a name or code at any level and includes its cities, counties and towns "
        "(by the gazetteer's code prefix); a list means any of them."
    ),
    new_code_cell("""\
south_east = store.indicators("gdp_growth", region=["浙江", "广东"], with_sentence=True)
print(len(south_east), "figures from", south_east["region_name"].nunique(), "regions:",
      "、".join(sorted(south_east["region_name"].dropna().unique())) or "none in this store")
south_east[["region_name", "region_code", "year", "status", "text", "qualifier", "sentence"]].head(20)"""),
    new_markdown_cell(
        "## A CSV for Stata\n\n"
        "`Store.export` writes the views (indicators with their sentences, entities, mentions, "
        "documents) as Parquet, CSV, JSON Lines or Stata `.dta` (labelled). The CSV's column names are valid Stata and "
        "R names (a letter, then letters, digits or `_`, at most 32 characters); dates are ISO "
        "text and booleans 1/0. Read back, as Stata's `describe` would list it:"
    ),
    new_code_cell("""\
import re

written = store.export(OUT / "export", format="csv", views=["indicators"], key="gdp_growth")
back = pd.read_csv(written[0])
stata_name = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,31}")
describe = pd.DataFrame({"variable": back.columns, "type": back.dtypes.astype(str).values,
                         "non_missing": back.notna().sum().values,
                         "valid_in_stata": [bool(stata_name.fullmatch(c)) for c in back.columns]})
print(written[0], "—", len(back), "rows; every name valid:", describe["valid_in_stata"].all())
describe"""),
    new_markdown_cell(
        "## Parquet keeps the types\n\n"
        "Written by pyarrow, read back by `pd.read_parquet` with the frame's dtypes: "
        "categoricals for the enumerations, nullable integers, dates."
    ),
    new_code_cell("""\
store.export(OUT / "export", format="parquet")
for view in ("indicators", "entities", "documents"):
    frame = pd.read_parquet(OUT / "export" / f"{view}.parquet")
    print(f"== {view}: {len(frame)} rows")
    print(frame.dtypes.to_string())"""),
]

NOTEBOOKS = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_targets_over_time.ipynb": TARGETS,
    "03_provinces_2026.ipynb": PROVINCES,
    "04_questions.ipynb": QUESTIONS,
}


def build(name: str) -> nbformat.NotebookNode:
    nb = new_notebook(cells=NOTEBOOKS[name])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"{Path(name).stem[:2]}-{n:02d}"  # stable ids: no churn in git
    return nb


def main() -> None:
    for name in NOTEBOOKS:
        nbformat.write(build(name), HERE / name)
        print("wrote", HERE / name)


if __name__ == "__main__":
    main()
