"""Runs with pytest-django (project settings) and without it (``-p no:django``).

Without pytest-django, Django is configured with only what the forms catalogue needs: no
database, only the translation machinery and the forms app's own message catalogue. If a parent
conftest configured Django without the forms app, the app is added for these tests (the labels
are looked up in its catalogue).
"""

import django
from django.apps import apps
from django.conf import settings

if not settings.configured:
    settings.configure(
        USE_I18N=True,
        LANGUAGE_CODE="en",
        LOCALE_PATHS=[],
        INSTALLED_APPS=["convention.forms"],
    )
if not apps.ready:
    django.setup()

_added_app = not apps.is_installed("convention.forms")
if _added_app:
    from django.test.utils import override_settings

    override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "convention.forms"]).enable()

from convention.forms.labels import ensure_catalogues_compiled  # noqa: E402

ensure_catalogues_compiled(reset_cache=_added_app)
