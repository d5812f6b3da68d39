"""What every service of a State's cases shares: the permission checks, the row lock with its
optimistic version check, the checks of values common to several records, and the epilogue of
every change (the case's version, its timeline, the audit trail) in one helper."""

import datetime
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can_be_given_cases, can_view_cases, can_work_cases
from audit.models import AuditAction
from audit.services import audit_record
from cases.engine import current_state
from cases.errors import CaseError, StaleCaseError
from cases.models import Case, TimelineEvent, TransmissionMethod
from convention.states import default_registry
from convention.vocabulary import Direction
from convention.workflow import CaseState


def require_worker(user) -> None:
    if not can_work_cases(user):
        raise PermissionDenied


def require_reader(user) -> None:
    if not can_view_cases(user):
        raise PermissionDenied


def require_state_worker(person, *, field: str) -> None:
    """``person`` may be given cases and tasks: an active caseworker or supervisor of this
    State (``accounts.permissions.can_be_given_cases``)."""
    if not can_be_given_cases(person):
        raise CaseError(
            _("Choose a caseworker or supervisor of this State."),
            code="not_a_caseworker",
            field=field,
        )


def lock_case(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleCaseError(
            _("Someone else changed this case in the meantime. Reload it and try again."),
            code="stale",
        )
    return locked


def touch(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


def timeline(case: Case, *, user, kind, at=None, **values) -> TimelineEvent:
    return TimelineEvent.objects.create(
        case=case,
        kind=kind,
        actor=user if getattr(user, "pk", None) else None,
        occurred_at=at or timezone.now(),
        **values,
    )


def case_recorded(
    case: Case,
    *,
    user,
    action: AuditAction,
    object_type: str = "case",
    object_id=None,
    audit_details: dict | None = None,
    touched: Sequence[str] | None = (),
    event: str | None = None,
    **event_values,
) -> None:
    """The epilogue of every change of a case, in the caller's transaction.

    - ``touched``: the case's version moves on (optimistic locking), saving these fields of it
      besides; None leaves the case as it is (a new case, a note, a task).
    - ``event``: a ``TimelineEvent.Kind`` the case's timeline shows, with ``event_values``.
    - the audit trail records ``action`` on the object (the case unless ``object_type`` and
      ``object_id`` say otherwise), with ``audit_details``: field names and codes, never a value.
    """
    if touched is not None:
        touch(case, *touched)
    if event is not None:
        timeline(case, user=user, kind=event, **event_values)
    audit_record(
        actor=user,
        action=action,
        object_type=object_type,
        object_id=case.pk if object_id is None else object_id,
        case_id=case.pk,
        details=audit_details,
    )


def check_state_code(code: str, *, field: str) -> str:
    code = (code or "").upper()
    if code not in default_registry():
        raise CaseError(
            _("Unknown State: choose one from the list."), code="unknown_state", field=field
        )
    return code


def case_text(value: str, *, field: str) -> str:
    """A short text of the case (the partner's reference or Authority) checked against its
    column's length, so that too long a value is an error of the form, not of the database."""
    value = (value or "").strip()
    limit = Case._meta.get_field(field).max_length
    if len(value) > limit:
        raise CaseError(
            _("Use at most %(limit)d characters.") % {"limit": limit}, code="too_long", field=field
        )
    return value


def check_method(method: str) -> None:
    if method not in TransmissionMethod.values:
        raise CaseError(_("Unknown transmission method."), code="unknown_choice", field="method")


def local_start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight of ``day`` in the State's time zone (a date given by a caseworker is local)."""
    zone = ZoneInfo(current_state().time_zone)
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)


def require_open(case: Case) -> None:
    if case.state == CaseState.CLOSED.value:
        raise CaseError(_("The case is closed."), code="closed")


def require_editable_application(case: Case) -> None:
    """Parties and the decision of an outgoing case are fixed once it has been transmitted."""
    require_open(case)
    if case.direction == Direction.OUTGOING.value and case.state != CaseState.NEW.value:
        raise CaseError(
            _("The application has been transmitted; its contents can no longer change."),
            code="transmitted",
        )


def require_outgoing(case: Case) -> None:
    if case.direction != Direction.OUTGOING.value:
        raise CaseError(
            _("Only an outgoing case has an application to complete."), code="not_outgoing"
        )
