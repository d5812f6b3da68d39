"""The forms catalogue of the 2007 Hague Child Support Convention.

The mandatory Transmittal (Annex 1) and Acknowledgement (Annex 2) forms, exactly as annexed, and
the recommended forms as far as the project knows them, each versioned (Art 55), with sections,
typed fields with stable keys, required items and the Art 40 restricted (address and contact)
items. From one definition come: labels in English, French, Spanish, German and Portuguese; an
XML representation with the project's own XSD per form, validated both ways and parsed safely;
a PDF rendering in any of the five languages; and the Art 40 split onto a separate
restricted-information page or document.

Legal form labels are kept in a gettext catalogue of their own (``convention/forms/locale``,
this app's ``django.po``, every label under the message context ``"convention form"``),
separate from the user-interface strings, because they are reviewed against the official texts
of the forms rather than translated like the interface; the catalogue's comments say which
labels are official text and which are unofficial translations.

This package imports nothing from Django's ORM (``django.db``, ``django.contrib``) or from other
project apps: only ``django.utils.translation`` and pure Python, with lxml, fpdf2 and Babel.

Typical use by case management::

    filled = build_form("transmittal", values, language="de")
    problems = validate_form(filled)            # [] when complete
    documents = form_to_xml(filled)             # .main, .restricted (Art 40) as bytes
    received = form_from_xml(documents.main, documents.restricted)
    pdf = render_pdf(received, "fr")            # .main, .restricted as PDF bytes
"""

from .catalogue import FORMS, form_codes, get_form
from .data import (
    acknowledgement_values_from_transmittal,
    build_form,
    is_protected,
    merge_restricted,
    non_disclosure_determined,
    split_restricted,
    validate_form,
)
from .labels import LANGUAGES
from .model import (
    Amount,
    Choice,
    Field,
    FieldType,
    FilledForm,
    FormDataError,
    FormDefinition,
    FormDocumentError,
    FormStatus,
    Section,
)
from .pdf import FormPdf, render_pdf
from .xmldoc import (
    DEFAULT_MAX_BYTES,
    FormXml,
    form_from_xml,
    form_to_xml,
    parse_document,
    schema_path,
    schema_text,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMS",
    "LANGUAGES",
    "Amount",
    "Choice",
    "Field",
    "FieldType",
    "FilledForm",
    "FormDataError",
    "FormDefinition",
    "FormDocumentError",
    "FormPdf",
    "FormStatus",
    "FormXml",
    "Section",
    "acknowledgement_values_from_transmittal",
    "build_form",
    "form_codes",
    "form_from_xml",
    "form_to_xml",
    "get_form",
    "is_protected",
    "merge_restricted",
    "non_disclosure_determined",
    "parse_document",
    "render_pdf",
    "schema_path",
    "schema_text",
    "split_restricted",
    "validate_form",
]
