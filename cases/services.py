"""Everything that changes a State's cases. The web UI, the REST API and the management commands
call these functions and nothing else; each checks the user's permission, runs in one
transaction, records the timeline and the audit trail, and leaves nothing half-written.

Failures are ``CaseError`` (or ``PermissionDenied``) with a translated message that names no
personal value, so that it may be shown to the user and logged.
"""

import datetime
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import documents_storage
from cases.audit import audit_record
from cases.engine import (
    case_findings,
    current_state,
    deadline_is_watched,
    deadline_settings_for,
    legal_basis_between,
    state_today,
)
from cases.models import (
    ApplicationParticulars,
    AuditAction,
    Case,
    CaseReferenceCounter,
    Deadline,
    Decision,
    Document,
    Note,
    Party,
    Person,
    Task,
    TimelineEvent,
    TransmissionMethod,
)
from cases.permissions import (
    can_reassign_cases,
    can_view_cases,
    can_view_restricted_information,
    can_work_cases,
)
from convention.deadlines import DeadlineRule, Duration, compute_deadline
from convention.states import default_registry
from convention.validation import has_errors
from convention.vocabulary import (
    ApplicationType,
    Direction,
    DocumentKind,
    PartyRole,
    SpecificMeasure,
)
from convention.workflow import CaseEvent, CaseState, TransitionNotAllowed, next_state


class CaseError(Exception):
    """A request the rules refuse; ``message`` is translated and free of personal data."""

    safe_to_log = True

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


class StaleCaseError(CaseError):
    """The case changed since the form was opened (optimistic concurrency)."""


def _require_worker(user) -> None:
    if not can_work_cases(user):
        raise PermissionDenied


def _require_reader(user) -> None:
    if not can_view_cases(user):
        raise PermissionDenied


def _touch(case: Case, *fields: str) -> None:
    case.version += 1
    case.save(update_fields=[*fields, "version", "updated_at"])


def _timeline(case: Case, *, user, kind, at=None, **values) -> TimelineEvent:
    return TimelineEvent.objects.create(
        case=case,
        kind=kind,
        actor=user if getattr(user, "pk", None) else None,
        occurred_at=at or timezone.now(),
        **values,
    )


def _check_state_code(code: str, *, field: str) -> str:
    code = (code or "").upper()
    if code not in default_registry():
        raise CaseError(
            _("Unknown State: choose one from the list."), code="unknown_state", field=field
        )
    return code


def _check_subject(application_type: str | None, specific_measures: Sequence[str]):
    """Exactly one of an Art 10 application type or a non-empty list of Art 7 measures."""
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
    _timeline(case, user=user, kind=TimelineEvent.Kind.CREATED)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        details={"direction": direction.value},
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
    _require_worker(user)
    own = current_state().code
    requested = _check_state_code(requested_state, field="requested_state")
    if requested == own:
        raise CaseError(
            _("The requested State must be another State."),
            code="same_state",
            field="requested_state",
        )
    application, measures = _check_subject(application_type, specific_measures)
    return _new_case(
        user=user,
        direction=Direction.OUTGOING,
        requesting=own,
        requested=requested,
        application_type=application.value if application else "",
        specific_measures=[m.value for m in measures],
        partner_authority=_case_text(partner_authority, field="partner_authority"),
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
    _require_worker(user)
    own = current_state().code
    requesting = _check_state_code(requesting_state, field="requesting_state")
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
    _check_method(method)
    application, measures = _check_subject(application_type, specific_measures)
    case = _new_case(
        user=user,
        direction=Direction.INCOMING,
        requesting=requesting,
        requested=own,
        application_type=application.value if application else "",
        specific_measures=[m.value for m in measures],
        partner_reference=_case_text(partner_reference, field="partner_reference"),
        partner_authority=_case_text(partner_authority, field="partner_authority"),
        responsible=responsible or user,
    )
    return _apply(
        case,
        user=user,
        event=CaseEvent.RECEIVE,
        at=local_start_of_day(received_on),
        method=method,
    )


def local_start_of_day(day: datetime.date) -> datetime.datetime:
    """Midnight of ``day`` in the State's time zone (a date given by a caseworker is local)."""
    zone = ZoneInfo(current_state().time_zone)
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)


