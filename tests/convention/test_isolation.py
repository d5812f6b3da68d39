"""The Convention engine stays plain Python: no ORM, no other project app (issue 3, acceptance)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "platform" / "convention"
PROJECT_APPS = (
    "tenants",
    "cases",
    "accounts",
    "audit",
    "encryption",
    "billing_maintenance",
    "api",
    "isupport",
)
FORBIDDEN_PREFIXES = ("django.db", "django.contrib", *PROJECT_APPS)


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    modules = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            # ``from django import db`` imports django.db as surely as ``import django.db``.
            modules.update(f"{node.module}.{alias.name}" for alias in node.names)
    return modules


def _forbidden(module: str) -> bool:
    return any(module == prefix or module.startswith(prefix + ".") for prefix in FORBIDDEN_PREFIXES)


def test_package_imports_no_orm_and_no_project_app():
    """Every module of the package, the forms catalogue (``convention.forms``) included."""
    assert (PACKAGE / "forms" / "xmldoc.py") in set(PACKAGE.rglob("*.py"))
    offenders = {
        f"{path.relative_to(PACKAGE)}: {module}"
        for path in PACKAGE.rglob("*.py")
        for module in _imported_modules(path)
        if _forbidden(module)
    }
    assert not offenders, sorted(offenders)


def test_importing_the_engine_and_its_forms_loads_no_orm():
    """Checked in a fresh interpreter, so transitive imports count too."""
    code = (
        "import sys\n"
        "import convention.vocabulary, convention.states, convention.deadlines\n"
        "import convention.workflow, convention.validation\n"
        "import convention.forms, convention.forms.pdf, convention.forms.xmldoc\n"
        f"prefixes = {FORBIDDEN_PREFIXES!r}\n"
        "bad = sorted(m for m in sys.modules\n"
        "             if any(m == p or m.startswith(p + '.') for p in prefixes))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PACKAGE.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == ""


def test_platform_is_a_source_root_without_init():
    assert not (PACKAGE.parent / "__init__.py").exists()
