"""The shapes of the catalogue: forms, sections, fields, and a filled-in form.

A form definition is data, not code: the XSD, the XML serialiser and parser, the PDF renderer and
the Art 40 split are all derived from it, so a field added here appears everywhere at once.

Field keys are stable identifiers: they are element names in the XML and keys in stored data.
Never rename one inside a published version; publish a new version of the form instead (Art 55:
the annexed forms are amended by a Special Commission, so every form is versioned).
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# Element names the XML uses for the members of repeated fields; a field may not be called so.
RESERVED_KEYS = frozenset({"item", "line", "value"})


class FieldType(enum.StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"  # several lines, e.g. an address
    TEXT_LIST = "text_list"  # repeated short lines ("......" lines on the paper forms)
    DATE = "date"
    CHOICE = "choice"  # exactly one of enumerated values (a group of tick boxes, one ticked)
    MULTI_CHOICE = "multi_choice"  # any number of enumerated values
    BOOLEAN = "boolean"  # a single tick box
    INTEGER = "integer"  # a non-negative count
    AMOUNT = "amount"  # a decimal amount with an ISO 4217 currency code
    GROUP = "group"  # a repeated group of sub-fields, e.g. persons


class FormStatus(enum.StrEnum):
    MANDATORY = "mandatory"  # annexed to the Convention (Art 12(2), 12(3))
    RECOMMENDED = "recommended"  # HCCH recommended form (Art 11(4), 25(3)(b))


@dataclass(frozen=True)
class Amount:
    """Money is a Decimal with a currency code, never a float."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise ValueError("Amount.amount must be a finite Decimal")
        if not re.fullmatch(r"[A-Z]{3}", self.currency or ""):
            raise ValueError("Amount.currency must be an ISO 4217 code such as 'EUR'")


@dataclass(frozen=True)
class Choice:
    """A tick box. ``value`` is usually a member of a ``convention.vocabulary`` enum, so the
    codes of the forms are those the engine and the database use; it is stored as a plain
    string. ``label`` is the form's own (lazy, translatable) wording of the box."""

    value: str
    label: Any

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", str(self.value))


@dataclass(frozen=True)
class Field:
    """One item of a form.

    ``restricted`` marks an address or contact item (Art 40): when a non-disclosure determination
    covers its ``subject`` (the person the item is about), the item leaves the form and appears
    only on the separate restricted-information page. Inside a group, a restricted sub-field
    without its own ``subject`` belongs to the person the group item describes.
    """

    key: str
    label: Any
    type: FieldType = FieldType.TEXT
    number: str = ""  # the lettering on the paper form: "a.", "b.", "i."
    required: bool = False
    restricted: bool = False
    subject: str | None = None
    choices: tuple[Choice, ...] = ()
    fields: tuple[Field, ...] = ()  # sub-fields of a GROUP
    max_items: int = 50  # GROUP, TEXT_LIST, MULTI_CHOICE
    max_length: int = 0  # TEXT / LONG_TEXT / TEXT_LIST lines; 0: the type's default
    hint: Any = None  # e.g. "(dd/mm/yyyy)", "(in block letters)"
    intro: Any = None  # a sentence printed before the field (sub-headings of the annexes)
    show_label: bool = True  # False where the section's running text already introduces it
    # (choice field key, value): the field belongs under that tick box of a choice field and is
    # printed there, as in Annex 2 section 5.
    under: tuple[str, str] | None = None

    def __post_init__(self) -> None:
        if not KEY_PATTERN.match(self.key) or self.key in RESERVED_KEYS:
            raise ValueError(f"invalid field key {self.key!r}")
        if (self.type in (FieldType.CHOICE, FieldType.MULTI_CHOICE)) != bool(self.choices):
            raise ValueError(f"{self.key}: choices go with choice fields and only with them")
        if (self.type is FieldType.GROUP) != bool(self.fields):
            raise ValueError(f"{self.key}: sub-fields go with group fields and only with them")
        if self.restricted and self.type is FieldType.GROUP:
            raise ValueError(f"{self.key}: mark the group's sub-fields restricted, not the group")

    @property
    def text_limit(self) -> int:
        if self.max_length:
            return self.max_length
        return 4000 if self.type is FieldType.LONG_TEXT else 500

    def choice_values(self) -> tuple[str, ...]:
        return tuple(choice.value for choice in self.choices)

    def subfield(self, key: str) -> Field:
        for sub in self.fields:
            if sub.key == key:
                return sub
        raise KeyError(key)


