"""The audit of what users read: every case page or API response that shows a case, and each
Art 40 restricted value it discloses."""

from collections.abc import Sequence

from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from cases.models import Case, Party


def record_view(*, user, case: Case, restricted_parties: Sequence[Party] = ()) -> None:
    """Audit that the user viewed the case, and each party's Art 40 restricted information the
    page or response disclosed to them."""
    with transaction.atomic():
        audit_record(
            actor=user,
            action=AuditAction.VIEW,
            object_type="case",
            object_id=case.pk,
            case_id=case.pk,
        )
        for party in restricted_parties:
            audit_record(
                actor=user,
                action=AuditAction.VIEW_RESTRICTED,
                object_type="party",
                object_id=party.pk,
                case_id=case.pk,
            )
