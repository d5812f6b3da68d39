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

from convention_builders import make_state

from convention.forms.labels import ensure_catalogues_compiled
from convention.states import RegulationExtent, StateRegistry

# The .mo files are build products (git-ignored); a fresh checkout has none.
ensure_catalogues_compiled(
    locale_dir=Path(__file__).resolve().parents[2] / "platform" / "convention" / "locale"
)


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
