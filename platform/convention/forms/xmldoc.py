"""The XML representation of the forms, its XSDs, and safe parsing of incoming documents.

Each form version has its own target namespace, ``urn:isupport:forms:<code>:<version>``, and its
own schema in ``schemas/<code>-<version>.xsd``, generated from the definition by
:func:`schema_text` (``python -m convention.forms.xmldoc`` rewrites the files; a test checks they
are up to date). A document's root is ``form``; when an Art 40 determination moves address and
contact items out of it, they travel in a separate ``restricted_information`` document of the
same namespace, and the form's root says ``restricted_information="separate"``.

Every document is validated against its schema on the way out and on the way in. Incoming XML
is refused, with a :class:`FormDocumentError` saying why, when it is larger than the size limit
(checked before any parsing), carries a DOCTYPE or entity declaration (no XXE, no entity
expansion), is not UTF-8, is not well-formed, is in an unknown namespace, or is not valid.
"""

from __future__ import annotations

import datetime
import functools
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from lxml import etree

from .catalogue import FORMS, form_for_namespace
from .data import build_form, merge_restricted, split_restricted, validate_form
from .labels import translate
from .model import (
    Amount,
    Field,
    FieldType,
    FilledForm,
    FormDataError,
    FormDefinition,
    FormDocumentError,
    Section,
)

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
XS = "http://www.w3.org/2001/XMLSchema"
_LANGUAGE_PATTERN = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"


@dataclass(frozen=True)
class FormXml:
    """A serialised form: the main document, and the Art 40 restricted-information document
    (``None`` when no item had to leave the form)."""

    main: bytes
    restricted: bytes | None = None


# --- Schemas ----------------------------------------------------------------------------------


def schema_text(definition: FormDefinition) -> str:
    """The XSD of ``definition`` (deterministic: the committed schema files are its output)."""
    nsmap = {"xs": XS, "f": definition.namespace}
    schema = etree.Element(
        _xs("schema"),
        nsmap=nsmap,
        targetNamespace=definition.namespace,
        elementFormDefault="qualified",
        attributeFormDefault="unqualified",
        version=definition.version,
    )
    documentation = etree.SubElement(
        etree.SubElement(schema, _xs("annotation")), _xs("documentation")
    )
    documentation.text = (
        f"{translate(definition.title, 'en')} ({definition.legal_basis}); catalogue form "
        f"{definition.code!r}, version {definition.version!r}; {definition.source}. "
        "Generated from convention/forms by schema_text(): do not edit by hand."
    )
    etree.SubElement(schema, _xs("element"), name="form", type="f:Form")
    restricted = definition.has_restricted_items
    if restricted:
        etree.SubElement(
            schema, _xs("element"), name="restricted_information", type="f:RestrictedInformation"
        )
    _root_type(schema, definition, "Form", restricted_only=False)
    if restricted:
        _root_type(schema, definition, "RestrictedInformation", restricted_only=True)
    _common_types(schema)
    return etree.tostring(schema, pretty_print=True, encoding="unicode")


def _xs(name: str) -> str:
    return f"{{{XS}}}{name}"


def _root_type(
    schema: etree._Element, definition: FormDefinition, name: str, *, restricted_only: bool
) -> None:
    complex_type = etree.SubElement(schema, _xs("complexType"), name=name)
    sequence = etree.SubElement(complex_type, _xs("sequence"))
    for section in definition.sections:
        fields = [f for f in section.fields if _has_restricted(f)] if restricted_only else None
        if restricted_only and not fields:
            continue
        required = not restricted_only and any(_required_in_main(f) for f in section.fields)
        element = etree.SubElement(
            sequence, _xs("element"), name=section.key, minOccurs="1" if required else "0"
        )
        section_sequence = etree.SubElement(
            etree.SubElement(element, _xs("complexType")), _xs("sequence")
        )
        for item in fields if restricted_only else section.fields:
            _field_element(section_sequence, item, restricted_only=restricted_only)
    for attribute, fixed in (("code", definition.code), ("version", definition.version)):
        etree.SubElement(
            complex_type,
            _xs("attribute"),
            name=attribute,
            type="xs:string",
            use="required",
            fixed=fixed,
        )
    etree.SubElement(
        complex_type, _xs("attribute"), name="language", type="f:Language", use="required"
    )
    if not restricted_only and definition.has_restricted_items:
        etree.SubElement(
            complex_type, _xs("attribute"), name="restricted_information", type="f:Separate"
        )


def _has_restricted(item: Field) -> bool:
    return item.restricted or any(sub.restricted for sub in item.fields)


def _required_in_main(item: Field) -> bool:
    return item.required and not item.restricted and item.under is None


