"""Translatable labels of the forms, kept apart from the user-interface strings.

Every label is looked up with the message context :data:`CONTEXT`, so the legal wording of a form
never collides with (or is overridden by) a UI string with the same English text in another
catalogue. The catalogue lives in ``convention/forms/locale/<lang>/LC_MESSAGES/django.po``; its
translator comments say, per entry, whether the text is the Convention's official French text or
an unofficial translation awaiting review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import override, pgettext_lazy

CONTEXT = "convention form"
LANGUAGES = ("en", "fr", "es", "de", "pt")
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# Every msgid declared through label(), in declaration order: the catalogue check in the tests
# compares it with the .po files, so no label can be left untranslated.
MSGIDS: list[str] = []


def label(msgid: str) -> Any:
    """A lazy, context-qualified translatable label (declare labels only through this)."""
    if msgid not in MSGIDS:
        MSGIDS.append(msgid)
    return pgettext_lazy(CONTEXT, msgid)


def translate(text: Any, language: str) -> str:
    """``text`` (a lazy label or a plain string) in ``language``."""
    if text is None:
        return ""
    with override(language):
        return str(text)


def ensure_catalogues_compiled(
    *, locale_dir: Path = LOCALE_DIR, force: bool = False, reset_cache: bool = False
) -> list[Path]:
    """Compile each ``django.po`` under ``locale_dir`` (by default the forms catalogue; the
    engine's tests pass ``convention/locale``) to ``django.mo`` when missing or stale.

    The build compiles the catalogues (``pybabel compile -d platform/convention/forms/locale -D
    django``); this is for tests and development checkouts, where ``.mo`` files (git-ignored)
    may be absent. Returns the files written. If any was written (or ``reset_cache`` is true),
    Django's translation cache is reset so the catalogue is used from the next lookup on.
    """
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/django.po")):
        mo_path = po_path.with_suffix(".mo")
        if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parent.parent.name)
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    if written or reset_cache:
        _reset_django_translations()
    return written


def _reset_django_translations() -> None:
    # What Django's own setting_changed handler does when LOCALE_PATHS change.
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._active = Local()
    trans_real._default = None
    cache_clear = getattr(trans_real, "translation_catalog_exists", None)
    if cache_clear is not None:
        cache_clear.cache_clear()
