"""Moving a State's cases through the Convention's workflow: every event the engine allows, the
transmission of an outgoing application and the acknowledgement of an application. The engine
(``convention.workflow``) decides each next state and which deadlines open and close."""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction
from cases.engine import (
    case_findings,
    deadline_is_watched,
    deadline_settings_for,
    state_today,
)
from cases.errors import CaseError
from cases.models import Case, Deadline, TimelineEvent
from cases.selectors import case_records_for_user
from cases.services.shared import (
    case_recorded,
    case_text,
    check_method,
    local_start_of_day,
    lock_case,
    require_worker,
    touch,
)
from convention.deadlines import DeadlineRule, Duration, compute_deadline
from convention.validation import has_errors
from convention.vocabulary import Direction, DocumentKind
from convention.workflow import CaseEvent, TransitionNotAllowed, next_state


def apply_event(
    case: Case,
    *,
    user,
    event: CaseEvent,
    at: datetime.datetime | datetime.date,
    method: str = "",
    details: dict | None = None,
    specified_period: Duration | None = None,
    contesting_party_resident_abroad: bool = False,
) -> Case:
    """Move the (locked) case on by ``event``: the Convention engine decides the next state and
    which deadlines open and close; every deadline's dates come from ``compute_deadline``.

    ``at`` is an aware instant, or a date a caseworker typed. A date is the day the clock starts
    on, whatever the zone the deadline is counted in (the partner's for an outgoing case); it is
    recorded on the case and its timeline as the start of that day in this State's zone."""
    moment = at if isinstance(at, datetime.datetime) else local_start_of_day(at)
    try:
        transition = next_state(
            case.direction_enum,
            case.state_enum,
            event,
            application_type=case.application_type_enum,
        )
    except TransitionNotAllowed:
        raise CaseError(
            _("This step is not possible in the case's present state (%(state)s).")
            % {"state": case.state_enum.label},
            code="transition_not_allowed",
        ) from None
    if transition.requires_expired is not None:
        _check_expired(case, transition.requires_expired)
    for rule in transition.closes:
        case.deadlines.filter(rule=rule.value, met_at__isnull=True).update(met_at=moment)
    deadline_settings = deadline_settings_for(case)
    for rule in transition.starts:
        computed = compute_deadline(
            rule,
            legal_basis=case.legal_basis_enum,
            start=at,
            settings=deadline_settings,
            contesting_party_resident_abroad=contesting_party_resident_abroad,
            specified_period=specified_period if rule is DeadlineRule.MISSING_DOCUMENTS else None,
        )
        if computed is None:
            continue  # Art 12(5): the Authority tracks no further-report period
        Deadline.objects.create(
            case=case,
            rule=rule.value,
            legal_basis=computed.legal_basis.value,
            article=computed.article,
            anchor=computed.start,
            due=computed.due,
            time_zone=deadline_settings.time_zone,
            watched=deadline_is_watched(case, rule),
            unconfirmed=computed.unconfirmed,
        )
    case.state = transition.target.value
    stamps = {
        CaseEvent.TRANSMIT: "transmitted_at",
        CaseEvent.RECEIVE: "received_at",
        CaseEvent.ACKNOWLEDGE: "acknowledged_at",
        CaseEvent.CLOSE: "closed_at",
    }
    changed = ["state"]
    if event in stamps:
        setattr(case, stamps[event], moment)
        changed.append(stamps[event])
    if method:
        case.transmission_method = (
            method if event is CaseEvent.TRANSMIT else case.transmission_method
        )
        changed.append("transmission_method")
    case_recorded(
        case,
        user=user,
        action=AuditAction.TRANSITION,
        audit_details={"event": event.value, "state": transition.target.value},
        touched=changed,
        event=TimelineEvent.Kind.WORKFLOW,
        at=moment,
        workflow_event=event.value,
        state_after=transition.target.value,
        article=transition.article or "",
        method=method,
        details=details or {},
    )
    return case


def _check_expired(case: Case, rule: DeadlineRule) -> None:
    deadline = case.deadlines.filter(rule=rule.value, met_at__isnull=True).first()
    if deadline is None or state_today() <= deadline.due:
        raise CaseError(
            _("This step is possible only after the deadline for %(deadline)s has passed.")
            % {"deadline": rule.label},
            code="deadline_not_expired",
        )


def _event_time(
    at: datetime.datetime | datetime.date | None,
) -> datetime.datetime | datetime.date:
    """When an event happened, for ``_apply``: now if not given, an aware instant as given, a
    typed date as the date itself. A date is not turned into an instant here: midnight in this
    State's zone may be the day before in the partner's zone, where an outgoing case's
    deadlines are counted (Finland's midnight is 23:00 the previous day in Norway)."""
    if at is None:
        return timezone.now()
    if isinstance(at, datetime.datetime):
        if timezone.is_naive(at):
            raise CaseError(_("A time without a time zone was given."), code="naive_time")
        return at
    if at > state_today():
        raise CaseError(_("The date cannot be in the future."), code="future_date", field="date")
    return at


