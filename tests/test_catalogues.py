r"""The gettext catalogues of the platform shell (with accounts, audit, encryption and tenants),
the case pages and wizard, and the REST API: in French, Spanish, German and Portuguese each holds
every message its app's sources mark, all translated, placeholders and article numbers kept.
(The Convention engine and its forms: tests/convention/test_translations.py. Pages and API
errors in these languages: tests/cases/test_cases_translated.py, tests/api/test_api_translated.py.)

To add strings, run makemessages from the repository root (each file's messages go to its app's
catalogue; platform/convention keeps its own), then translate every new or fuzzy entry:

    .venv/bin/python manage.py makemessages -l fr -l es -l de -l pt --no-obsolete \
        --add-location file --ignore=platform/convention --ignore=node_modules --ignore=build \
        --ignore=tests --ignore=docs --ignore=infra --ignore=terraform --ignore='*.egg-info'
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import polib
import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir, extract_python
from django.utils.translation.template import templatize

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ["fr", "es", "de", "pt"]
# Each catalogue and the source trees whose messages it holds. makemessages run from the root
# puts a file's messages in the nearest app catalogue, else in LOCALE_PATHS (platform/isupport).
CATALOGUES = {
    "platform/isupport": [
        "platform/isupport",
        "platform/accounts",
        "platform/audit",
        "platform/encryption",
        "tenants",
    ],
    "cases": ["cases"],
    "api": ["api"],
}
# Django's gettext functions, as makemessages passes them to xgettext.
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
    "npgettext_lazy": ((1, "c"), 2, 3),
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
ARTICLE_NUMBER = re.compile(r"\b\d+\(\d+\)(?:\([a-h]\))?")


def _extract_template(fileobj, keywords, comment_tags, options):
    """Messages of a Django template: templatize() turns its translation tags into the gettext
    calls makemessages hands to xgettext; Babel's Python extractor reads those (each line
    dedented, since the blanked-out markup is not Python's indentation)."""
    code = "\n".join(
        line.lstrip() for line in templatize(fileobj.read().decode("utf-8")).split("\n")
    )
    yield from extract_python(io.BytesIO(code.encode("utf-8")), keywords, comment_tags, options)


METHODS = [
    ("**/migrations/**", "ignore"),
    ("**.py", "python"),
    ("**.html", _extract_template),
    ("**.txt", _extract_template),
]


def _source_messages(app: str) -> dict[tuple[str | None, str], str | None]:
    """(context, msgid) -> msgid_plural of every message marked in the app's sources."""
    found: dict[tuple[str | None, str], str | None] = {}
    for tree in CATALOGUES[app]:
        for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT / tree), method_map=METHODS, keywords=KEYWORDS
        ):
            singular, plural = message if isinstance(message, tuple) else (message, None)
            found[(context, singular)] = plural
    return found


def _catalogue(app: str, language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", CATALOGUES)
def test_catalogue_has_every_message_the_sources_mark(app, language):
    entries = {(e.msgctxt, e.msgid): e for e in _catalogue(app, language) if not e.obsolete}
    sources = _source_messages(app)
    missing = sorted(msgid for key in sources if key not in entries for msgid in [key[1]])
    assert not missing, f"{app} {language}: run makemessages and translate: {missing}"
    for key, plural in sources.items():
        assert (entries[key].msgid_plural or None) == plural, key


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", CATALOGUES)
def test_catalogue_is_translated_with_its_placeholders_and_article_numbers(app, language):
    catalogue = _catalogue(app, language)
    assert catalogue.metadata["Language"] == language
    assert not catalogue.untranslated_entries(), [e.msgid for e in catalogue.untranslated_entries()]
    assert not catalogue.fuzzy_entries(), [e.msgid for e in catalogue.fuzzy_entries()]
    for entry in catalogue:
        if entry.msgid_plural:
            pairs = [(entry.msgid, entry.msgstr_plural[0])]
            pairs += [(entry.msgid_plural, text) for n, text in entry.msgstr_plural.items() if n]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translation in pairs:
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(
                PLACEHOLDER.findall(source)
            ), (language, source)
            for number in ARTICLE_NUMBER.findall(source):
                assert number in translation, (language, source)
