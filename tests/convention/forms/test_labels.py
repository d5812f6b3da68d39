"""The forms' own gettext catalogue: complete, separate from the UI, sources marked."""

from __future__ import annotations

import polib
from forms_samples import transmittal_values

from convention.forms import build_form, get_form
from convention.forms.labels import CONTEXT, LANGUAGES, LOCALE_DIR, MSGIDS, translate


def test_every_label_is_translated_in_every_language():
    for language in LANGUAGES[1:]:
        catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
        entries = {entry.msgid: entry for entry in catalogue if entry.msgctxt == CONTEXT}
        assert set(entries) == set(MSGIDS), language
        for entry in entries.values():
            assert entry.msgstr.strip(), (language, entry.msgid)
            assert "fuzzy" not in entry.flags, (language, entry.msgid)
            assert entry.tcomment.startswith(("official:", "unofficial:")), (language, entry.msgid)


def test_only_french_annex_texts_are_marked_official():
    for language in ("es", "de", "pt"):
        catalogue = polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))
        assert all(entry.tcomment.startswith("unofficial:") for entry in catalogue)
    french = polib.pofile(str(LOCALE_DIR / "fr" / "LC_MESSAGES" / "django.po"))
    official = {entry.msgid for entry in french if entry.tcomment.startswith("official:")}
    assert "Transmittal form under Article 12(2)" in official
    assert "Application for Establishment of a Decision" not in official


def test_labels_are_looked_up_in_the_forms_catalogue():
    title = get_form("acknowledgement").title
    assert translate(title, "en") == "Acknowledgement form under Article 12(3)"
    assert translate(title, "fr") == "Formulaire d'accusé de réception en vertu de l'article 12(3)"
    assert translate(title, "es") == "Formulario de acuse de recibo en virtud del artículo 12(3)"
    assert translate(title, "de") == "Formular für die Empfangsbestätigung nach Artikel 12 Absatz 3"
    assert (
        translate(title, "pt") == "Formulário de aviso de receção nos termos do artigo 12.º, n.º 3"
    )


def test_form_filled_in_one_language_is_read_in_another():
    filled = build_form("transmittal", transmittal_values(), language="pt")
    field = filled.definition.field("applicant.family_name")
    assert translate(field.label, "pt") == "Apelido(s)"
    assert translate(field.label, "de") == "Familienname(n)"
    assert filled.get("application.application_type") == "art_10_1_a"  # a code, not a label
