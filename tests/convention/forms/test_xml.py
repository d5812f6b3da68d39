"""XML: round trips and schema checks for every form in every language; hostile input refused."""

from __future__ import annotations

import io
import time
import tracemalloc

import pytest
from forms_samples import complete_values, transmittal_values
from lxml import etree

from convention.forms import (
    FORMS,
    LANGUAGES,
    FormDataError,
    FormDocumentError,
    build_form,
    form_from_xml,
    form_to_xml,
    get_form,
    schema_path,
    schema_text,
)

TRANSMITTAL_NS = get_form("transmittal").namespace


def _schema(definition):
    return etree.XMLSchema(etree.parse(str(schema_path(definition))))


@pytest.mark.parametrize("definition", FORMS, ids=lambda form: form.code)
def test_every_form_round_trips_through_schema_valid_xml_in_every_language(definition):
    schema = _schema(definition)
    values = complete_values(definition)
    for language in LANGUAGES:
        filled = build_form(definition, values, language=language)
        documents = form_to_xml(filled)
        assert documents.restricted is None
        root = etree.fromstring(documents.main)
        assert schema.validate(root), schema.error_log
        assert root.get("language") == language
        assert etree.QName(root).namespace == definition.namespace
        parsed = form_from_xml(documents.main)
        assert parsed.values == filled.values
        assert parsed.language == language
        assert parsed.definition is definition


def test_committed_schemas_are_generated_from_the_catalogue():
    """The XSDs are the project's own: regenerate with ``python -m convention.forms.xmldoc``."""
    for definition in FORMS:
        assert schema_path(definition).read_text(encoding="utf-8") == schema_text(definition), (
            definition.schema_filename
        )


def test_incomplete_form_does_not_leave_art_12_2():
    filled = build_form("transmittal", {"applicant": {"family_name": "Müller"}})
    with pytest.raises(FormDataError) as error:
        form_to_xml(filled)
    paths = {path for path, _ in error.value.errors}
    assert {"application.application_type", "requesting_authority.name"} <= paths


def test_value_outside_the_schema_is_refused_on_the_way_in():
    documents = form_to_xml(build_form("transmittal", transmittal_values()))
    tampered = documents.main.replace(b"art_10_1_a", b"art_99")
    with pytest.raises(FormDocumentError, match="does not conform to the schema"):
        form_from_xml(tampered)


def test_form_of_another_kind_is_refused_when_a_transmittal_is_expected():
    documents = form_to_xml(build_form("transmittal", transmittal_values()))
    with pytest.raises(FormDocumentError, match="expected a 'acknowledgement' form"):
        form_from_xml(documents.main, expected_code="acknowledgement")


def test_invalid_values_are_refused_when_building():
    with pytest.raises(FormDataError) as error:
        build_form(
            "transmittal",
            {
                "application": {"application_type": "art_11"},
                "applicant": {"date_of_birth": "05/03/1985", "family_name": "A\x00B"},
                "nowhere": {},
            },
        )
    paths = {path for path, _ in error.value.errors}
    assert paths == {
        "application.application_type",
        "applicant.date_of_birth",
        "applicant.family_name",
        "nowhere",
    }


# --- hostile XML ------------------------------------------------------------------------------


# Refusals take a few milliseconds; expanding or parsing a hostile document takes seconds to
# minutes and hundreds of megabytes. The bounds are far from both, so a loaded CI runner does not
# make the tests flaky while a parser that expands or reads everything still fails them.
QUICKLY_SECONDS = 2.0
SMALL_MEMORY_BYTES = 1024 * 1024


def _refused(document, match, *, memory_bytes=SMALL_MEMORY_BYTES):
    """``document`` is refused with a message matching ``match``, quickly and in little memory
    (Python allocations made while refusing it, the document itself not counted)."""
    tracemalloc.start()
    try:
        started = time.perf_counter()
        with pytest.raises(FormDocumentError, match=match):
            form_from_xml(document)
        elapsed = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert elapsed < QUICKLY_SECONDS, f"refusal took {elapsed:.3f} s"
    assert peak < memory_bytes, f"refusal allocated {peak} bytes"


