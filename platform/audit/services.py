"""Writing and verifying a State's audit trail (see ``audit.models``)."""

import dataclasses
import uuid

from django.db import connection, transaction
from django.utils import timezone

from audit.models import GENESIS, AuditAction, AuditChainHead, AuditEntry


def actor_kind(user) -> str:
    """ "system", "api_client" or "user"; asked once per user object (the reverse one-to-one
    to an API client is a query), not once per entry."""
    if user is None:
        return "system"
    kind = getattr(user, "_audit_actor_kind", None)
    if kind is None:
        kind = "api_client" if hasattr(user, "api_client") else "user"
        user._audit_actor_kind = kind
    return kind


def audit_record(
    *,
    actor,
    action: AuditAction,
    object_type: str,
    object_id,
    case_id: uuid.UUID | None = None,
    details: dict | None = None,
) -> AuditEntry:
    """Append an entry to the current State's chain. Holds the chain head's row lock until the
    surrounding transaction ends, so entries are appended one at a time and in commit order."""
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        entry = AuditEntry(
            sequence=head.last_sequence + 1,
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_kind=actor_kind(actor),
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            case_id=case_id,
            details=details or {},
            previous_mac=head.last_mac,
        )
        entry.mac = entry.compute_mac()
        entry.save(force_insert=True)
        head.last_sequence, head.last_mac = entry.sequence, entry.mac
        head.save(update_fields=["last_sequence", "last_mac"])
    return entry


@dataclasses.dataclass(frozen=True)
class AuditProblem:
    sequence: int
    problem: str

    def __str__(self) -> str:
        return f"entry {self.sequence}: {self.problem}"


def audit_verify(*, batch_size: int = 2000) -> list[AuditProblem]:
    """Check the current State's whole chain: every MAC, every link, no gap in the numbering,
    and the head pointing at the newest entry. Returns the problems found (none: intact)."""
    schema = connection.schema_name
    problems: list[AuditProblem] = []
    expected_sequence, expected_previous = 1, GENESIS
    for entry in AuditEntry.objects.in_chain_order().iterator(chunk_size=batch_size):
        if entry.sequence != expected_sequence:
            problems.append(
                AuditProblem(
                    expected_sequence,
                    f"missing (entries {expected_sequence} to {entry.sequence - 1} deleted)",
                )
            )
        if entry.previous_mac != expected_previous:
            problems.append(AuditProblem(entry.sequence, "does not link to the entry before it"))
        if entry.compute_mac(schema) != entry.mac:
            problems.append(AuditProblem(entry.sequence, "altered (its MAC does not match)"))
        expected_sequence, expected_previous = entry.sequence + 1, entry.mac
    head = AuditChainHead.objects.filter(id=1).first()
    last_sequence = expected_sequence - 1
    if head is None:
        if last_sequence:
            problems.append(AuditProblem(last_sequence, "the chain head is missing"))
    elif head.last_sequence != last_sequence or head.last_mac != expected_previous:
        problems.append(
            AuditProblem(
                head.last_sequence,
                f"the newest entries were removed (the chain ends at {last_sequence})",
            )
        )
    return problems
