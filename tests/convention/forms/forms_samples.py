"""Sample form data: every field of a form filled in, and a realistic Transmittal form."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from convention.forms import Amount, Field, FieldType, FormDefinition

GREEK_NAME = "Παπαδοπούλου"
CYRILLIC_NAME = "Иванова"
SAMPLE_DATE = datetime.date(2024, 3, 5)


def _value(item: Field, index: int) -> Any:
    kind = item.type
    if kind is FieldType.TEXT:
        if item.key == "family_name":
            return (GREEK_NAME, CYRILLIC_NAME, "Müller")[index % 3]
        return f"{item.key.replace('_', ' ')} {index}"[: item.text_limit]
    if kind is FieldType.LONG_TEXT:
        return f"{item.key} line one\nline two, Ωμέγα, Жуков {index}"
    if kind is FieldType.TEXT_LIST:
        return (f"{item.key} first"[: item.text_limit], "second")
    if kind is FieldType.DATE:
        return SAMPLE_DATE + datetime.timedelta(days=index)
    if kind is FieldType.BOOLEAN:
        return True
    if kind is FieldType.INTEGER:
        return 3 + index
    if kind is FieldType.AMOUNT:
        return Amount(Decimal("1234.50") + index, "EUR")
    if kind is FieldType.MULTI_CHOICE:
        return item.choice_values()
    if kind is FieldType.CHOICE:
        return item.choice_values()[0]
    if kind is FieldType.GROUP:
        return [
            {sub.key: _value(sub, number) for sub in item.fields}
            for number in range(index, index + 2)
        ]
    raise AssertionError(kind)


def complete_values(definition: FormDefinition) -> dict[str, dict[str, Any]]:
    """Every field filled, consistent with the form's own rules (the applicant is a person,
    fields under a tick box only with that box ticked); no Art 40 determination."""
    values: dict[str, dict[str, Any]] = {}
    for section in definition.sections:
        section_values: dict[str, Any] = {}
        for index, item in enumerate(section.fields):
            if section.key == "notice":
                continue
            if section.key == "applicant" and item.key.startswith("public_body"):
                continue
            section_values[item.key] = _value(item, index)
        for item in section.fields:
            if item.under is not None:
                parent, value = item.under
                children = [f for f in section.fields if f.under and f.under[0] == parent]
                chosen = children[0].under[1]
                section_values[parent] = chosen
                if value != chosen:
                    section_values.pop(item.key, None)
        if section_values:
            values[section.key] = section_values
    return values


def transmittal_values(**notice: Any) -> dict[str, dict[str, Any]]:
    return {
        "notice": notice,
        "requesting_authority": {
            "name": "Bundesamt für Justiz",
            "address": "Adenauerallee 99-103\n53113 Bonn",
            "telephone": "+49 228 99410 40",
            "reference": "BfJ-2024-0001",
        },
        "contact_person": {"name": "Anna Schmidt", "languages": "de, en"},
        "requested_authority": {"name": "Υπουργείο Δικαιοσύνης", "address": "Athens"},
        "applicant": {
            "family_name": GREEK_NAME,
            "given_names": "Ελένη",
            "date_of_birth": "1985-03-05",
        },
        "persons": {
            "persons": [
                {
                    "family_name": CYRILLIC_NAME,
                    "given_names": "Мария",
                    "date_of_birth": "2015-06-01",
                },
                {"family_name": GREEK_NAME, "given_names": "Νίκος", "date_of_birth": "2017-01-31"},
            ]
        },
        "debtor": {"family_name": "Müller", "given_names": "Hans", "date_of_birth": "1980-12-24"},
        "application": {"application_type": "art_10_1_a"},
        "documents": {
            "article_25": ["decision_text", "statement_of_enforceability", "arrears_statement"],
            "other_documents": True,
            "other_documents_list": ["Birth certificate"],
        },
        "signature": {"name": "Anna Schmidt", "date": "2024-03-05"},
    }


def recognition_values(**notice: Any) -> dict[str, dict[str, Any]]:
    """An Application for Recognition with addresses of the applicant, the respondent and
    two children: the items an Art 40 determination can move."""
    return {
        "notice": notice,
        "reference": {"reference": "BfJ-2024-0002"},
        "applicant": {
            "applicant_is": "creditor",
            "family_name": GREEK_NAME,
            "given_names": "Ελένη",
            "address": "Odos Ermou 1\n10563 Athina",
            "telephone": "+30 210 000 0000",
            "email": "eleni@example.org",
        },
        "respondent": {
            "family_name": "Müller",
            "given_names": "Hans",
            "address": "Hauptstraße 5\n10115 Berlin",
        },
        "persons": {
            "persons": [
                {"family_name": CYRILLIC_NAME, "address": "Child address one"},
                {"family_name": GREEK_NAME, "address": "Child address two"},
            ]
        },
        "payment": {"account_holder": "Eleni P.", "account_number": "GR16 0110 1250 0000 0001"},
        "decision": {"authority": "Court of First Instance", "state_of_origin": "Greece"},
        "request": {"application_type": "art_10_1_a", "requested": "recognition_and_enforcement"},
        "signature": {"name": "Eleni Papadopoulou", "date": "2024-03-05"},
    }
