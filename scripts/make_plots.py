"""Write the project's standard plots as PNG files (``bash tasks.sh plots``).

Reads the store (default ``out/yxnlp.duckdb``, as ``bash tasks.sh demo`` builds it); when the
store is missing it is built first from ``seeds/`` and ``corpus/`` with ``yxnlp batch``.
Writes into ``out/plots/``:

* ``national_targets.png``: national GDP growth, CPI and urban new jobs targets by year;
* ``shanghai_2020_2024.png``: the same targets in Shanghai's reports 2020-2024;
* ``provinces_2026_gdp_growth.png``: the provinces' 2026 GDP growth targets, sorted.

Usage: ``.venv/bin/python scripts/make_plots.py [--db PATH] [--out DIR] [--workers N]``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from yxnlp import plots
from yxnlp.batch import run_batch
from yxnlp.errors import YxnlpError
from yxnlp.store import Store

ROOT = Path(__file__).resolve().parents[1]


def build_store(db: Path, *, workers: int) -> None:
    inputs = [p for p in (ROOT / "seeds", ROOT / "corpus") if p.is_dir()]
    print(f"{db} not found: building it from {', '.join(p.name for p in inputs)}")
    result = run_batch(inputs, out=db.parent / "records", db=db, workers=workers)
    print(result.summary())


def make_plots(store: Store, out: Path) -> list[tuple[Path, int]]:
    """Draw and save the three standard plots; returns (path, number of points) pairs."""
    plots.use_cjk_font()
    written = []
    national = plots.national_targets(store)
    fig = plots.plot_targets_by_year(
        national, key=plots.MAIN_KEYS, title="全国政府工作报告主要预期目标"
    )
    written.append((plots.save(fig, out / "national_targets.png"), len(national)))
    shanghai = plots.region_targets(store, "上海", year=(2020, 2024))
    fig = plots.plot_targets_by_year(
        shanghai, key=plots.MAIN_KEYS, title="上海市政府工作报告主要预期目标（2020—2024年）"
    )
    written.append((plots.save(fig, out / "shanghai_2020_2024.png"), len(shanghai)))
    provinces = plots.province_targets(store, "gdp_growth", year=2026)
    fig = plots.plot_target_bars(provinces, title="2026年各省（区、市）地区生产总值增长目标")
    written.append((plots.save(fig, out / "provinces_2026_gdp_growth.png"), len(provinces)))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "out" / "yxnlp.duckdb")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "plots")
    parser.add_argument("--workers", type=int, default=2, help="for building a missing store")
    args = parser.parse_args(argv)
    try:
        if not args.db.is_file():
            build_store(args.db, workers=args.workers)
        for path, points in make_plots(Store(args.db), args.out):
            print(f"wrote {path} ({points} points)")
    except YxnlpError as exc:
        print(f"make_plots: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