@transaction.atomic
def case_apply_event(
    *,
    user,
    case: Case,
    event: str | CaseEvent,
    at: datetime.datetime | datetime.date | None = None,
    expected_version: int | None = None,
    details: dict | None = None,
    specified_period: Duration | None = None,
    contesting_party_resident_abroad: bool = False,
) -> Case:
    """Any workflow event the Convention engine allows in the case's state (status report,
    sending to the competent authority, recognition outcome, challenge, enforcement, closure)."""
    require_worker(user)
    try:
        event = CaseEvent(event)
    except ValueError:
        raise CaseError(_("Unknown case event."), code="unknown_choice", field="event") from None
    if event in (CaseEvent.TRANSMIT, CaseEvent.RECEIVE, CaseEvent.ACKNOWLEDGE, CaseEvent.REFUSE):
        raise CaseError(
            _("Use the transmission, registration or acknowledgement step for this event."),
            code="dedicated_step",
            field="event",
        )
    case = lock_case(case, expected_version)
    return apply_event(
        case,
        user=user,
        event=event,
        at=_event_time(at),
        details=details,
        specified_period=specified_period,
        contesting_party_resident_abroad=contesting_party_resident_abroad,
    )


@transaction.atomic
def case_transmit(
    *,
    user,
    case: Case,
    method: str,
    sent_on: datetime.date,
    expected_version: int | None = None,
) -> Case:
    """Record that the outgoing application was sent (Art 12(2)), after the Convention engine
    found no error in it. Starts the watched six-week acknowledgement clock of the partner."""
    require_worker(user)
    check_method(method)
    case = lock_case(case, expected_version)
    if case.direction != Direction.OUTGOING.value:
        raise CaseError(_("Only an outgoing case is transmitted."), code="not_outgoing")
    records = case_records_for_user(user=user, case=case)
    if has_errors(case_findings(records)):
        raise CaseError(
            _("The application is not complete yet: correct the errors listed first."),
            code="findings",
        )
    if not records.has_generated(case.covering_form):
        raise CaseError(
            _("Generate the Transmittal form before recording the transmission (Art 12(2)).")
            if case.application_type
            else _("Generate the Request for Specific Measures form before recording the sending."),
            code="transmittal_missing",
        )
    return apply_event(
        case, user=user, event=CaseEvent.TRANSMIT, at=_event_time(sent_on), method=method
    )


class AcknowledgementOutcome:
    """The three outcomes of the Acknowledgement form (Annex 2, Art 12(3), 12(8))."""

    COMPLETE = "complete"
    DOCUMENTS_REQUESTED = "documents_requested"
    REFUSED = "refused"
    ALL = (COMPLETE, DOCUMENTS_REQUESTED, REFUSED)


@transaction.atomic
def case_acknowledge(
    *,
    user,
    case: Case,
    outcome: str,
    on: datetime.date | None = None,
    reasons: str = "",
    documents_requested: Iterable[str] = (),
    missing_documents_period_months: int | None = None,
    partner_reference: str = "",
    expected_version: int | None = None,
) -> Case:
    """The acknowledgement of an application (Art 12(3), Annex 2): complete (the 12(4)
    status-report clock starts), complete but with documents requested (the 12(9) clock starts
    as well), or refused as manifestly outside the Convention with reasons (Art 12(8)).

    On an incoming case this Authority acknowledges; on an outgoing one it records the
    acknowledgement the requested Authority sent, with that Authority's reference if given."""
    require_worker(user)
    if outcome not in AcknowledgementOutcome.ALL:
        raise CaseError(_("Unknown outcome."), code="unknown_choice", field="outcome")
    case = lock_case(case, expected_version)
    partner_reference = case_text(partner_reference, field="partner_reference")
    if partner_reference:
        if case.direction != Direction.OUTGOING.value:
            raise CaseError(
                _("Only the requested Authority's acknowledgement brings its reference."),
                code="not_outgoing",
                field="partner_reference",
            )
        case.partner_reference = partner_reference
        touch(case, "partner_reference")
    at = _event_time(on)
    if outcome == AcknowledgementOutcome.REFUSED:
        if not reasons.strip():
            raise CaseError(
                _("Give the reasons for the refusal (Art 12(8))."),
                code="reasons_required",
                field="reasons",
            )
        return apply_event(
            case, user=user, event=CaseEvent.REFUSE, at=at, details={"reasons": reasons.strip()}
        )
    requested = [code for code in documents_requested if code]
    unknown = [code for code in requested if code not in DocumentKind._value2member_map_]
    if unknown:
        raise CaseError(
            _("Unknown kind of document."), code="unknown_choice", field="documents_requested"
        )
    if outcome == AcknowledgementOutcome.DOCUMENTS_REQUESTED and not requested:
        raise CaseError(
            _("Name the documents or information requested."),
            code="documents_required",
            field="documents_requested",
        )
    case = apply_event(case, user=user, event=CaseEvent.ACKNOWLEDGE, at=at)
    if outcome == AcknowledgementOutcome.DOCUMENTS_REQUESTED:
        period = None
        if missing_documents_period_months is not None:
            if not 3 <= missing_documents_period_months <= 24:
                raise CaseError(
                    _("The period for documents is three months or more, at most 24 (Art 12(9))."),
                    code="period",
                    field="missing_documents_period_months",
                )
            period = Duration(months=missing_documents_period_months)
        case = apply_event(
            case,
            user=user,
            event=CaseEvent.REQUEST_DOCUMENTS,
            at=at,
            details={"documents": requested, "reasons": reasons.strip()},
            specified_period=period,
        )
    return case