def _field_element(parent: etree._Element, item: Field, *, restricted_only: bool) -> None:
    required = not restricted_only and _required_in_main(item)
    element = etree.SubElement(
        parent, _xs("element"), name=item.key, minOccurs="1" if required else "0"
    )
    kind = item.type
    if kind in (FieldType.TEXT, FieldType.LONG_TEXT):
        _text_type(element, item)
    elif kind is FieldType.TEXT_LIST:
        line = _repeated(element, "line", item.max_items, minimum=1)
        _text_type(line, item)
    elif kind is FieldType.DATE:
        element.set("type", "f:Date")
    elif kind is FieldType.BOOLEAN:
        element.set("type", "xs:boolean")
    elif kind is FieldType.INTEGER:
        element.set("type", "f:Count")
    elif kind is FieldType.AMOUNT:
        element.set("type", "f:Amount")
    elif kind is FieldType.CHOICE:
        _enumeration(element, item)
    elif kind is FieldType.MULTI_CHOICE:
        _enumeration(_repeated(element, "value", len(item.choices), minimum=1), item)
    elif kind is FieldType.GROUP:
        entry = _repeated(element, "item", item.max_items, minimum=0 if restricted_only else 1)
        entry_type = etree.SubElement(entry, _xs("complexType"))
        entry_sequence = etree.SubElement(entry_type, _xs("sequence"))
        for sub in item.fields:
            if not restricted_only or sub.restricted:
                _field_element(entry_sequence, sub, restricted_only=restricted_only)
        etree.SubElement(
            entry_type, _xs("attribute"), name="index", type="xs:positiveInteger", use="required"
        )
    else:  # pragma: no cover
        raise AssertionError(kind)


def _repeated(element: etree._Element, name: str, maximum: int, *, minimum: int) -> etree._Element:
    sequence = etree.SubElement(etree.SubElement(element, _xs("complexType")), _xs("sequence"))
    return etree.SubElement(
        sequence, _xs("element"), name=name, minOccurs=str(minimum), maxOccurs=str(maximum)
    )


def _text_type(element: etree._Element, item: Field) -> None:
    restriction = etree.SubElement(
        etree.SubElement(element, _xs("simpleType")), _xs("restriction"), base="xs:string"
    )
    etree.SubElement(restriction, _xs("minLength"), value="1")
    etree.SubElement(restriction, _xs("maxLength"), value=str(item.text_limit))
    if item.type is not FieldType.LONG_TEXT:
        etree.SubElement(restriction, _xs("pattern"), value="[^\\n\\r]*")


def _enumeration(element: etree._Element, item: Field) -> None:
    restriction = etree.SubElement(
        etree.SubElement(element, _xs("simpleType")), _xs("restriction"), base="xs:string"
    )
    for value in item.choice_values():
        etree.SubElement(restriction, _xs("enumeration"), value=value)


def _common_types(schema: etree._Element) -> None:
    def simple(name: str, base: str, **facets: str) -> None:
        restriction = etree.SubElement(
            etree.SubElement(schema, _xs("simpleType"), name=name), _xs("restriction"), base=base
        )
        for facet, value in facets.items():
            etree.SubElement(restriction, _xs(facet), value=value)

    simple("Language", "xs:string", pattern=_LANGUAGE_PATTERN)
    simple("Date", "xs:date", pattern="[0-9]{4}-[0-9]{2}-[0-9]{2}")
    simple("Count", "xs:integer", minInclusive="0", maxInclusive="99999")
    simple("Currency", "xs:string", pattern="[A-Z]{3}")
    simple("Separate", "xs:string", enumeration="separate")
    simple("AmountValue", "xs:decimal", totalDigits="18", fractionDigits="3")
    amount = etree.SubElement(schema, _xs("complexType"), name="Amount")
    extension = etree.SubElement(
        etree.SubElement(amount, _xs("simpleContent")), _xs("extension"), base="f:AmountValue"
    )
    etree.SubElement(
        extension, _xs("attribute"), name="currency", type="f:Currency", use="required"
    )


def schema_path(definition: FormDefinition) -> Path:
    return SCHEMA_DIR / definition.schema_filename


@functools.cache
def _schema(definition: FormDefinition) -> etree.XMLSchema:
    data = schema_path(definition).read_bytes()
    return etree.XMLSchema(etree.fromstring(data, _safe_parser()))


def write_schemas() -> list[Path]:
    """Rewrite every committed XSD from the catalogue; returns the files written."""
    written = []
    for definition in FORMS:
        path = schema_path(definition)
        path.write_text(schema_text(definition), encoding="utf-8")
        written.append(path)
    return written


# --- Serialising --------------------------------------------------------------------------------


