"""Where a State's documents live: encrypted with the State's data key before they reach the
storage (``STORAGES["documents"]``: a directory locally, S3 through django-storages when
configured), under the State's own prefix. The ciphertext is bound to the State, the document's
identifier and its SHA-256, so a file copied to another document or State does not decrypt."""

import hashlib
import re
import unicodedata
from functools import cache

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection
from django.utils.translation import gettext as _

from encryption import keyring

# Accepted types, recognised by their first bytes: what a browser claims is not trusted.
_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_XML_TYPES = {"application/xml", "text/xml"}


def max_document_bytes() -> int:
    return settings.ISUPPORT_MAX_DOCUMENT_BYTES


def check_content(content: bytes, *, content_type: str) -> str:
    """The document's real type (PDF, PNG, JPEG, TIFF or XML), or ``CaseError``."""
    from cases.errors import CaseError

    if not content:
        raise CaseError(_("The file is empty."), code="empty_file", field="file")
    if len(content) > max_document_bytes():
        raise CaseError(
            _("The file is larger than %(size)d MB.") % {"size": max_document_bytes() // 2**20},
            code="file_too_large",
            field="file",
        )
    for signature, detected in _SIGNATURES:
        if content.startswith(signature):
            return detected
    if (content_type or "").split(";")[0].strip() in _XML_TYPES and content.lstrip().startswith(
        b"<?xml"
    ):
        return "application/xml"
    raise CaseError(
        _("Only PDF, PNG, JPEG, TIFF and XML files are accepted."),
        code="file_type",
        field="file",
    )


def clean_file_name(name: str) -> str:
    """A file name safe to show and to offer for download: no path, no control characters."""
    name = unicodedata.normalize("NFC", (name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip(" .")
    return name[:200] or "document"


@cache
def document_languages() -> frozenset[str]:
    """ISO 639-1 codes a document may be written in."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if len(code) == 2)


def _associated_data(schema: str, document) -> bytes:
    return f"isupport/document/v1|{schema}|{document.pk}|{document.sha256}".encode()


def _storage():
    return storages["documents"]


def store(document, content: bytes) -> str:
    schema = connection.schema_name
    token = keyring.encrypt(schema, content, _associated_data(schema, document))
    return _storage().save(f"states/{schema}/documents/{document.pk}", ContentFile(token))


def load(document) -> bytes:
    schema = connection.schema_name
    with _storage().open(document.storage_name, "rb") as stored:
        token = stored.read()
    content = keyring.decrypt(schema, token, _associated_data(schema, document))
    if hashlib.sha256(content).hexdigest() != document.sha256:
        raise ValueError("document content does not match its recorded SHA-256")
    return content
