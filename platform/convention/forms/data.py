"""Filling in a form: normalising and checking values, the Art 40 split, derived forms.

Values are language-neutral (codes, dates, amounts, free text as written); a form filled in one
language is read in another by translating only the labels.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from .catalogue import get_form
from .model import (
    Amount,
    Field,
    FieldType,
    FilledForm,
    FormDataError,
    FormDefinition,
    FormValues,
    Section,
)

# Characters XML 1.0 cannot carry, plus the other C0 controls: refused in any text value.
_ILLEGAL_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SUBJECT = re.compile(r"^([a-z][a-z0-9_]*)(?:\[([1-9][0-9]{0,3})\])?$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_MISSING = object()


def build_form(
    form: FormDefinition | str,
    values: Mapping[str, Mapping[str, Any]],
    *,
    language: str = "en",
    version: str | None = None,
) -> FilledForm:
    """A :class:`FilledForm` with ``values`` normalised: empty values dropped, text stripped,
    ISO dates and ``{"amount", "currency"}`` mappings converted, choices checked.

    Raises :class:`FormDataError` listing every value that does not fit the definition.
    Completeness is not checked here (drafts are allowed): see :func:`validate_form`.
    Recording persons in ``notice.non_disclosure_for`` ticks the Art 40 box.
    """
    definition = get_form(form, version) if isinstance(form, str) else form
    if not _LANGUAGE.match(language or ""):
        raise FormDataError([("language", f"not a language code: {language!r}")])
    errors: list[tuple[str, str]] = []
    if not isinstance(values, Mapping):
        raise FormDataError([("", "values must be a mapping of section keys")])
    normalised: FormValues = {}
    known_sections = {section.key: section for section in definition.sections}
    for section_key, section_values in values.items():
        section = known_sections.get(section_key)
        if section is None:
            errors.append((section_key, "no such section in this form"))
            continue
        if section_values is None:
            continue
        if not isinstance(section_values, Mapping):
            errors.append((section_key, "a section's values must be a mapping"))
            continue
        cleaned = _normalise_fields(section.fields, section_values, section_key, errors)
        if cleaned:
            normalised[section_key] = cleaned
    _normalise_determination(definition, normalised, errors)
    if errors:
        raise FormDataError(errors)
    return FilledForm(definition=definition, values=normalised, language=language)


def _normalise_fields(
    fields: Iterable[Field], values: Mapping[str, Any], prefix: str, errors: list
) -> dict[str, Any]:
    by_key = {f.key: f for f in fields}
    cleaned: dict[str, Any] = {}
    for key, raw in values.items():
        item = by_key.get(key)
        if item is None:
            errors.append((f"{prefix}.{key}", "no such field"))
            continue
        value = _coerce(item, raw, f"{prefix}.{key}", errors)
        if value is not _MISSING:
            cleaned[key] = value
    # Keep the definition's order, so equal data is equal whatever order it came in.
    return {f.key: cleaned[f.key] for f in fields if f.key in cleaned}


def _coerce(item: Field, raw: Any, path: str, errors: list) -> Any:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return _MISSING
    kind = item.type
    if kind in (FieldType.TEXT, FieldType.LONG_TEXT):
        return _text(item, raw, path, errors, multiline=kind is FieldType.LONG_TEXT)
    if kind is FieldType.TEXT_LIST:
        if isinstance(raw, str) or not isinstance(raw, Iterable):
            errors.append((path, "expected a list of lines"))
            return _MISSING
        lines = [_text(item, line, path, errors, multiline=False) for line in raw if line]
        lines = [line for line in lines if line is not _MISSING]
        if len(lines) > item.max_items:
            errors.append((path, f"at most {item.max_items} lines"))
        return tuple(lines) if lines else _MISSING
    if kind is FieldType.DATE:
        if isinstance(raw, datetime.datetime):
            errors.append((path, "expected a date, not a date and time"))
            return _MISSING
        if isinstance(raw, datetime.date):
            return raw
        if isinstance(raw, str):
            try:
                return datetime.date.fromisoformat(raw.strip())
            except ValueError:
                pass
        errors.append((path, "expected a date (YYYY-MM-DD)"))
        return _MISSING
    if kind is FieldType.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        errors.append((path, "expected true or false"))
        return _MISSING
    if kind is FieldType.INTEGER:
        if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= 99_999:
            return raw
        errors.append((path, "expected a whole number from 0 to 99999"))
        return _MISSING
    if kind is FieldType.CHOICE:
        if raw in item.choice_values():
            return raw
        errors.append((path, f"expected one of {', '.join(item.choice_values())}"))
        return _MISSING
    if kind is FieldType.MULTI_CHOICE:
        chosen = {raw} if isinstance(raw, str) else set(raw) if isinstance(raw, Iterable) else None
        if chosen is None or not chosen <= set(item.choice_values()):
            errors.append((path, f"expected values among {', '.join(item.choice_values())}"))
            return _MISSING
        ordered = tuple(value for value in item.choice_values() if value in chosen)
        return ordered or _MISSING
    if kind is FieldType.AMOUNT:
        return _amount(raw, path, errors)
    if kind is FieldType.GROUP:
        if isinstance(raw, (str, Mapping)) or not isinstance(raw, Iterable):
            errors.append((path, "expected a list of items"))
            return _MISSING
        items = []
        for index, entry in enumerate(raw, start=1):
            if not isinstance(entry, Mapping):
                errors.append((f"{path}[{index}]", "expected a mapping"))
                continue
            cleaned = _normalise_fields(item.fields, entry, f"{path}[{index}]", errors)
            if cleaned:
                items.append(cleaned)
        if len(items) > item.max_items:
            errors.append((path, f"at most {item.max_items} items"))
        return items or _MISSING
    raise AssertionError(kind)  # pragma: no cover


def _text(item: Field, raw: Any, path: str, errors: list, *, multiline: bool) -> Any:
    if not isinstance(raw, str):
        errors.append((path, "expected text"))
        return _MISSING
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return _MISSING
    if _ILLEGAL_TEXT.search(text) or ("\n" in text and not multiline):
        errors.append((path, "contains control characters or line breaks"))
        return _MISSING
    if len(text) > item.text_limit:
        errors.append((path, f"longer than {item.text_limit} characters"))
        return _MISSING
    return text


def _amount(raw: Any, path: str, errors: list) -> Any:
    if isinstance(raw, Mapping):
        try:
            raw = Amount(Decimal(str(raw["amount"])), str(raw["currency"]))
        except (KeyError, InvalidOperation, ValueError):
            raw = None
    if not isinstance(raw, Amount):
        errors.append((path, "expected an amount with a currency code"))
        return _MISSING
    exponent = raw.amount.as_tuple().exponent
    if abs(raw.amount) >= Decimal("1e15") or (isinstance(exponent, int) and exponent < -3):
        errors.append((path, "amount out of range (at most 15 digits and 3 decimals)"))
        return _MISSING
    return raw


def _normalise_determination(definition: FormDefinition, values: FormValues, errors: list) -> None:
    notice = values.get("notice", {})
    subjects = notice.get("non_disclosure_for", ())
    for subject in subjects:
        match = _SUBJECT.match(subject)
        if not match or match.group(1) not in definition.subjects:
            errors.append(
                (
                    "notice.non_disclosure_for",
                    f"{subject!r} is not a person of this form "
                    f"(one of {', '.join(definition.subjects) or 'none'})",
                )
            )
    if subjects and not notice.get("non_disclosure"):
        # Art 40: a determination recorded for a person is a determination on the form.
        ticked = {**notice, "non_disclosure": True}
        values["notice"] = {
            f.key: ticked[f.key] for f in definition.section("notice").fields if f.key in ticked
        }


def validate_form(filled: FilledForm) -> list[tuple[str, str]]:
    """What an outgoing form still lacks: required items, and the "or" of the applicant.

    Returns ``(path, message)`` pairs, empty when the form is complete. A field printed under a
    tick box of a choice (``Field.under``) may be filled only when that box is ticked.
    """
    problems: list[tuple[str, str]] = []
    for section in filled.definition.sections:
        values = filled.values.get(section.key, {})
        _required(section.fields, values, section.key, problems)
        for item in section.fields:
            if item.under and item.key in values and values.get(item.under[0]) != item.under[1]:
                problems.append(
                    (f"{section.key}.{item.key}", f"only with {item.under[0]} = {item.under[1]}")
                )
    _applicant_person_or_public_body(filled, problems)
    return problems


def _required(fields: Iterable[Field], values: Mapping, prefix: str, problems: list) -> None:
    for item in fields:
        path = f"{prefix}.{item.key}"
        if item.required and item.key not in values:
            problems.append((path, "required"))
        if item.type is FieldType.GROUP:
            for index, entry in enumerate(values.get(item.key, ()), start=1):
                _required(item.fields, entry, f"{path}[{index}]", problems)


def _applicant_person_or_public_body(filled: FilledForm, problems: list) -> None:
    try:
        section = filled.definition.section("applicant")
    except KeyError:
        return
    if "public_body_name" not in {f.key for f in section.fields}:
        return
    applicant = filled.values.get("applicant", {})
    public_body = applicant.get("applicant_is") == "public_body" or (
        "applicant_is" not in applicant and "public_body_name" in applicant
    )
    if public_body and "public_body_name" not in applicant:
        problems.append(("applicant.public_body_name", "required for a public body"))
    if not public_body and "family_name" not in applicant:
        problems.append(("applicant.family_name", "required (or the name of the public body)"))
    if public_body and "family_name" in applicant and "applicant_is" not in applicant:
        problems.append(("applicant", "either a person or a public body, not both"))


# --- Art 40 non-disclosure ----------------------------------------------------------------------


def non_disclosure_determined(filled: FilledForm) -> bool:
    """Whether the form records an Art 40 determination (the tick box of the notice)."""
    return bool(filled.get("notice.non_disclosure"))


def is_protected(filled: FilledForm, subject: str) -> bool:
    """Whether an Art 40 determination covers the person ``subject`` (e.g. ``"applicant"``,
    ``"persons[2]"``). A ticked box with no persons listed covers everyone on the form."""
    if not non_disclosure_determined(filled):
        return False
    covered = filled.get("notice.non_disclosure_for") or ()
    if not covered:
        return True
    base = subject.split("[", 1)[0]
    return subject in covered or base in covered


def _moves(filled: FilledForm, item: Field, group: Field | None, index: int | None) -> bool:
    if not item.restricted:
        return False
    if item.subject is not None:
        subject = item.subject
    elif group is not None:
        subject = f"{group.key}[{index}]"
    else:  # pragma: no cover - restricted fields always name their person outside groups
        subject = "*"
    return is_protected(filled, subject)


def split_restricted(filled: FilledForm) -> tuple[FormValues, FormValues]:
    """Art 40: ``(main, restricted)`` values. With a determination, the address and contact
    items of the persons it covers are only in ``restricted``; without one, ``restricted`` is
    empty. In ``restricted``, a group maps the 1-based item number to the moved sub-fields; in
    ``main`` a group keeps every item in place (possibly empty) so the numbers still match."""
    main: FormValues = {}
    restricted: FormValues = {}
    for section in filled.definition.sections:
        values = filled.values.get(section.key)
        if not values:
            continue
        kept: dict[str, Any] = {}
        moved: dict[str, Any] = {}
        for item in section.fields:
            if item.key not in values:
                continue
            value = values[item.key]
            if item.type is FieldType.GROUP:
                items, moved_items = _split_group(filled, item, value)
                kept[item.key] = items
                if moved_items:
                    moved[item.key] = moved_items
            elif _moves(filled, item, None, None):
                moved[item.key] = value
            else:
                kept[item.key] = value
        if kept:
            main[section.key] = kept
        if moved:
            restricted[section.key] = moved
    return main, restricted


def _split_group(
    filled: FilledForm, group: Field, entries: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], dict[int, dict[str, Any]]]:
    kept_items = []
    moved_items: dict[int, dict[str, Any]] = {}
    for index, entry in enumerate(entries, start=1):
        kept_entry, moved_entry = {}, {}
        for sub in group.fields:
            if sub.key in entry:
                if _moves(filled, sub, group, index):
                    moved_entry[sub.key] = entry[sub.key]
                else:
                    kept_entry[sub.key] = entry[sub.key]
        kept_items.append(kept_entry)
        if moved_entry:
            moved_items[index] = moved_entry
    return kept_items, moved_items


def merge_restricted(
    definition: FormDefinition, main: Mapping[str, Any], restricted: Mapping[str, Any]
) -> FormValues:
    """The inverse of :func:`split_restricted`: put the restricted items back in place."""
    merged: FormValues = {key: dict(value) for key, value in main.items()}
    for section in definition.sections:
        moved = restricted.get(section.key)
        if not moved:
            continue
        target = merged.setdefault(section.key, {})
        for item in section.fields:
            if item.key not in moved:
                continue
            if item.type is FieldType.GROUP:
                entries = [dict(entry) for entry in target.get(item.key, [])]
                for index, moved_entry in moved[item.key].items():
                    while len(entries) < index:
                        entries.append({})
                    entries[index - 1].update(moved_entry)
                target[item.key] = entries
            else:
                target[item.key] = moved[item.key]
        merged[section.key] = _ordered(section, target)
    return merged


def _ordered(section: Section, values: Mapping[str, Any]) -> dict[str, Any]:
    result = {}
    for item in section.fields:
        if item.key not in values:
            continue
        value = values[item.key]
        if item.type is FieldType.GROUP:
            value = [{sub.key: e[sub.key] for sub in item.fields if sub.key in e} for e in value]
        result[item.key] = value
    return result


# --- Derived forms ------------------------------------------------------------------------------


def acknowledgement_values_from_transmittal(transmittal: FilledForm) -> FormValues:
    """Sections 3 and 4 of the Acknowledgement (Annex 2) taken from a received Transmittal
    form (Annex 1): the persons appear by their family names only, as Annex 2 has it."""
    if transmittal.definition.code != "transmittal":
        raise ValueError("expected a Transmittal form (Annex 1)")
    get = transmittal.get
    applicant = get("applicant.family_name") or get("applicant.public_body_name")
    if get("persons.same_as_applicant"):
        persons = [applicant] if applicant else []
    else:
        persons = [entry["family_name"] for entry in get("persons.persons", [])]
    debtor = applicant if get("debtor.same_as_applicant") else get("debtor.family_name")
    return {
        "requesting_authority": {
            "name": get("requesting_authority.name"),
            "contact_person": get("contact_person.name"),
            "address": get("requesting_authority.address"),
        },
        "receipt": {
            "transmittal_reference": get("requesting_authority.reference"),
            "transmittal_dated": get("signature.date"),
            "application_type": get("application.application_type"),
            "applicant_family_names": applicant,
            "persons_family_names": persons,
            "debtor_family_names": debtor,
        },
    }
