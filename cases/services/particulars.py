"""What an application states besides its parties: the decision it is about, and the particulars
the wizard asks for (the Authority's contact details, the grounds, where payments go)."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditAction
from cases.engine import state_today
from cases.errors import CaseError
from cases.models import ApplicationParticulars, Case, Decision, PaymentFrequency, TimelineEvent
from cases.services.shared import (
    case_recorded,
    check_state_code,
    lock_case,
    require_editable_application,
    require_open,
    require_outgoing,
    require_worker,
)

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
    require_worker(user)
    case = lock_case(case, None)
    require_editable_application(case)
    unexpected = set(values) - set(DECISION_FIELDS)
    if unexpected:
        raise TypeError(f"unexpected decision fields: {sorted(unexpected)}")
    # Every caller must be refused with a message, not by the database: the forms and the API
    # check these too, but the messages of other Authorities will reach this service directly.
    for name in ("authority", "decision_date", "frequency", "starts_on"):
        if values.get(name) in (None, ""):
            raise CaseError(
                _("Fill in “%(item)s”.") % {"item": Decision._meta.get_field(name).verbose_name},
                code="required",
                field=name,
            )
    if values["frequency"] not in PaymentFrequency.values:
        raise CaseError(
            _("Unknown frequency of payment."), code="unknown_choice", field="frequency"
        )
    limit = Decision._meta.get_field("authority").max_length
    if len(values["authority"]) > limit:
        raise CaseError(
            _("Use at most %(limit)d characters.") % {"limit": limit},
            code="too_long",
            field="authority",
        )
    values["state_of_origin"] = check_state_code(
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
    case_recorded(
        case,
        user=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        object_type="decision",
        object_id=decision.pk,
        audit_details={"fields": sorted(values)},
        event=TimelineEvent.Kind.DECISION_RECORDED,
    )
    return decision


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
    require_worker(user)
    if section not in PARTICULARS_FIELDS:
        raise CaseError(_("Unknown section."), code="unknown_choice", field="section")
    unexpected = set(values) - set(PARTICULARS_FIELDS[section])
    if unexpected:
        raise TypeError(f"unexpected {section} fields: {sorted(unexpected)}")
    case = lock_case(case, None)
    if section == "authority":
        require_open(case)
    else:
        require_editable_application(case)
        require_outgoing(case)
    particulars, created = ApplicationParticulars.objects.get_or_create(case=case)
    stored = dict(particulars.values or {})
    stored[section] = {
        key: _plain(value) for key, value in values.items() if value not in (None, "", [], ())
    }
    particulars.values = stored
    particulars.save()
    case_recorded(
        case,
        user=user,
        action=AuditAction.CREATE if created else AuditAction.CHANGE,
        object_type="application_particulars",
        object_id=particulars.pk,
        audit_details={"section": section, "fields": sorted(stored[section])},
    )
    return particulars
