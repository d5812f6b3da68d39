"""The documents of a State's cases: stored encrypted with the State's key (``documents_storage``
checks their type and size), and read back with every download audited."""

import hashlib
import uuid

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import can_view_restricted_information
from audit.models import AuditAction
from audit.services import audit_record
from cases import documents_storage
from cases.errors import CaseError
from cases.models import Case, Document, TimelineEvent
from cases.services.shared import (
    case_recorded,
    lock_case,
    require_open,
    require_reader,
    require_worker,
)


@transaction.atomic
def document_add(
    *,
    user,
    case: Case,
    content: bytes,
    file_name: str,
    content_type: str,
    kind: str,
    language: str,
    translation_of: Document | None = None,
    certified: bool = False,
    generated_form: str = "",
) -> Document:
    """Store a document of the case, encrypted with the State's key (see ``documents_storage``,
    which also checks type and size)."""
    require_worker(user)
    case = lock_case(case, None)
    require_open(case)
    kinds = {value for value, _label in Document._meta.get_field("kind").choices}
    if kind not in kinds:
        raise CaseError(_("Unknown kind of document."), code="unknown_choice", field="kind")
    language = (language or "").strip().lower()
    if language not in documents_storage.document_languages():
        raise CaseError(_("Unknown language."), code="unknown_choice", field="language")
    if translation_of is not None and translation_of.case_id != case.pk:
        raise CaseError(_("Unknown document."), code="unknown_document", field="translation_of")
    content_type = documents_storage.check_content(content, content_type=content_type)
    document = Document(
        case=case,
        kind=kind,
        file_name=documents_storage.clean_file_name(file_name),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        language=language,
        translation_of=translation_of,
        certified=certified,
        generated_form=generated_form,
        uploaded_by=user if getattr(user, "pk", None) else None,
    )
    document.id = uuid.uuid4()
    document.storage_name = documents_storage.store(document, content)
    document.save(force_insert=True)
    case_recorded(
        case,
        user=user,
        action=AuditAction.CREATE,
        object_type="document",
        object_id=document.pk,
        audit_details={"kind": kind, "size": len(content)},
        event=(
            TimelineEvent.Kind.FORM_GENERATED
            if generated_form
            else TimelineEvent.Kind.DOCUMENT_ADDED
        ),
        details={"kind": kind, "form": generated_form},
    )
    return document


def document_content(*, user, document: Document) -> bytes:
    """The decrypted content of a document the user may read (the caller fetched it through a
    selector); every download is audited, and an Art 40 restricted page also as a view of
    restricted information."""
    require_reader(user)
    if document.is_restricted and not can_view_restricted_information(user):
        raise PermissionDenied
    content = documents_storage.load(document)
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.DOWNLOAD,
            object_type="document",
            object_id=document.pk,
            case_id=document.case_id,
        )
        if document.is_restricted:
            audit_record(
                actor=user,
                action=AuditAction.VIEW_RESTRICTED,
                object_type="document",
                object_id=document.pk,
                case_id=document.case_id,
                details={"form": document.generated_form},
            )
    return content