@dataclass(frozen=True)
class Section:
    key: str
    title: Any  # None where the annex numbers the section without a heading
    fields: tuple[Field, ...]
    number: str = ""
    text: Any = None  # paragraph(s) printed after the title (the annexes' running text)
    closing_text: Any = None  # a paragraph printed after the fields
    # Keys of fields whose values fill, in order, the "......" blanks of ``text`` in the PDF.
    inline_fields: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not KEY_PATTERN.match(self.key) or self.key in RESERVED_KEYS:
            raise ValueError(f"invalid section key {self.key!r}")
        keys = [f.key for f in self.fields]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate field keys in section {self.key}")
        for item in self.fields:
            if item.under is not None:
                parent = self.field(item.under[0])
                if item.under[1] not in parent.choice_values():
                    raise ValueError(f"{self.key}.{item.key}: no tick box {item.under}")
        for key in self.inline_fields:
            self.field(key)

    def field(self, key: str) -> Field:
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        raise KeyError(f"{self.key}.{key}")


@dataclass(frozen=True)
class FormDefinition:
    """A form of the catalogue, in one version.

    ``layout_confirmed`` is False where the layout is reconstructed from the Convention and
    secondary sources rather than taken from the published form (see docs/convention.md).
    """

    code: str
    version: str
    title: Any
    legal_basis: str  # articles, e.g. "Art 12(2), Annex 1"
    status: FormStatus
    sections: tuple[Section, ...]
    effective_from: datetime.date
    layout_confirmed: bool
    source: str  # where the layout comes from
    effective_to: datetime.date | None = None
    subjects: tuple[str, ...] = field(default=())  # persons an Art 40 determination may cover

    def __post_init__(self) -> None:
        keys = [s.key for s in self.sections]
        if len(keys) != len(set(keys)):
            raise ValueError(f"duplicate section keys in form {self.code}")

    @property
    def namespace(self) -> str:
        """The XML target namespace: one per form and version."""
        return f"urn:isupport:forms:{self.code}:{self.version}"

    @property
    def schema_filename(self) -> str:
        return f"{self.code}-{self.version}.xsd"

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(f"{self.code} has no section {key!r}")

    def field(self, path: str) -> Field:
        """The field at ``"section.field"`` or ``"section.group.subfield"``."""
        section_key, _, rest = path.partition(".")
        parts = rest.split(".")
        found = self.section(section_key).field(parts[0])
        for part in parts[1:]:
            found = found.subfield(part)
        return found

    def iter_fields(self) -> Iterator[tuple[str, Field]]:
        """Every field (group sub-fields included) with its dotted path."""
        for section in self.sections:
            for item in section.fields:
                yield f"{section.key}.{item.key}", item
                for sub in item.fields:
                    yield f"{section.key}.{item.key}.{sub.key}", sub

    @property
    def has_restricted_items(self) -> bool:
        return any(f.restricted for _, f in self.iter_fields())

    def effective_on(self, day: datetime.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day < self.effective_to)


FormValues = dict[str, dict[str, Any]]


@dataclass(frozen=True)
class FilledForm:
    """A form with its data, language-neutral: only labels are translated, never the values.

    ``values`` maps section keys to ``{field key: value}``; a group's value is a list of dicts,
    a text list's and a multi-choice's a tuple of strings, an amount an :class:`Amount`, a date a
    ``datetime.date``. Build one with :func:`convention.forms.build_form`, which normalises and
    checks the values. ``language`` is the language the free text was written in.
    """

    definition: FormDefinition
    values: Mapping[str, Mapping[str, Any]]
    language: str = "en"

    def get(self, path: str, default: Any = None) -> Any:
        section_key, _, field_key = path.partition(".")
        return self.values.get(section_key, {}).get(field_key, default)


class FormDataError(ValueError):
    """Form data that does not fit its form definition; ``errors`` lists ``(path, message)``."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{path}: {message}" for path, message in errors))


class FormDocumentError(ValueError):
    """An XML form document that is refused: too large, not well-formed, carrying a DOCTYPE,
    in an unexpected namespace, or not valid against the form's schema."""
