"""Import layering: stages never reach back (import-linter contracts in pyproject.toml), and no
module below the command line imports the package root (which would load the whole pipeline)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "yxnlp"


def test_import_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("import-linter is not installed (dev extra)")
    done = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout[-3000:]


def _root_imports(path: Path) -> list[int]:
    """Lines where ``path`` imports the package root itself (``import yxnlp``,
    ``from yxnlp import process``) rather than a module of it."""
    tree = ast.parse(path.read_text("utf-8"))
    modules = {
        p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()
    }
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name == "yxnlp" for a in node.names):
            lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "yxnlp" and node.level == 0:
            if any(a.name not in modules for a in node.names):
                lines.append(node.lineno)
    return lines


def test_no_module_imports_the_package_root() -> None:
    """The command line, the top of the stack, may; nothing below it."""
    offenders = {
        str(p.relative_to(PACKAGE)): lines
        for p in PACKAGE.rglob("*.py")
        if p != PACKAGE / "__init__.py"
        and PACKAGE / "cli" not in p.parents
        and (lines := _root_imports(p))
    }
    assert not offenders, offenders
