"""PDF: every form renders in each of the five languages, with that language's labels."""

from __future__ import annotations

import datetime
import io
import warnings

import pytest
from forms_samples import CYRILLIC_NAME, GREEK_NAME, complete_values, transmittal_values
from pypdf import PdfReader

from convention.forms import FORMS, LANGUAGES, build_form, get_form, render_pdf
from convention.forms.labels import translate


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _flat(text) -> str:
    return " ".join(str(text).split())


@pytest.mark.parametrize("definition", FORMS, ids=lambda form: form.code)
def test_every_form_renders_with_the_chosen_languages_labels(definition):
    filled = build_form(definition, complete_values(definition))
    english_titles = {translate(s.title, "en") for s in definition.sections if s.title}
    dates = [
        value
        for section in filled.values.values()
        for value in section.values()
        if isinstance(value, datetime.date)
    ]
    for language in LANGUAGES:
        pdf = render_pdf(filled, language)
        assert pdf.main.startswith(b"%PDF-")
        assert pdf.restricted is None
        text = _text(pdf.main)
        assert _flat(translate(definition.title, language)) in text
        for section in definition.sections:
            if section.title is not None:
                assert _flat(translate(section.title, language)) in text, (language, section.key)
        if language != "en":
            translated = {translate(s.title, language) for s in definition.sections if s.title}
            assert translated != english_titles, f"{definition.code}: no {language} labels"
        for date in dates:  # dates as dd/mm/yyyy
            assert date.strftime("%d/%m/%Y") in text
            assert date.isoformat() not in text


def test_transmittal_labels_in_each_language_art_12_2():
    filled = build_form("transmittal", transmittal_values(), language="de")
    expected = {
        "en": "Transmittal form under Article 12(2)",
        "fr": "Formulaire de transmission en vertu de l'article 12(2)",
        "es": "Formulario de transmisión en virtud del artículo 12(2)",
        "de": "Übermittlungsformular nach Artikel 12 Absatz 2",
        "pt": "Formulário de transmissão nos termos do artigo 12.º, n.º 2",
    }
    for language, title in expected.items():
        text = _text(render_pdf(filled, language).main)
        assert title in text
        assert "Bundesamt für Justiz" in text  # the data is not translated


def test_greek_and_cyrillic_names_render():
    filled = build_form("transmittal", transmittal_values())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # fpdf2 warns about glyphs missing from the font
        pdf = render_pdf(filled, "fr")
    text = _text(pdf.main)
    assert GREEK_NAME in text and "Ελένη" in text
    assert CYRILLIC_NAME in text and "Мария" in text
    assert b"NotoSans" in pdf.main  # the font embedded is the packaged Noto Sans


def test_dates_print_as_dd_mm_yyyy_and_names_in_block_letters():
    filled = build_form("transmittal", transmittal_values())
    text = _text(render_pdf(filled, "en").main)
    assert "05/03/1985" in text and "31/01/2017" in text
    assert "ANNA SCHMIDT" in text  # "Name (in block letters)"


def test_unofficial_translations_are_marked():
    filled = build_form("transmittal", transmittal_values())
    assert "Unofficial translation" not in _text(render_pdf(filled, "en").main)
    assert "Traduction non officielle" not in _text(render_pdf(filled, "fr").main)
    assert "Nichtamtliche Übersetzung" in _text(render_pdf(filled, "de").main)
    recognition = build_form(get_form("application_recognition"), {})
    assert "Traduction non officielle" in _text(render_pdf(recognition, "fr").main)


def test_language_without_labels_is_refused():
    filled = build_form("transmittal", transmittal_values())
    with pytest.raises(ValueError, match="no labels"):
        render_pdf(filled, "el")
