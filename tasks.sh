#!/usr/bin/env bash
# yxnlp developer tasks. Two of them are the README quick start:
#   bash tasks.sh demo   set up .venv and run the main job on the shipped seed and corpus sample
#   bash tasks.sh test   set up .venv (plus test-only system packages) and run the whole test suite
# Other tasks: setup, lint, bench, plots, train, docs (the API reference from the docstrings,
# into out/docs/ by pdoc).
set -euo pipefail
cd "$(dirname "$0")"

PY=${PYTHON:-python3.11}
VENV=.venv
STAMP=$VENV/.yxnlp-setup

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

setup() {
    local want
    want=$(cat pyproject.toml tasks.sh | sha256sum | cut -d' ' -f1)
    if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] && [ -x "$VENV/bin/yxnlp" ]; then
        compile_package
        return 0
    fi
    command -v "$PY" >/dev/null || { echo "error: $PY not found; install Python 3.11" >&2; exit 1; }
    say "creating $VENV with $($PY --version)"
    [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
    local pip=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
    # pkuseg 0.0.25 ships only an sdist whose build imports numpy and cython: install those
    # first and build it without isolation (its sdist carries the default model).
    "${pip[@]}" install --upgrade pip wheel "setuptools>=68,<81" "numpy>=1.26,<2.3" "cython>=3,<3.2"
    "$VENV/bin/python" -c "import pkuseg" 2>/dev/null \
        || "${pip[@]}" install --no-build-isolation "pkuseg==0.0.25"
    "${pip[@]}" install -e ".[dev,annotate-check]"
    echo "$want" > "$STAMP"
    compile_package
}

compile_package() {
    # Byte-compile yxnlp's own modules, as pip does for a regular install. An editable install
    # leaves that to the first import, which never writes them where PYTHONDONTWRITEBYTECODE is
    # set (many containers): every process, and every batch worker spawned on macOS, would
    # compile the package again. Up-to-date files are skipped.
    "$VENV/bin/python" -m compileall -q src/yxnlp >/dev/null \
        || echo "note: could not byte-compile src/yxnlp (read-only?); each start compiles it" >&2
}

system_test_deps() {
    # The browser test and the plots need Chromium and a CJK font from Debian's packages.
    # Installed only when missing and when we may (root with apt-get); otherwise those tests skip.
    local need=()
    command -v chromium >/dev/null || need+=(chromium)
    fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
    [ ${#need[@]} -eq 0 ] && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "installing ${need[*]} (Debian packages)"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null) \
            || echo "warning: could not install ${need[*]}; browser/plot tests will skip" >&2
    else
        echo "note: ${need[*]} missing and not root; browser/plot tests will skip" >&2
    fi
}

demo() {
    setup
    say "extracting the seed report"
    "$VENV/bin/yxnlp" extract seeds/000_cba11b42fa3c7c35.txt -o out/seed.json --summary
    say "batch over corpus/ into out/records and out/yxnlp.duckdb"
    "$VENV/bin/yxnlp" batch seeds corpus --out out/records --db out/yxnlp.duckdb --workers 2
    say "the provinces' 2026 GDP growth targets, from the store"
    "$VENV/bin/yxnlp" compare --db out/yxnlp.duckdb --by region --key gdp_growth --status target --year 2026
    say "Shanghai's targets 2020-2024, from the store"
    "$VENV/bin/yxnlp" compare --db out/yxnlp.duckdb --region 上海 --key gdp_growth --key cpi_growth \
        --key urban_new_jobs --status target --year 2020-2024
}

test_() {
    setup
    system_test_deps
    say "lint, types and import layers"
    "$VENV/bin/ruff" check src tests benchmarks scripts
    "$VENV/bin/mypy"
    "$VENV/bin/lint-imports" --no-cache
    say "tests"
    "$VENV/bin/python" -m pytest -q "$@"
}

case "${1:-}" in
    setup) setup ;;
    demo) demo ;;
    test) shift; test_ "$@" ;;
    lint) setup; "$VENV/bin/ruff" check src tests benchmarks scripts; "$VENV/bin/mypy"; "$VENV/bin/lint-imports" --no-cache ;;
    bench) setup; shift; "$VENV/bin/python" benchmarks/bench.py "$@" ;;
    plots) setup; "$VENV/bin/python" scripts/make_plots.py ;;
    train) setup; "$VENV/bin/yxnlp" train ;;
    docs) setup; "$VENV/bin/python" scripts/build_docs.py out/docs ;;
    *) echo "usage: bash tasks.sh {demo|test|setup|lint|bench|plots|train|docs}" >&2; exit 2 ;;
esac