def test_external_entity_is_refused():
    document = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE form [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        + f'<form xmlns="{TRANSMITTAL_NS}" code="transmittal" version="2007" language="en">'
        "<applicant><family_name>&xxe;</family_name></applicant></form>".encode()
    )
    _refused(document, "DOCTYPE")


def test_entity_expansion_bomb_is_refused():
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    document = (
        f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>'
        f'<form xmlns="{TRANSMITTAL_NS}">&lol9;</form>'
    ).encode()
    _refused(document, "DOCTYPE")


def test_doctype_is_refused():
    document = f'<!DOCTYPE form><form xmlns="{TRANSMITTAL_NS}"/>'.encode()
    _refused(document, "DOCTYPE")


def test_external_dtd_is_refused_without_network_access():
    document = (
        f'<!DOCTYPE form SYSTEM "http://203.0.113.1/form.dtd"><form xmlns="{TRANSMITTAL_NS}"/>'
    ).encode()
    _refused(document, "DOCTYPE")


def test_doctype_in_utf16_is_refused():
    document = (
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE form><form xmlns="{TRANSMITTAL_NS}"/>'
    )
    _refused(document.encode("utf-16"), "UTF-8")


def test_wrong_namespace_is_refused():
    document = b'<form xmlns="urn:example:not-a-form" code="transmittal"/>'
    _refused(document, "unexpected namespace 'urn:example:not-a-form'")


def test_missing_namespace_is_refused():
    _refused(b"<form/>", "unexpected namespace")


def test_malformed_document_is_refused():
    _refused(f'<form xmlns="{TRANSMITTAL_NS}">'.encode(), "not well-formed")


def test_text_instead_of_bytes_is_refused():
    _refused(f'<form xmlns="{TRANSMITTAL_NS}"/>', "bytes")


def test_fifty_megabyte_document_is_refused_before_parsing():
    big = bytearray(b"x") * (50 * 1024 * 1024)  # the only 50 MB allocation of the test
    big[:6] = b"<form>"
    big[-7:] = b"</form>"
    _refused(big, "too large")


def test_fifty_megabyte_stream_is_refused_reading_no_further_than_the_limit():
    class Stream(io.RawIOBase):
        """Fifty megabytes produced on demand, counting what is read."""

        def __init__(self):
            self.remaining = 50 * 1024 * 1024
            self.read_total = 0

        def readable(self):
            return True

        def read(self, size=-1):
            size = self.remaining if size < 0 else min(size, self.remaining)
            self.remaining -= size
            self.read_total += size
            return b"x" * size

    stream = Stream()
    limit = 5 * 1024 * 1024
    _refused(stream, "too large", memory_bytes=limit + SMALL_MEMORY_BYTES)
    assert stream.read_total <= limit + 1


def test_doctype_hidden_behind_another_encoding_is_refused():
    """UTF-7 would spell ``<!`` as ``+ADwAIQ-``; the parser reads every document as UTF-8."""
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    body = (
        f'<!DOCTYPE lolz [<!ENTITY lol0 "lol">{entities}]>'
        f'<form xmlns="{TRANSMITTAL_NS}" code="transmittal" version="2007" language="en">'
        "&lol9;</form>"
    )
    document = b'<?xml version="1.0" encoding="UTF-7"?>' + body.encode().replace(b"<!", b"+ADwAIQ-")
    _refused(document, "not well-formed")


@pytest.mark.parametrize("index", ["2000000000", "1"])
def test_group_item_numbers_out_of_range_or_repeated_are_refused(index):
    """The schema bounds how many items a group has, not their numbers: a huge number would
    otherwise make the reader pad the group with that many empty items."""
    documents = form_to_xml(build_form("transmittal", transmittal_values()))
    assert b'<item index="2">' in documents.main
    tampered = documents.main.replace(b'<item index="2">', f'<item index="{index}">'.encode())
    _refused(tampered, "item index")


def test_size_limit_is_configurable():
    documents = form_to_xml(build_form("transmittal", transmittal_values()))
    with pytest.raises(FormDocumentError, match="too large"):
        form_from_xml(documents.main, max_bytes=100)
    assert form_from_xml(documents.main, max_bytes=len(documents.main)).values
