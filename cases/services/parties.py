"""The parties of a State's cases: persons (encrypted) or public bodies, in their roles."""

from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from audit.models import AuditAction
from cases.engine import state_today
from cases.errors import CaseError
from cases.models import Case, Party, Person, TimelineEvent
from cases.services.shared import (
    case_recorded,
    check_state_code,
    lock_case,
    require_editable_application,
    require_worker,
)
from convention.vocabulary import PartyRole

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
    require_worker(user)
    case = lock_case(case, None)
    require_editable_application(case)
    try:
        role_values = [PartyRole(role).value for role in dict.fromkeys(roles)]
    except ValueError:
        raise CaseError(_("Unknown role."), code="unknown_choice", field="roles") from None
    if not role_values:
        raise CaseError(_("Choose at least one role."), code="required", field="roles")
    if is_applicant and case.parties.filter(is_applicant=True).exists():
        raise CaseError(
            _("The application has an applicant already: remove it first to replace it."),
            code="applicant_exists",
            field="is_applicant",
        )
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
        habitual_residence = check_state_code(habitual_residence, field="habitual_residence")
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
    case_recorded(
        case,
        user=user,
        action=AuditAction.CREATE,
        object_type="party",
        object_id=party.pk,
        audit_details={"roles": role_values, "non_disclosure": non_disclosure},
        event=TimelineEvent.Kind.PARTY_ADDED,
        details={"roles": role_values},
    )
    return party


@transaction.atomic
def party_remove(*, user, case: Case, party: Party) -> None:
    """Remove a party added by mistake, while the application can still change; the person's
    record goes with it unless another party (of any case) refers to it."""
    require_worker(user)
    case = lock_case(case, None)
    require_editable_application(case)
    if party.case_id != case.pk:
        raise CaseError(_("Unknown party."), code="unknown_party", field="party")
    person_id, party_id = party.person_id, party.pk
    party.delete()
    if person_id and not Party.objects.filter(person_id=person_id).exists():
        Person.objects.filter(pk=person_id).delete()
    case_recorded(
        case,
        user=user,
        action=AuditAction.DELETE,
        object_type="party",
        object_id=party_id,
        event=TimelineEvent.Kind.PARTY_CHANGED,
        details={"removed": True},
    )
