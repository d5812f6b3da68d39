"""The Convention's vocabulary: stable values, labels and articles."""

from __future__ import annotations

import enum

import pytest

from convention import vocabulary
from convention.vocabulary import (
    ApplicationFamily,
    ApplicationType,
    DocumentKind,
    EnforcementMeasure,
    LegalBasis,
    PartyRole,
    RecognitionBasis,
    RefusalGround,
    SpecificMeasure,
)

ENUMS = [
    value
    for value in vars(vocabulary).values()
    if isinstance(value, type)
    and issubclass(value, vocabulary.ConventionEnum)
    and value is not vocabulary.ConventionEnum
]


def test_nine_application_types_six_for_creditors_three_for_debtors_art_10():
    assert len(ApplicationType) == 9
    creditor = [t for t in ApplicationType if t.applicant_role is PartyRole.CREDITOR]
    debtor = [t for t in ApplicationType if t.applicant_role is PartyRole.DEBTOR]
    assert [t.article for t in creditor] == [f"10(1)({x})" for x in "abcdef"]
    assert [t.article for t in debtor] == [f"10(2)({x})" for x in "abc"]


def test_application_values_are_stable_identifiers_art_10():
    # Stored in the database and in XML: changing one is a data migration, not a refactoring.
    assert [t.value for t in ApplicationType] == [
        "art_10_1_a",
        "art_10_1_b",
        "art_10_1_c",
        "art_10_1_d",
        "art_10_1_e",
        "art_10_1_f",
        "art_10_2_a",
        "art_10_2_b",
        "art_10_2_c",
    ]
    assert ApplicationType("art_10_1_c") is ApplicationType.CREDITOR_ESTABLISHMENT
    assert str(ApplicationType.CREDITOR_ESTABLISHMENT) == "art_10_1_c"


def test_specific_measures_are_only_6_2_b_c_g_h_i_j_art_7_1():
    assert [m.article for m in SpecificMeasure] == [f"6(2)({x})" for x in "bcghij"]


def test_only_recognition_applications_carry_only_article_25_documents_art_11_3():
    assert {t for t in ApplicationType if t.accompanied_only_by_article_25_documents} == {
        ApplicationType.CREDITOR_RECOGNITION,
        ApplicationType.DEBTOR_RECOGNITION,
    }


def test_declared_requirements_do_not_apply_to_10_1_a_and_10_2_a_art_11_1_g():
    exempt = {t for t in ApplicationType if not t.subject_to_declared_requirements}
    assert exempt == {ApplicationType.CREDITOR_RECOGNITION, ApplicationType.DEBTOR_RECOGNITION}


def test_establishment_is_the_only_family_without_an_existing_decision_art_10_1_c_d():
    without = {t for t in ApplicationType if not t.requires_existing_decision}
    assert {t.family for t in without} == {ApplicationFamily.ESTABLISHMENT}


def test_regulation_parallel_application_reg_56():
    assert ApplicationType.CREDITOR_RECOGNITION.regulation_article == "Reg. 56(1)(a)"
    assert ApplicationType.DEBTOR_MODIFICATION_ELSEWHERE.regulation_article == "Reg. 56(2)(c)"


def test_reservable_recognition_bases_are_c_e_f_art_20_2():
    assert {b.article for b in RecognitionBasis if b.reservable} == {
        "20(1)(c)",
        "20(1)(e)",
        "20(1)(f)",
    }


def test_refusal_grounds_cover_article_22_a_to_f_art_22():
    articles = {g.article for g in RefusalGround}
    assert {f"22({x})" for x in "abcdef"} <= articles


def test_enforcement_measures_list_article_34_2_a_to_i_art_34():
    assert [m.article for m in EnforcementMeasure][:9] == [f"34(2)({x})" for x in "abcdefghi"]


def test_recognition_documents_are_those_of_article_25_and_30_3_art_25():
    for kind in DocumentKind:
        expected = kind.article.startswith(("25", "30(3)", "36(4)"))
        assert kind.listed_in_article_25 is expected, kind


def test_legal_bases_include_convention_regulation_and_reciprocity():
    assert {LegalBasis.HAGUE_2007, LegalBasis.EU_REGULATION_4_2009} < set(LegalBasis)
    assert LegalBasis.BILATERAL_OR_RECIPROCITY.value == "bilateral_or_reciprocity"


@pytest.mark.parametrize("enum_class", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_a_label_and_a_unique_value(enum_class: type[enum.Enum]):
    values = [member.value for member in enum_class]
    assert len(values) == len(set(values))
    for member in enum_class:
        assert str(member.label).strip(), member
        assert member.article is None or member.article.strip()


def test_choices_give_value_and_label_pairs():
    assert PartyRole.choices()[0] == ("creditor", PartyRole.CREDITOR.label)
