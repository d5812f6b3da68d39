"""The layer contracts of pyproject.toml (run by `make lint`) catch a public app importing a
State's app: a copy of ``tenants`` with one module that imports ``cases`` breaks them."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(directory: Path = ROOT) -> subprocess.CompletedProcess:
    """The public-apps contract, run from ``directory`` (first on the path, as in `make lint`)."""
    python_path = os.pathsep.join([str(ROOT), str(ROOT / "platform")])
    return subprocess.run(
        [
            str(LINT_IMPORTS),
            str(ROOT / "pyproject.toml"),
            "--no-cache",
            "--contract",
            "public-apps",
        ],
        cwd=directory,
        env={**os.environ, "PYTHONPATH": python_path},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_public_apps_contract_holds_on_the_tree():
    result = _lint_imports()
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Public-schema apps never import a State's apps KEPT" in result.stdout


def test_an_import_of_cases_from_tenants_breaks_the_contract(tmp_path):
    shutil.copytree(ROOT / "tenants", tmp_path / "tenants", ignore=shutil.ignore_patterns("*.pyc"))
    (tmp_path / "tenants" / "layer_probe.py").write_text("from cases.models import Case  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Public-schema apps never import a State's apps BROKEN" in result.stdout
    assert "tenants.layer_probe -> cases.models" in result.stdout
