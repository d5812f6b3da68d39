"""Creating a State's cases (outgoing, or incoming as registered by hand), giving them to a
caseworker, and the applicant's consent to the transmission."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import can_reassign_cases
from audit.models import AuditAction
from cases.engine import current_state, legal_basis_between, state_today
from cases.errors import CaseError
from cases.models import Case, CaseReferenceCounter, TimelineEvent
from cases.services.shared import (
    case_recorded,
    case_text,
    check_method,
    check_state_code,
    local_start_of_day,
    lock_case,
    require_editable_application,
    require_outgoing,
    require_state_worker,
    require_worker,
)
from cases.services.workflow import apply_event
from convention.vocabulary import ApplicationType, Direction, SpecificMeasure
from convention.workflow import CaseEvent


def application_subject(
    application_type: str | None, specific_measures: Sequence[str]
) -> tuple[ApplicationType | None, list[SpecificMeasure]]:
    """What a case is about: exactly one of an Art 10 application type or a non-empty list of
    Art 7 measures (``CaseError`` otherwise). The one definition of that rule: the services and
    the forms that ask for it both call this."""
    if bool(application_type) == bool(specific_measures):
        raise CaseError(
            _("Choose either an application type or one or more specific measures."),
            code="application_or_measures",
            field="application_type",
        )
    if application_type:
        try:
            return ApplicationType(application_type), []
        except ValueError:
            raise CaseError(
                _("Unknown application type."), code="unknown_choice", field="application_type"
            ) from None
    try:
        measures = [SpecificMeasure(code) for code in dict.fromkeys(specific_measures)]
    except ValueError:
        raise CaseError(
            _("Unknown specific measure."), code="unknown_choice", field="specific_measures"
        ) from None
    return None, measures


def _legal_basis(requesting: str, requested: str, *, on: datetime.date):
    instrument = legal_basis_between(requesting, requested, on=on)
    if instrument.legal_basis is None or not instrument.central_authority_cooperation:
        raise CaseError(str(instrument.reason), code="no_legal_basis", field="requested_state")
    return instrument.legal_basis


def _new_case(*, user, direction: Direction, requesting: str, requested: str, **values) -> Case:
    if values.get("responsible") is not None:
        require_state_worker(values["responsible"], field="responsible")
    today = state_today()
    state = current_state()
    case = Case.objects.create(
        reference=CaseReferenceCounter.next_reference(state_code=state.code, year=today.year),
        direction=direction.value,
        requesting_state=requesting,
        requested_state=requested,
        legal_basis=_legal_basis(requesting, requested, on=today).value,
        **values,
    )
    case_recorded(
        case,
        user=user,
        action=AuditAction.CREATE,
        audit_details={"direction": direction.value},
        touched=None,
        event=TimelineEvent.Kind.CREATED,
    )
    return case


@transaction.atomic
def case_create_outgoing(
    *,
    user,
    requested_state: str,
    application_type: str | None = None,
    specific_measures: Sequence[str] = (),
    partner_authority: str = "",
    responsible=None,
) -> Case:
    """A new outgoing case (state ``new``), to be completed and then transmitted."""
    require_worker(user)
    own = current_state().code
    requested = check_state_code(requested_state, field="requested_state")
    if requested == own:
        raise CaseError(
            _("The requested State must be another State."),
            code="same_state",
            field="requested_state",
        )
    application, measures = application_subject(application_type, specific_measures)
    return _new_case(
        user=user,
        direction=Direction.OUTGOING,
        requesting=own,
        requested=requested,
        application_type=application.value if application else "",
        specific_measures=[m.value for m in measures],
        partner_authority=case_text(partner_authority, field="partner_authority"),
        responsible=responsible or user,
    )


@transaction.atomic
def case_register_incoming(
    *,
    user,
    requesting_state: str,
    received_on: datetime.date,
    method: str,
    application_type: str | None = None,
    specific_measures: Sequence[str] = (),
    partner_reference: str = "",
    partner_authority: str = "",
    responsible=None,
) -> Case:
    """An application received on paper or by e-mail: the case is created and received, which
    starts the six-week acknowledgement clock (Art 12(3)) in this State's time zone."""
    require_worker(user)
    own = current_state().code
    requesting = check_state_code(requesting_state, field="requesting_state")
    if requesting == own:
        raise CaseError(
            _("The requesting State must be another State."),
            code="same_state",
            field="requesting_state",
        )
    if received_on > state_today():
        raise CaseError(
            _("The date of receipt cannot be in the future."),
            code="future_date",
            field="received_on",
        )
    check_method(method)
    application, measures = application_subject(application_type, specific_measures)
    case = _new_case(
        user=user,
        direction=Direction.INCOMING,
        requesting=requesting,
        requested=own,
        application_type=application.value if application else "",
        specific_measures=[m.value for m in measures],
        partner_reference=case_text(partner_reference, field="partner_reference"),
        partner_authority=case_text(partner_authority, field="partner_authority"),
        responsible=responsible or user,
    )
    return apply_event(
        case,
        user=user,
        event=CaseEvent.RECEIVE,
        at=local_start_of_day(received_on),
        method=method,
    )


@transaction.atomic
def case_reassign(*, user, case: Case, responsible) -> Case:
    """Supervisors give a case to another caseworker of the State."""
    if not can_reassign_cases(user):
        raise PermissionDenied
    require_state_worker(responsible, field="responsible")
    case = lock_case(case, None)
    case.responsible = responsible
    case_recorded(
        case,
        user=user,
        action=AuditAction.CHANGE,
        audit_details={"fields": ["responsible"]},
        touched=["responsible"],
        event=TimelineEvent.Kind.REASSIGNED,
    )
    return case


@transaction.atomic
def case_consent_record(*, user, case: Case, consent: bool) -> Case:
    """Record whether the applicant consents to the transmission of the application on their
    behalf (Art 12(2))."""
    require_worker(user)
    case = lock_case(case, None)
    require_editable_application(case)
    require_outgoing(case)
    case.applicant_consent = bool(consent)
    case_recorded(
        case,
        user=user,
        action=AuditAction.CHANGE,
        audit_details={"fields": ["applicant_consent"], "applicant_consent": bool(consent)},
        touched=["applicant_consent"],
    )
    return case
