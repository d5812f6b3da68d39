"""The demo platform of `make run` (development only): what ``seed_demo`` creates on an empty
database, through the same services as the rest of the platform."""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django_tenants.utils import tenant_context

from accounts.roles import StateRole
from cases import services
from cases.models import Case
from tenants.models import State
from tenants.services import governing_body_onboard, public_tenant_ensure, state_onboard

DEMO_STATES = [
    {
        "code": "PT",
        "name": "Portugal",
        "time_zone": "Europe/Lisbon",
        "languages": ["pt", "en"],
        "authority_name": "Direção-Geral da Administração da Justiça",
    },
    {
        "code": "NO",
        "name": "Norway",
        "time_zone": "Europe/Oslo",
        "languages": ["nb", "en"],
        "authority_name": "NAV Innkreving",
    },
]
# Fictitious people for the demo cases, one family per State.
DEMO_FAMILIES = {
    "PT": [
        (["creditor"], True, "Demo Ferreira", "Marta", datetime.date(1988, 4, 12), "PT"),
        (
            ["person_for_whom_maintenance_is_sought"],
            False,
            "Demo Ferreira",
            "Tomás",
            datetime.date(2017, 9, 3),
            "PT",
        ),
        (["debtor"], False, "Demo Berg", "Lars", datetime.date(1985, 1, 30), "NO"),
    ],
    "NO": [
        (["creditor"], True, "Demo Nilsen", "Ingrid", datetime.date(1990, 6, 21), "NO"),
        (
            ["person_for_whom_maintenance_is_sought"],
            False,
            "Demo Nilsen",
            "Emil",
            datetime.date(2015, 2, 14),
            "NO",
        ),
        (["debtor"], False, "Demo Costa", "Rui", datetime.date(1986, 11, 8), "PT"),
    ],
}


def demo_platform_exists() -> bool:
    """Whether any State has been onboarded (the demo is only created on an empty platform)."""
    return State.objects.filter(kind=State.Kind.STATE).exists()


@transaction.atomic
def demo_platform_create(*, port: str) -> list[str]:
    """The Permanent Bureau's administrator, two States (each with its administrator, a
    caseworker and two fictitious cases) and the Governing Body; returns the lines that say where
    to sign in and with which credentials."""
    base = settings.BASE_DOMAIN
    lines = ["Demo platform (development only):"]
    public_tenant_ensure()
    password = secrets.token_urlsafe(12)
    get_user_model().objects.create_superuser(email=f"pb-admin@{base}.test", password=password)
    lines.append(
        f"  Permanent Bureau console  http://admin.{base}:{port}/admin/  "
        f"pb-admin@{base}.test / {password}"
    )
    for demo in DEMO_STATES:
        password = secrets.token_urlsafe(12)
        domain = f"{demo['code'].lower()}.{base}"
        onboarded = state_onboard(
            **demo,
            domain=domain,
            admin_email=f"ca-admin@{domain}.test",
            admin_password=password,
        )
        lines.append(
            f"  {onboarded.state.name:<24}  http://{domain}:{port}/  "
            f"{onboarded.administrator_email} / {password}"
        )
        password = secrets.token_urlsafe(12)
        with tenant_context(onboarded.state):
            caseworker = _caseworker(email=f"caseworker@{domain}.test", password=password)
            partner = next(other["code"] for other in DEMO_STATES if other is not demo)
            _cases(caseworker, own=demo["code"], partner=partner)
        lines.append(f"  {'  caseworker':<24}  caseworker@{domain}.test / {password}")
    password = secrets.token_urlsafe(12)
    domain = f"governing-body.{base}"
    onboarded = governing_body_onboard(
        domain=domain, admin_email=f"gb-admin@{domain}.test", admin_password=password
    )
    lines.append(
        f"  {'Governing Body':<24}  http://{domain}:{port}/  "
        f"{onboarded.administrator_email} / {password}"
    )
    lines.append(f"  Health check              http://localhost:{port}/healthz")
    return lines


def _caseworker(*, email: str, password: str):
    """A caseworker who also supervises and may see Art 40 restricted information."""
    user = get_user_model().objects.create_user(
        email=email, password=password, full_name="Demo caseworker"
    )
    user.groups.set(Group.objects.filter(name__in=[StateRole.CASEWORKER, StateRole.SUPERVISOR]))
    user.user_permissions.add(
        Permission.objects.get(
            codename="view_restricted_information",
            content_type=ContentType.objects.get_for_model(Case),
        )
    )
    return user


def _cases(user, *, own: str, partner: str) -> None:
    """An outgoing establishment application being prepared, and one received from the
    partner State a week ago waiting for its acknowledgement."""
    outgoing = services.case_create_outgoing(
        user=user, requested_state=partner, application_type="art_10_1_c"
    )
    for roles, applicant, family, given, born, residence in DEMO_FAMILIES[own]:
        services.party_add(
            user=user,
            case=outgoing,
            roles=roles,
            is_applicant=applicant,
            family_name=family,
            given_names=given,
            date_of_birth=born,
            habitual_residence=residence,
        )
    services.case_register_incoming(
        user=user,
        requesting_state=partner,
        received_on=datetime.date.today() - datetime.timedelta(days=7),
        method="post",
        application_type="art_10_1_a",
        partner_reference=f"{partner}-DEMO-1",
    )
