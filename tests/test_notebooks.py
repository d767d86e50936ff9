"""The notebooks run top to bottom against a store built from ``corpus/``; git has no outputs.

The store is built once per session with ``yxnlp batch`` (2 workers, rules only) from the seed,
Shanghai 2020-2024, the provinces' 2026 reports and the national reports since 2000 (the years
the national targets plots show; the older reports are the slowest to process and add no point
to them), and invented county reports of 浙江, 广东 and 河南 (the corpus has no report of 浙江
or 广东, which the questions notebook asks about). Each notebook runs in a fresh ``python3``
kernel of this interpreter with ``YXNLP_DB`` pointing at that store.
"""

from __future__ import annotations

import importlib.util
import json
import os
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.fixtures_batch import write_reports
from yxnlp.batch import run_batch
from yxnlp.store import Store

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_quickstart.ipynb", "02_targets_over_time.ipynb", "03_provinces_2026.ipynb", "04_questions.ipynb"]


def _inputs() -> list[Path]:
    corpus = ROOT / "corpus"
    national = [p for p in sorted((corpus / "national").glob("*.txt")) if p.stem >= "2000"]
    return [ROOT / "seeds", corpus / "shanghai", corpus / "provinces-2026", *national]


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not (ROOT / "corpus" / "provinces-2026").is_dir():
        pytest.skip("corpus/ is not in this checkout")
    out = tmp_path_factory.mktemp("notebooks")
    db = out / "yxnlp.duckdb"
    counties = write_reports(out / "counties", 5, paragraphs=6)
    result = run_batch([*_inputs(), *counties], out=out / "records", db=db, workers=2, ner=False)
    assert result.ok, result.summary()
    return db


@pytest.fixture
def kernel_env(corpus_store: Path, tmp_path: Path) -> Iterator[None]:
    names = ("YXNLP_DB", "YXNLP_ROOT", "YXNLP_OUT", "MPLBACKEND")
    saved = {k: os.environ.get(k) for k in names}
    os.environ.update(
        YXNLP_DB=str(corpus_store),
        YXNLP_ROOT=str(ROOT),
        YXNLP_OUT=str(tmp_path),
        MPLBACKEND="Agg",
    )
    yield
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _execute(name: str) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    )
    client.execute()
    return nb


def _outputs(nb: nbformat.NotebookNode, kind: str) -> list[str]:
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if kind == "stream" and out.get("output_type") == "stream":
                found.append(out["text"])
            elif kind in out.get("data", {}):
                found.append(out["data"][kind])
    return found


@pytest.mark.slow
def test_quickstart_runs(kernel_env: None, tmp_path: Path) -> None:
    nb = _execute("01_quickstart.ipynb")
    text = "\n".join(_outputs(nb, "stream"))
    assert "indicators;" in text and "spans drawn" in text
    assert any("<mark" in h for h in _outputs(nb, "text/html"))  # the displaCy rendering
    assert any("canonical" in t for t in _outputs(nb, "text/plain"))
    assert (tmp_path / "seed.html").stat().st_size > 10_000  # the inspection page


@pytest.fixture
def cjk_font() -> None:
    """The notebooks that draw need a CJK font (``tasks.sh test`` installs one as root)."""
    from yxnlp import plots
    from yxnlp.errors import ModelError

    try:
        plots.use_cjk_font()
    except ModelError as exc:
        pytest.skip(str(exc))


@pytest.mark.slow
@pytest.mark.usefixtures("cjk_font")
def test_targets_over_time_runs(kernel_env: None, corpus_store: Path) -> None:
    nb = _execute("02_targets_over_time.ipynb")
    assert len(_outputs(nb, "image/png")) == 2
    assert any("with their sentence" in t for t in _outputs(nb, "stream"))
    national = Store(corpus_store).indicators("gdp_growth", status="target", region="100000")
    assert len(national), "no national GDP growth target in the store"


@pytest.mark.slow
@pytest.mark.usefixtures("cjk_font")
def test_provinces_2026_runs(kernel_env: None) -> None:
    nb = _execute("03_provinces_2026.ipynb")
    assert len(_outputs(nb, "image/png")) == 3
    assert any("provincial 2026 reports" in t for t in _outputs(nb, "stream"))


@pytest.mark.slow
def test_questions_runs(kernel_env: None, tmp_path: Path) -> None:
    nb = _execute("04_questions.ipynb")
    text = "\n".join(_outputs(nb, "stream"))
    assert "every name valid: True" in text
    # the invented counties of 浙江 and 广东 (not 河南's 长葛市)
    assert "figures from 4 regions: 义乌市、安吉县、新会区、英德市" in text
    assert "== indicators" in text and "category" in text and "Int64" in text
    tables = "\n".join(_outputs(nb, "text/html"))
    assert "6.5%－7%" in tables  # 2016's range target, kept with its qualifier
    assert (tmp_path / "export" / "indicators.csv").is_file()


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name: str) -> None:
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    assert nb["cells"], name
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{name}: cell {cell.get('id')} has outputs"
            assert cell["execution_count"] is None, f"{name}: cell {cell.get('id')} was run"
    nbformat.validate(nbformat.reads(json.dumps(nb), as_version=4))


def test_notebooks_match_their_generator() -> None:
    """The committed notebooks are what ``notebooks/make_notebooks.py`` writes."""
    spec = importlib.util.spec_from_file_location("make_notebooks", NOTEBOOKS / "make_notebooks.py")
    assert spec is not None and spec.loader is not None
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert sorted(gen.NOTEBOOKS) == NAMES
    for name in NAMES:
        built = json.loads(nbformat.writes(gen.build(name)))
        assert json.loads((NOTEBOOKS / name).read_text(encoding="utf-8")) == built, name
