"""Art 40 non-disclosure: address and contact items leave the form for a separate page."""

from __future__ import annotations

import io

import pytest
from forms_samples import CYRILLIC_NAME, GREEK_NAME, recognition_values, transmittal_values
from lxml import etree
from pypdf import PdfReader

from convention.forms import (
    FormDataError,
    acknowledgement_values_from_transmittal,
    build_form,
    form_from_xml,
    form_to_xml,
    is_protected,
    render_pdf,
    split_restricted,
)


def _text(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_restricted_address_leaves_form_art_40():
    filled = build_form("application_recognition", recognition_values(non_disclosure=True))
    documents = form_to_xml(filled)
    assert documents.restricted is not None
    assert b"Odos Ermou" not in documents.main
    assert b"Hauptstra" not in documents.main
    assert b"GR16" not in documents.main  # payment details (Art 11(1)(f)) go too
    assert etree.fromstring(documents.main).get("restricted_information") == "separate"
    restricted = etree.fromstring(documents.restricted)
    assert etree.QName(restricted).localname == "restricted_information"
    assert b"Odos Ermou" in documents.restricted
    # The names stay on the form: only address and contact items leave it.
    assert GREEK_NAME.encode() in documents.main
    # Both documents together give back the whole form.
    parsed = form_from_xml(documents.main, documents.restricted)
    assert parsed.values == filled.values


def test_form_without_its_restricted_document_has_no_address_art_40():
    filled = build_form("application_recognition", recognition_values(non_disclosure=True))
    documents = form_to_xml(filled)
    main_only = form_from_xml(documents.main)
    assert "address" not in main_only.values["applicant"]
    assert "payment" not in main_only.values
    assert main_only.values["applicant"]["family_name"] == GREEK_NAME


def test_without_determination_addresses_stay_on_the_form_art_40():
    filled = build_form("application_recognition", recognition_values())
    documents = form_to_xml(filled)
    assert documents.restricted is None
    assert b"Odos Ermou" in documents.main
    pdf = render_pdf(filled, "en")
    assert pdf.restricted is None
    assert "Odos Ermou" in _text(pdf.main)


def test_determination_for_one_person_moves_only_that_persons_items_art_40():
    filled = build_form(
        "application_recognition",
        recognition_values(non_disclosure_for=["applicant", "persons[2]"]),
    )
    assert filled.values["notice"]["non_disclosure"] is True  # recording it ticks the box
    assert is_protected(filled, "applicant")
    assert not is_protected(filled, "respondent")
    assert is_protected(filled, "persons[2]") and not is_protected(filled, "persons[1]")
    main, restricted = split_restricted(filled)
    assert "address" not in main["applicant"]
    assert main["respondent"]["address"].startswith("Hauptstra")
    assert main["persons"]["persons"][0]["address"] == "Child address one"
    assert "address" not in main["persons"]["persons"][1]
    assert restricted["persons"]["persons"] == {2: {"address": "Child address two"}}
    documents = form_to_xml(filled)
    assert form_from_xml(documents.main, documents.restricted).values == filled.values


def test_determination_must_name_persons_of_the_form_art_40():
    with pytest.raises(FormDataError, match="not a person of this form"):
        build_form("application_recognition", recognition_values(non_disclosure_for=["debtor"]))


def test_restricted_information_page_is_a_separate_pdf_art_40():
    filled = build_form("application_recognition", recognition_values(non_disclosure=True))
    for language, pointer, title in (
        ("en", "restricted information page", "Restricted information"),
        ("fr", "diffusion restreinte", "Informations à diffusion restreinte"),
        ("de", "vertraulichen Angaben", "Vertrauliche Angaben"),
    ):
        pdf = render_pdf(filled, language)
        main = _text(pdf.main)
        restricted = _text(pdf.restricted)
        assert "Odos Ermou" not in main and "Hauptstra" not in main
        assert pointer in main
        assert "Odos Ermou" in restricted and "Hauptstra" in restricted
        assert "Child address two" in restricted
        assert title in restricted
        assert "BfJ-2024-0002" in restricted  # the page names the file it belongs to


def test_transmittal_with_determination_keeps_only_family_and_given_names_annex_1_art_40():
    """Annex 1 has no address of a person: the box is ticked, nothing needs to move."""
    filled = build_form("transmittal", transmittal_values(non_disclosure=True))
    documents = form_to_xml(filled)
    assert documents.restricted is None
    assert b"<non_disclosure>true</non_disclosure>" in documents.main


def test_acknowledgement_takes_family_names_only_from_the_transmittal_annex_2():
    transmittal = build_form("transmittal", transmittal_values())
    values = acknowledgement_values_from_transmittal(transmittal)
    values["requested_authority"] = {
        "name": "Υπουργείο Δικαιοσύνης",
        "address": "Athens",
        "reference": "GR-77",
    }
    values["receipt"]["received_on"] = "2024-03-20"
    values["initial_steps"] = {"step": "file_complete", "status_report": "to_follow"}
    values["signature"] = {"name": "Maria Georgiou", "date": "2024-03-21"}
    acknowledgement = build_form("acknowledgement", values, language="el")
    receipt = acknowledgement.values["receipt"]
    assert receipt["applicant_family_names"] == GREEK_NAME
    assert receipt["persons_family_names"] == (CYRILLIC_NAME, GREEK_NAME)
    assert receipt["debtor_family_names"] == "Müller"
    assert receipt["transmittal_reference"] == "BfJ-2024-0001"
    documents = form_to_xml(acknowledgement)
    for given_name_or_birth_date in ("Hans", "Ελένη", "Мария", "1985-03-05", "2015-06-01"):
        assert given_name_or_birth_date.encode() not in documents.main
