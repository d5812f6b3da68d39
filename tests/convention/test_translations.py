"""Labels and messages in French, Spanish, German and Portuguese (gettext catalogues)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import polib
import pytest
from babel.messages.extract import extract_from_dir
from django.utils import translation

from convention.validation import OutgoingCase, Party, validate_case
from convention.vocabulary import (
    ApplicationType,
    LegalBasis,
    MaintenanceObligation,
    PartyRole,
    Severity,
)
from convention.workflow import CaseState

PACKAGE = Path(__file__).resolve().parents[2] / "platform" / "convention"
LANGUAGES = ["fr", "es", "de", "pt"]
KEYWORDS = {"_": None, "gettext_lazy": None, "pgettext_lazy": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def _catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(PACKAGE / "locale" / language / "LC_MESSAGES" / "django.po"))


def _source_messages() -> set[tuple[str | None, str]]:
    """Every (context, msgid) marked in the engine's sources (the forms app has its own)."""
    found = set()
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(PACKAGE),
        method_map=[("forms/**", "ignore"), ("**.py", "python")],
        keywords=KEYWORDS,
    ):
        assert isinstance(message, str), (filename, message)
        found.add((context, message))
    return found


def test_validation_message_comes_out_in_french_art_11_1_b(registry):
    applicant = Party(
        key="mother",
        roles=frozenset({PartyRole.CREDITOR}),
        family_name="Silva",
        address="Porto",
        habitual_residence="XA",
        is_applicant=True,
    )
    case = OutgoingCase(
        legal_basis=LegalBasis.HAGUE_2007,
        requesting_state="XA",
        requested_state="XB",
        application_type=ApplicationType.CREDITOR_ESTABLISHMENT,
        parties=(applicant,),
    )
    findings = validate_case(case, on=date(2025, 3, 1), registry=registry)
    birth_date = next(f for f in findings if f.code == "art_11_1_b.applicant_date_of_birth")
    with translation.override("fr"):
        assert birth_date.message == (
            "Article 11(1)(b) : la date de naissance du demandeur est manquante."
        )
        assert str(Severity.ERROR.label) == "Erreur"
    with translation.override("en"):
        assert birth_date.message == "Article 11(1)(b): the applicant's date of birth is missing."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Personne pour laquelle des aliments sont demandés"),
        ("es", "Persona para quien se solicitan alimentos"),
        ("de", "Person, für die Unterhalt verlangt wird"),
        ("pt", "Pessoa para quem são pedidos alimentos"),
    ],
)
def test_labels_follow_the_active_language_art_11_1_d(language, expected):
    with translation.override(language):
        assert str(PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT.label) == expected
        assert str(CaseState.CLOSED.label) != "Closed"


def test_parameters_are_rendered_in_the_active_language_art_2_3(registry):
    case = OutgoingCase(
        legal_basis=LegalBasis.HAGUE_2007,
        requesting_state="XA",
        requested_state="XB",
        application_type=ApplicationType.CREDITOR_ESTABLISHMENT,
        maintenance=frozenset({MaintenanceObligation.VULNERABLE_PERSON}),
    )
    result = next(
        f
        for f in validate_case(case, on=date(2025, 3, 1), registry=registry)
        if f.code == "art_2_3.not_extended"
    )
    with translation.override("de"):
        assert "Unterhalt für eine schutzbedürftige Person" in result.message


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_translates_every_message_of_the_engine(language):
    catalogue = _catalogue(language)
    entries = {(e.msgctxt, e.msgid): e for e in catalogue if not e.obsolete}
    missing = _source_messages() - set(entries)
    assert not missing, sorted(m for _c, m in missing)
    for entry in entries.values():
        assert entry.msgstr.strip(), entry.msgid
        assert "fuzzy" not in entry.flags, entry.msgid
        assert sorted(PLACEHOLDER.findall(entry.msgstr)) == sorted(
            PLACEHOLDER.findall(entry.msgid)
        ), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_translated_messages_keep_the_article_number(language):
    for entry in _catalogue(language):
        for number in re.findall(r"\b\d+\(\d+\)(?:\([a-h]\))?", entry.msgid):
            assert number in entry.msgstr, (language, entry.msgid)
