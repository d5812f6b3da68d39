"""Fixtures for the Convention engine's tests: no database, no project apps.

The suite runs under the project's settings (pytest-django) and also without them
(``pytest tests/convention -p no:django``): then Django is configured here with nothing but the
``convention`` app, enough for translations.
"""

from __future__ import annotations

from pathlib import Path

import django
import pytest
from django.conf import settings

if not settings.configured:
    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE="en",
        LOCALE_PATHS=[],
        INSTALLED_APPS=["convention"],
    )
    django.setup()

LOCALE_DIR = Path(__file__).resolve().parents[2] / "platform" / "convention" / "locale"


def _compile_catalogues() -> None:
    """Compile the convention catalogues when a .mo is missing or older than its .po.

    The .mo files are build products (git-ignored); a fresh checkout has none.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    compiled = False
    for po_path in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parts[-3])
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog)
        compiled = True
    if compiled:
        from django.utils.translation import trans_real

        trans_real._translations = {}


_compile_catalogues()


from convention_builders import make_state  # noqa: E402

from convention.states import RegulationExtent, StateRegistry  # noqa: E402


@pytest.fixture
def registry() -> StateRegistry:
    """XA requesting, XB requested: Contracting States since 2014, nothing declared.

    XC, XD: EU Member States (the Regulation between them); XE: Denmark-like.
    """
    return StateRegistry(
        [
            make_state("XA"),
            make_state("XB"),
            make_state("XC", regulation=RegulationExtent.FULL),
            make_state("XD", regulation=RegulationExtent.FULL),
            make_state(
                "XE",
                convention_from=None,
                regulation=RegulationExtent.WITHOUT_CENTRAL_AUTHORITIES,
            ),
        ]
    )