def _check_method(method: str) -> None:
    if method not in TransmissionMethod.values:
        raise CaseError(_("Unknown transmission method."), code="unknown_choice", field="method")


def _case_text(value: str, *, field: str) -> str:
    """A short text of the case (the partner's reference or Authority) checked against its
    column's length, so that too long a value is an error of the form, not of the database."""
    value = (value or "").strip()
    limit = Case._meta.get_field(field).max_length
    if len(value) > limit:
        raise CaseError(
            _("Use at most %(limit)d characters.") % {"limit": limit}, code="too_long", field=field
        )
    return value


def _lock(case: Case, expected_version: int | None) -> Case:
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if expected_version is not None and locked.version != expected_version:
        raise StaleCaseError(
            _("Someone else changed this case in the meantime. Reload it and try again."),
            code="stale",
        )
    return locked


def _apply(
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
    _touch(case, *changed)
    _timeline(
        case,
        user=user,
        kind=TimelineEvent.Kind.WORKFLOW,
        at=moment,
        workflow_event=event.value,
        state_after=transition.target.value,
        article=transition.article or "",
        method=method,
        details=details or {},
    )
    audit_record(
        actor=user,
        action=AuditAction.TRANSITION,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        details={"event": event.value, "state": transition.target.value},
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
    _require_worker(user)
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
    case = _lock(case, expected_version)
    return _apply(
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
    _require_worker(user)
    _check_method(method)
    case = _lock(case, expected_version)
    if case.direction != Direction.OUTGOING.value:
        raise CaseError(_("Only an outgoing case is transmitted."), code="not_outgoing")
    findings = case_findings(case)
    if has_errors(findings):
        raise CaseError(
            _("The application is not complete yet: correct the errors listed first."),
            code="findings",
        )
    # An Art 10 application leaves with the Transmittal form (Art 12(2), Annex 1); an Art 7
    # request, which Annex 1 does not cover, with the Request for Specific Measures form.
    covering_form = "transmittal" if case.application_type else "specific_measures"
    if not case.documents.filter(generated_form=covering_form).exists():
        raise CaseError(
            _("Generate the Transmittal form before recording the transmission (Art 12(2)).")
            if case.application_type
            else _("Generate the Request for Specific Measures form before recording the sending."),
            code="transmittal_missing",
        )
    return _apply(case, user=user, event=CaseEvent.TRANSMIT, at=_event_time(sent_on), method=method)


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
    _require_worker(user)
    if outcome not in AcknowledgementOutcome.ALL:
        raise CaseError(_("Unknown outcome."), code="unknown_choice", field="outcome")
    case = _lock(case, expected_version)
    partner_reference = _case_text(partner_reference, field="partner_reference")
    if partner_reference:
        if case.direction != Direction.OUTGOING.value:
            raise CaseError(
                _("Only the requested Authority's acknowledgement brings its reference."),
                code="not_outgoing",
                field="partner_reference",
            )
        case.partner_reference = partner_reference
        _touch(case, "partner_reference")
    at = _event_time(on)
    if outcome == AcknowledgementOutcome.REFUSED:
        if not reasons.strip():
            raise CaseError(
                _("Give the reasons for the refusal (Art 12(8))."),
                code="reasons_required",
                field="reasons",
            )
        return _apply(
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
    case = _apply(case, user=user, event=CaseEvent.ACKNOWLEDGE, at=at)
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
        case = _apply(
            case,
            user=user,
            event=CaseEvent.REQUEST_DOCUMENTS,
            at=at,
            details={"documents": requested, "reasons": reasons.strip()},
            specified_period=period,
        )
    return case


@transaction.atomic
def case_reassign(*, user, case: Case, responsible) -> Case:
    """Supervisors give a case to another caseworker of the State."""
    if not can_reassign_cases(user):
        raise PermissionDenied
    if responsible is None or not can_work_cases(responsible):
        raise CaseError(
            _("Choose a caseworker or supervisor of this State."),
            code="not_a_caseworker",
            field="responsible",
        )
    case = _lock(case, None)
    case.responsible = responsible
    _touch(case, "responsible")
    _timeline(case, user=user, kind=TimelineEvent.Kind.REASSIGNED)
    audit_record(
        actor=user,
        action=AuditAction.CHANGE,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        details={"fields": ["responsible"]},
    )
    return case


def _require_open(case: Case) -> None:
    if case.state == CaseState.CLOSED.value:
        raise CaseError(_("The case is closed."), code="closed")


def _require_editable_application(case: Case) -> None:
    """Parties and the decision of an outgoing case are fixed once it has been transmitted."""
    _require_open(case)
    if case.direction == Direction.OUTGOING.value and case.state != CaseState.NEW.value:
        raise CaseError(
            _("The application has been transmitted; its contents can no longer change."),
            code="transmitted",
        )


PERSON_FIELDS = ("family_name", "given_names", "date_of_birth", "address", "email", "phone")


@transaction.atomic
def party_add(
    *,
    user,
    case: Case,
    roles: Sequence[str],
    is_applicant: bool = False,
    organisation_name: str = "",
    habitual_residence: str = "",
    non_disclosure: bool = False,
    represents: Party | None = None,
    **person_values,
) -> Party:
    """Add a person (or a public body) to a case in one or more roles."""
    _require_worker(user)
    case = _lock(case, None)
    _require_editable_application(case)
    try:
        role_values = [PartyRole(role).value for role in dict.fromkeys(roles)]
    except ValueError:
        raise CaseError(_("Unknown role."), code="unknown_choice", field="roles") from None
    if not role_values:
        raise CaseError(_("Choose at least one role."), code="required", field="roles")
    unexpected = set(person_values) - set(PERSON_FIELDS)
    if unexpected:
        raise TypeError(f"unexpected person fields: {sorted(unexpected)}")
    is_public_body = PartyRole.PUBLIC_BODY.value in role_values
    person = None
    if is_public_body:
        if not organisation_name.strip():
            raise CaseError(
                _("Give the name of the public body."),
                code="required",
                field="organisation_name",
            )
    else:
        if not (person_values.get("family_name") or "").strip():
            raise CaseError(_("Give the family name."), code="required", field="family_name")
        date_of_birth = person_values.get("date_of_birth")
        if date_of_birth and date_of_birth > state_today():
            raise CaseError(
                _("The date of birth cannot be in the future."),
                code="future_date",
                field="date_of_birth",
            )
        person = Person.objects.create(
            **{
                name: (person_values.get(name) or ("" if name != "date_of_birth" else None))
                for name in PERSON_FIELDS
            }
        )
    if habitual_residence:
        habitual_residence = _check_state_code(habitual_residence, field="habitual_residence")
    if represents is not None and represents.case_id != case.pk:
        raise CaseError(_("Unknown party."), code="unknown_party", field="represents")
    party = Party.objects.create(
        case=case,
        person=person,
        organisation_name=organisation_name.strip() if is_public_body else "",
        roles=role_values,
        is_applicant=is_applicant,
        habitual_residence=habitual_residence,
        non_disclosure=non_disclosure,
        represents=represents,
    )
    _touch(case)
    _timeline(case, user=user, kind=TimelineEvent.Kind.PARTY_ADDED, details={"roles": role_values})
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="party",
        object_id=party.pk,
        case_id=case.pk,
        details={"roles": role_values, "non_disclosure": non_disclosure},
    )
    return party


DECISION_FIELDS = (
    "authority",
    "decision_date",
    "state_of_origin",
    "amount",
    "currency",
    "frequency",
    "starts_on",
    "ends_on",
    "indexation_clause",
    "enforceable",
    "is_maintenance_arrangement",
    "by_administrative_authority",
)


@transaction.atomic
def decision_record(*, user, case: Case, **values) -> Decision:
    """Record (or correct) the decision the case is about."""
    _require_worker(user)
    case = _lock(case, None)
    _require_editable_application(case)
    unexpected = set(values) - set(DECISION_FIELDS)
    if unexpected:
        raise TypeError(f"unexpected decision fields: {sorted(unexpected)}")
    values["state_of_origin"] = _check_state_code(
        values.get("state_of_origin", ""), field="state_of_origin"
    )
    currency = (values.get("currency") or "").upper()
    if len(currency) != 3 or not currency.isalpha():
        raise CaseError(
            _("Give the currency as a three-letter code, e.g. EUR."),
            code="currency",
            field="currency",
        )
    values["currency"] = currency
    if values.get("amount") is None or values["amount"] < 0:
        raise CaseError(_("The amount cannot be negative."), code="amount", field="amount")
    if (
        values.get("ends_on")
        and values.get("starts_on")
        and values["ends_on"] < values["starts_on"]
    ):
        raise CaseError(_("The end date is before the start date."), code="dates", field="ends_on")
    if values.get("decision_date") and values["decision_date"] > state_today():
        raise CaseError(
            _("The date of the decision cannot be in the future."),
            code="future_date",
            field="decision_date",
        )
    decision, created = Decision.objects.update_or_create(case=case, defaults=values)
    _touch(case)
    _timeline(case, user=user, kind=TimelineEvent.Kind.DECISION_RECORDED)
    audit_record(
        actor=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        object_type="decision",
        object_id=decision.pk,
        case_id=case.pk,
        details={"fields": sorted(values)},
    )
    return decision


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
    _require_worker(user)
    case = _lock(case, None)
    _require_open(case)
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
    _touch(case)
    _timeline(
        case,
        user=user,
        kind=(
            TimelineEvent.Kind.FORM_GENERATED
            if generated_form
            else TimelineEvent.Kind.DOCUMENT_ADDED
        ),
        details={"kind": kind, "form": generated_form},
    )
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="document",
        object_id=document.pk,
        case_id=case.pk,
        details={"kind": kind, "size": len(content)},
    )
    return document


def document_content(*, user, document: Document) -> bytes:
    """The decrypted content of a document the user may read (the caller fetched it through a
    selector); every download is audited, and an Art 40 restricted page also as a view of
    restricted information."""
    _require_reader(user)
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


@transaction.atomic
def note_add(*, user, case: Case, text: str) -> Note:
    _require_worker(user)
    text = (text or "").strip()
    if not text:
        raise CaseError(_("Write the note first."), code="required", field="text")
    if len(text) > 10_000:
        raise CaseError(_("A note is at most 10,000 characters."), code="too_long", field="text")
    note = Note.objects.create(case=case, text=text, author=user)
    _timeline(case, user=user, kind=TimelineEvent.Kind.NOTE_ADDED)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="note",
        object_id=note.pk,
        case_id=case.pk,
    )
    return note


@transaction.atomic
def task_add(
    *, user, case: Case, title: str, due: datetime.date | None = None, assigned_to=None
) -> Task:
    _require_worker(user)
    title = (title or "").strip()
    if not title:
        raise CaseError(_("Say what is to be done."), code="required", field="title")
    if len(title) > 500:
        raise CaseError(_("A task is at most 500 characters."), code="too_long", field="title")
    assignee = assigned_to or user
    if not can_work_cases(assignee):
        raise CaseError(
            _("Choose a caseworker or supervisor of this State."),
            code="not_a_caseworker",
            field="assigned_to",
        )
    task = Task.objects.create(case=case, title=title, due=due, assigned_to=assignee)
    _timeline(case, user=user, kind=TimelineEvent.Kind.TASK_ADDED)
    audit_record(
        actor=user,
        action=AuditAction.CREATE,
        object_type="task",
        object_id=task.pk,
        case_id=case.pk,
    )
    return task


@transaction.atomic
def task_complete(*, user, task: Task) -> Task:
    _require_worker(user)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        audit_record(
            actor=user,
            action=AuditAction.CHANGE,
            object_type="task",
            object_id=task.pk,
            case_id=task.case_id,
            details={"fields": ["done_at"]},
        )
    return task


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


# --- The outgoing application wizard ----------------------------------------------------------

# What each section of an application's particulars may hold (see ApplicationParticulars).
PARTICULARS_FIELDS = {
    # The requesting (or, for an incoming case, requested) Central Authority on the forms.
    "authority": (
        "address",
        "telephone",
        "email",
        "contact_name",
        "contact_telephone",
        "contact_email",
        "contact_languages",
    ),
    # Art 11(1)(e) grounds, Art 7(1) reasons, and what each recommended form asks for.
    "grounds": (
        "grounds",
        "maintenance_basis",
        "parentage",
        "parentage_testing",
        "amount_sought",
        "currency",
        "frequency",
        "sought_from",
        "recognition_requested",
        "partial_details",
        "made_or_recognised",
        "recognised_on",
        "enforcement_measures",
        "modification_sought",
        "change_of_circumstances",
        "creditor_resides_in_state_of_origin",
        "article_18_exception",
        "reasons",
        "proceedings_pending",
        "article_10_application_pending",
        "exceptional_costs_consent",
    ),
    # Art 11(1)(f): where payments are sent.
    "payment": (
        "account_holder",
        "bank_name",
        "bank_address",
        "account_number",
        "bic",
        "payment_reference",
    ),
}


def _plain(value):
    """A value as stored in the encrypted JSON: dates and amounts as text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    if isinstance(value, str):
        return value.strip()
    return value


@transaction.atomic
def application_particulars_record(
    *, user, case: Case, section: str, values: dict
) -> ApplicationParticulars:
    """Replace one section of the case's particulars. The Authority's contact details may be
    recorded on any open case (the acknowledgement of an incoming one prints them); the rest
    only while an outgoing application has not been transmitted."""
    _require_worker(user)
    if section not in PARTICULARS_FIELDS:
        raise CaseError(_("Unknown section."), code="unknown_choice", field="section")
    unexpected = set(values) - set(PARTICULARS_FIELDS[section])
    if unexpected:
        raise TypeError(f"unexpected {section} fields: {sorted(unexpected)}")
    case = _lock(case, None)
    if section == "authority":
        _require_open(case)
    else:
        _require_editable_application(case)
        if case.direction != Direction.OUTGOING.value:
            raise CaseError(
                _("Only an outgoing case has an application to complete."), code="not_outgoing"
            )
    particulars, created = ApplicationParticulars.objects.get_or_create(case=case)
    stored = dict(particulars.values or {})
    stored[section] = {
        key: _plain(value) for key, value in values.items() if value not in (None, "", [], ())
    }
    particulars.values = stored
    particulars.save()
    _touch(case)
    audit_record(
        actor=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        object_type="application_particulars",
        object_id=particulars.pk,
        case_id=case.pk,
        details={"section": section, "fields": sorted(stored[section])},
    )
    return particulars


@transaction.atomic
def case_consent_record(*, user, case: Case, consent: bool) -> Case:
    """Record whether the applicant consents to the transmission of the application on their
    behalf (Art 12(2))."""
    _require_worker(user)
    case = _lock(case, None)
    _require_editable_application(case)
    if case.direction != Direction.OUTGOING.value:
        raise CaseError(
            _("Only an outgoing case has an application to complete."), code="not_outgoing"
        )
    case.applicant_consent = bool(consent)
    _touch(case, "applicant_consent")
    audit_record(
        actor=user,
        action=AuditAction.CHANGE,
        object_type="case",
        object_id=case.pk,
        case_id=case.pk,
        details={"fields": ["applicant_consent"], "applicant_consent": bool(consent)},
    )
    return case


@transaction.atomic
def party_remove(*, user, case: Case, party: Party) -> None:
    """Remove a party added by mistake, while the application can still change; the person's
    record goes with it unless another party (of any case) refers to it."""
    _require_worker(user)
    case = _lock(case, None)
    _require_editable_application(case)
    if party.case_id != case.pk:
        raise CaseError(_("Unknown party."), code="unknown_party", field="party")
    person_id, party_id = party.person_id, party.pk
    party.delete()
    if person_id and not Party.objects.filter(person_id=person_id).exists():
        Person.objects.filter(pk=person_id).delete()
    _touch(case)
    _timeline(case, user=user, kind=TimelineEvent.Kind.PARTY_CHANGED, details={"removed": True})
    audit_record(
        actor=user,
        action=AuditAction.DELETE,
        object_type="party",
        object_id=party_id,
        case_id=case.pk,
    )