def form_to_xml(filled: FilledForm) -> FormXml:
    """The form as schema-valid XML; with an Art 40 determination, the address and contact
    items of the persons it covers go only to :attr:`FormXml.restricted`.

    Raises :class:`FormDataError` when the form is incomplete (:func:`validate_form`): only a
    complete form leaves.
    """
    problems = validate_form(filled)
    if problems:
        raise FormDataError(problems)
    definition = filled.definition
    main_values, restricted_values = split_restricted(filled)
    main = _document(definition, "form", main_values, filled.language)
    if restricted_values:
        main.set("restricted_information", "separate")
    restricted = (
        _document(definition, "restricted_information", restricted_values, filled.language)
        if restricted_values
        else None
    )
    documents = []
    for root in (main, restricted):
        if root is None:
            documents.append(None)
            continue
        _validate(definition, root, direction="outgoing")
        documents.append(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return FormXml(main=documents[0], restricted=documents[1])


def _document(
    definition: FormDefinition, root_name: str, values: Mapping[str, Any], language: str
) -> etree._Element:
    ns = definition.namespace
    root = etree.Element(f"{{{ns}}}{root_name}", nsmap={None: ns})
    root.set("code", definition.code)
    root.set("version", definition.version)
    root.set("language", language)
    for section in definition.sections:
        section_values = values.get(section.key)
        if not section_values:
            continue
        element = etree.SubElement(root, f"{{{ns}}}{section.key}")
        _write_fields(element, section.fields, section_values, ns)
    return root


def _write_fields(
    parent: etree._Element, fields: tuple[Field, ...], values: Mapping[str, Any], ns: str
) -> None:
    for item in fields:
        if item.key not in values:
            continue
        value = values[item.key]
        element = etree.SubElement(parent, f"{{{ns}}}{item.key}")
        kind = item.type
        if kind is FieldType.TEXT_LIST:
            for line in value:
                etree.SubElement(element, f"{{{ns}}}line").text = line
        elif kind is FieldType.MULTI_CHOICE:
            for choice in value:
                etree.SubElement(element, f"{{{ns}}}value").text = choice
        elif kind is FieldType.GROUP:
            entries = value.items() if isinstance(value, Mapping) else enumerate(value, start=1)
            for index, entry in entries:
                child = etree.SubElement(element, f"{{{ns}}}item", index=str(index))
                _write_fields(child, item.fields, entry, ns)
        elif kind is FieldType.AMOUNT:
            element.text = str(value.amount)
            element.set("currency", value.currency)
        elif kind is FieldType.BOOLEAN:
            element.text = "true" if value else "false"
        elif kind is FieldType.DATE:
            element.text = value.isoformat()
        else:
            element.text = str(value)


def _validate(definition: FormDefinition, root: etree._Element, *, direction: str) -> None:
    schema = _schema(definition)
    if not schema.validate(root):
        error = schema.error_log.last_error
        detail = f"line {error.line}: {error.message}" if error else "invalid"
        raise FormDocumentError(
            f"{direction} document does not conform to the schema "
            f"{definition.schema_filename}: {detail}"
        )


# --- Parsing --------------------------------------------------------------------------------------


def _safe_parser() -> etree.XMLParser:
    # ``encoding`` overrides the document's own declaration: bytes are read as UTF-8 whatever
    # they claim, so a DOCTYPE cannot hide from the check in parse_document behind another
    # encoding (UTF-7, EBCDIC).
    return etree.XMLParser(
        encoding="utf-8",
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


def read_limited(source: bytes | bytearray | BinaryIO, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """At most ``max_bytes`` of ``source``, or :class:`FormDocumentError` if it is larger.

    The size is checked before anything is parsed; a stream is read no further than one byte
    past the limit, so an oversize upload costs no more memory than the limit.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        if len(source) > max_bytes:
            raise FormDocumentError(
                f"document too large: {len(source)} bytes, the limit is {max_bytes} bytes"
            )
        return bytes(source)
    if isinstance(source, str):
        raise FormDocumentError("pass the document as bytes (UTF-8), not as text")
    data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FormDocumentError(f"document too large: more than the limit of {max_bytes} bytes")
    return data


def parse_document(
    source: bytes | bytearray | BinaryIO, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> etree._Element:
    """Parse untrusted XML safely (see the module docstring); returns the root element."""
    data = read_limited(source, max_bytes)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4]:
        raise FormDocumentError("document must be encoded in UTF-8")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise FormDocumentError(
            "document refused: it contains a DOCTYPE or entity declaration, which form "
            "documents never carry (protection against external entities and entity expansion)"
        )
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as error:
        raise FormDocumentError(f"document is not well-formed XML: {error}") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise FormDocumentError("document refused: it contains a DOCTYPE")
    if docinfo.encoding and docinfo.encoding.upper() not in ("UTF-8", "UTF8", "US-ASCII", "ASCII"):
        raise FormDocumentError(f"document must be encoded in UTF-8, not {docinfo.encoding}")
    return root


def form_from_xml(
    main: bytes | bytearray | BinaryIO,
    restricted: bytes | bytearray | BinaryIO | None = None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    expected_code: str | None = None,
) -> FilledForm:
    """Parse, check and validate a received form document (and its Art 40
    restricted-information document, if one came with it) back into a :class:`FilledForm`.

    Raises :class:`FormDocumentError` for any refused document (see the module docstring), or
    when the document is not the ``expected_code`` form.
    """
    root = parse_document(main, max_bytes=max_bytes)
    definition = _definition_for(root, "form")
    if expected_code is not None and definition.code != expected_code:
        raise FormDocumentError(
            f"expected a {expected_code!r} form, received a {definition.code!r} form"
        )
    _validate(definition, root, direction="incoming")
    values = _groups_as_lists(definition, _read_section_values(root, definition))
    if restricted is not None:
        restricted_root = parse_document(restricted, max_bytes=max_bytes)
        restricted_definition = _definition_for(restricted_root, "restricted_information")
        if restricted_definition is not definition:
            raise FormDocumentError(
                "the restricted-information document belongs to another form "
                f"({restricted_definition.code} {restricted_definition.version})"
            )
        _validate(definition, restricted_root, direction="incoming")
        values = merge_restricted(
            definition, values, _read_section_values(restricted_root, definition)
        )
    try:
        return build_form(definition, values, language=root.get("language"))
    except FormDataError as error:
        raise FormDocumentError(f"document content refused: {error}") from None


def _definition_for(root: etree._Element, expected_root: str) -> FormDefinition:
    qname = etree.QName(root)
    definition = form_for_namespace(qname.namespace or "")
    if definition is None:
        known = ", ".join(sorted(form.namespace for form in FORMS))
        raise FormDocumentError(
            f"unexpected namespace {qname.namespace!r}: not a form of the catalogue "
            f"(known namespaces: {known})"
        )
    if qname.localname != expected_root:
        raise FormDocumentError(
            f"unexpected root element {qname.localname!r}, expected {expected_root!r}"
        )
    return definition


def _read_section_values(root: etree._Element, definition: FormDefinition) -> dict[str, Any]:
    values: dict[str, Any] = {}
    sections = {section.key: section for section in definition.sections}
    for element in root:
        section: Section = sections[etree.QName(element).localname]
        values[section.key] = _read_fields(element, {f.key: f for f in section.fields})
    return values


def _read_fields(parent: etree._Element, fields: Mapping[str, Field]) -> Any:
    values: dict[str, Any] = {}
    for element in parent:
        item = fields[etree.QName(element).localname]
        kind = item.type
        if kind in (FieldType.TEXT_LIST, FieldType.MULTI_CHOICE):
            values[item.key] = tuple(child.text or "" for child in element)
        elif kind is FieldType.GROUP:
            subfields = {sub.key: sub for sub in item.fields}
            entries: dict[int, Any] = {}
            for child in element:
                index = int(child.get("index"))
                # The schema bounds the number of items, not their numbers: an unchecked
                # index="99999999" would make the reader build that many empty items.
                if index > item.max_items or index in entries:
                    raise FormDocumentError(
                        f"{item.key}: item index {index} is repeated or above the "
                        f"{item.max_items} items the form allows"
                    )
                entries[index] = _read_fields(child, subfields)
            values[item.key] = entries
        elif kind is FieldType.AMOUNT:
            values[item.key] = Amount(Decimal(element.text.strip()), element.get("currency"))
        elif kind is FieldType.BOOLEAN:
            values[item.key] = element.text.strip() in ("true", "1")
        elif kind is FieldType.DATE:
            values[item.key] = datetime.date.fromisoformat(element.text.strip())
        elif kind is FieldType.INTEGER:
            values[item.key] = int(element.text)
        else:
            values[item.key] = element.text or ""
    return values


def _groups_as_lists(definition: FormDefinition, values: dict[str, Any]) -> dict[str, Any]:
    """Groups read from XML are ``{index: item}``; the form data model uses lists."""
    for section in definition.sections:
        section_values = values.get(section.key, {})
        for item in section.fields:
            if item.type is FieldType.GROUP and item.key in section_values:
                numbered = section_values[item.key]
                size = max(numbered, default=0)
                section_values[item.key] = [numbered.get(i, {}) for i in range(1, size + 1)]
    return values


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_I18N=True, INSTALLED_APPS=["convention.forms"])
        django.setup()
    for path in write_schemas():
        sys.stdout.write(f"wrote {path}\n")
