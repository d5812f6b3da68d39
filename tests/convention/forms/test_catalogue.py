"""The catalogue: Annexes 1 and 2 item by item, the recommended forms, versions, Art 40 items."""

from __future__ import annotations

import datetime
import re

import pytest

from convention import vocabulary
from convention.forms import FORMS, FieldType, FormStatus, form_codes, get_form
from convention.forms.labels import translate
from tests.conftest import shared_reference

REFERENCE = shared_reference("hcch-2007-convention.md")
ANNEX_CODES = ("transmittal", "acknowledgement")


def _layout(code: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
    form = get_form(code)
    return [
        (section.key, section.number, [(f.number, f.key) for f in section.fields])
        for section in form.sections
    ]


def test_catalogue_holds_the_mandatory_and_recommended_forms_art_11_4():
    assert form_codes() == [
        "transmittal",
        "acknowledgement",
        "application_recognition",
        "application_enforcement",
        "application_establishment",
        "application_modification",
        "specific_measures",
        "status_report",
        "abstract_of_decision",
        "statement_of_enforceability",
        "statement_of_proper_notice",
        "financial_circumstances",
    ]
    mandatory = [form.code for form in FORMS if form.status is FormStatus.MANDATORY]
    assert mandatory == list(ANNEX_CODES)
    assert all(form.layout_confirmed for form in FORMS if form.code in ANNEX_CODES)
    assert not any(form.layout_confirmed for form in FORMS if form.code not in ANNEX_CODES)


def test_transmittal_form_has_every_item_of_annex_1_art_12_2():
    layout = _layout("transmittal")
    assert [(key, number) for key, number, _ in layout] == [
        ("notice", ""),
        ("requesting_authority", "1."),
        ("contact_person", "2."),
        ("requested_authority", "3."),
        ("applicant", "4."),
        ("persons", "5."),
        ("debtor", "6."),
        ("application", "7."),
        ("documents", "8."),
        ("signature", ""),
    ]
    items = {key: fields for key, _, fields in layout}
    assert items["notice"] == [("", "non_disclosure")]
    assert items["requesting_authority"] == [
        ("", "name"),
        ("a.", "address"),
        ("b.", "telephone"),
        ("c.", "fax"),
        ("d.", "email"),
        ("e.", "reference"),
    ]
    assert [number for number, _ in items["contact_person"]] == ["", "a.", "b.", "c.", "d.", "e."]
    assert items["requested_authority"] == [("", "name"), ("", "address")]
    assert items["applicant"] == [
        ("a.", "family_name"),
        ("b.", "given_names"),
        ("c.", "date_of_birth"),
        ("a.", "public_body_name"),
    ]
    assert items["persons"] == [("a.", "same_as_applicant"), ("b.", "persons")]
    assert items["debtor"] == [
        ("a.", "same_as_applicant"),
        ("b.", "family_name"),
        ("c.", "given_names"),
        ("d.", "date_of_birth"),
    ]
    form = get_form("transmittal")
    assert form.field("application.application_type").choice_values() == (
        "art_10_1_a",
        "art_10_1_b",
        "art_10_1_c",
        "art_10_1_d",
        "art_10_1_e",
        "art_10_1_f",
        "art_10_2_a",
        "art_10_2_b",
        "art_10_2_c",
    )
    assert len(form.field("documents.article_25").choices) == 7  # Art 25(1)(a)-(f), 25(3)(b)
    assert len(form.field("documents.article_30_3").choices) == 2  # Art 30(3)(a), (b)
    counts = [f.key for f in form.section("documents").fields if f.type is FieldType.INTEGER]
    assert counts == [
        "supporting_documents_10_1_b",
        "supporting_documents_10_1_c",
        "supporting_documents_10_1_d",
        "supporting_documents_10_1_e",
        "supporting_documents_10_1_f",
        "supporting_documents_10_2_a",
        "supporting_documents_10_2_b",
        "supporting_documents_10_2_c",
    ]
    assert items["signature"] == [("", "name"), ("", "date")]


def test_acknowledgement_form_has_every_item_of_annex_2_art_12_3():
    layout = _layout("acknowledgement")
    assert [(key, number) for key, number, _ in layout] == [
        ("notice", ""),
        ("requested_authority", "1."),
        ("contact_person", "2."),
        ("requesting_authority", "3."),
        ("receipt", "4."),
        ("initial_steps", "5."),
        ("signature", ""),
    ]
    items = {key: [k for _, k in fields] for key, _, fields in layout}
    assert items["requesting_authority"] == ["name", "contact_person", "address"]
    assert items["receipt"] == [
        "received_on",
        "transmittal_reference",
        "transmittal_dated",
        "application_type",
        "applicant_family_names",
        "persons_family_names",
        "debtor_family_names",
    ]
    form = get_form("acknowledgement")
    assert form.field("initial_steps.step").choice_values() == (
        "file_complete",
        "information_requested",
        "refused_art_12_8",
    )
    assert form.field("initial_steps.status_report").under == ("step", "file_complete")
    assert form.field("initial_steps.refusal_reasons").under == ("step", "refused_art_12_8")


def test_acknowledgement_carries_family_names_only_annex_2():
    form = get_form("acknowledgement")
    person_fields = [f.key for f in form.section("receipt").fields if "name" in f.key]
    assert person_fields == [
        "applicant_family_names",
        "persons_family_names",
        "debtor_family_names",
    ]
    keys = {path.rsplit(".", 1)[-1] for path, _ in form.iter_fields()}
    assert not keys & {"given_names", "date_of_birth", "family_name"}


def test_annexed_form_labels_are_the_annex_text_art_12():
    if REFERENCE is None:
        pytest.skip("the shared reference material is not beside the checkout")
    annex = REFERENCE.read_text(encoding="utf-8").split("## Annex 1", 1)[1]
    annex = re.sub(r"\s+", " ", re.sub(r"\*([^*]+)\*", r"\1", annex))
    project_labels = {  # labels of the project's own, not printed on the annex
        "Name",
        "Person",
        "Application",
        "Other documents",
        "Date of receipt of the transmittal form",
        "Reference number of the requesting Central Authority",
        "Transmittal form dated",
        "Status of application report",
        "Additional information and / or documentation",
    }
    for code in ANNEX_CODES:
        form = get_form(code)
        texts = [form.title]
        for section in form.sections:
            texts += [section.title, section.closing_text]
            texts += list(section.text) if isinstance(section.text, tuple) else [section.text]
        for _, item in form.iter_fields():
            texts += [item.label, item.intro, item.hint, *(c.label for c in item.choices)]
        for text in texts:
            english = translate(text, "en")
            if english and english not in project_labels:
                assert english in annex, f"{code}: {english!r} is not in the annex text"


def test_every_form_is_versioned_with_its_own_namespace_art_55():
    namespaces = [form.namespace for form in FORMS]
    assert len(set(namespaces)) == len(FORMS)
    for form in FORMS:
        assert form.namespace == f"urn:isupport:forms:{form.code}:{form.version}"
        assert form.effective_on(datetime.date(2013, 1, 1))
    assert get_form("transmittal", "2007") is get_form("transmittal")
    with pytest.raises(KeyError):
        get_form("transmittal", on=datetime.date(2012, 12, 31))
    with pytest.raises(KeyError):
        get_form("transmittal", "1999")


def test_restricted_items_are_address_and_contact_items_art_40():
    allowed = {
        "address",
        "telephone",
        "fax",
        "email",
        "last_known_address",
        "bank_address",
        # Art 11(1)(f) payment details: on the restricted page with the applicant's address.
        "account_holder",
        "bank_name",
        "account_number",
        "bic",
        "payment_reference",
    }
    for form in FORMS:
        restricted = {path.rsplit(".", 1)[-1] for path, f in form.iter_fields() if f.restricted}
        assert restricted <= allowed, form.code
        if form.has_restricted_items:
            assert form.subjects, form.code
            assert "non_disclosure_for" in [f.key for f in form.section("notice").fields]
    # Annex 1 and 2 carry no address or contact item of a person.
    assert not get_form("transmittal").has_restricted_items
    assert not get_form("acknowledgement").has_restricted_items


def test_every_form_opens_with_the_confidentiality_notice_art_38_to_40():
    for form in FORMS:
        assert form.sections[0].key == "notice"
        assert form.sections[0].fields[0].key == "non_disclosure"


def test_specific_measures_offers_only_article_6_2_b_c_g_h_i_j_art_7_1():
    measures = get_form("specific_measures").field("measures.measures").choice_values()
    assert measures == (
        "art_6_2_b",
        "art_6_2_c",
        "art_6_2_g",
        "art_6_2_h",
        "art_6_2_i",
        "art_6_2_j",
    )


def test_codes_match_the_convention_vocabulary_art_10():
    """The forms use the engine's codes, so a stored or received value means one thing."""
    transmittal = get_form("transmittal").field("application.application_type")
    assert transmittal.choice_values() == tuple(t.value for t in vocabulary.ApplicationType)
    measures = get_form("specific_measures").field("measures.measures")
    assert measures.choice_values() == tuple(m.value for m in vocabulary.SpecificMeasure)
    enforcement = get_form("application_enforcement").field("request.measures")
    assert set(enforcement.choice_values()) == {
        m.value
        for m in vocabulary.EnforcementMeasure
        if m is not vocabulary.EnforcementMeasure.OTHER
    }
    exception = get_form("application_modification").field("request.article_18_2_exception")
    assert exception.choice_values() == tuple(e.value for e in vocabulary.Article18Exception)
    family = get_form("status_report").field("status.application_family")
    assert family.choice_values() == tuple(f.value for f in vocabulary.ApplicationFamily)
    documents = get_form("transmittal").field("documents.article_25").choice_values()
    documents += get_form("transmittal").field("documents.article_30_3").choice_values()
    assert all(vocabulary.DocumentKind(code).listed_in_article_25 for code in documents)
    roles = get_form("application_recognition").field("applicant.applicant_is").choice_values()
    party_roles = {role.value for role in vocabulary.PartyRole}
    # The representative of a creditor or of a debtor is one tick box each on the forms.
    assert {role for role in roles if "representative" not in role} <= party_roles
