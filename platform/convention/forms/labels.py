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
