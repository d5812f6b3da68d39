"""The onboarding and offboarding services: a State with case records can be offboarded without
losing them, and a State the Convention's reference data do not know is never onboarded."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_context, schema_exists

from accounts.models import User
from accounts.roles import StateRole
from api.models import ApiClient
from api.selectors import api_client_for_token
from api.services import api_client_create
from audit.models import AuditEntry
from cases.models import Case, Document, TimelineEvent
from encryption.models import StateKey
from tenants.models import Domain, State
from tenants.services import OnboardingError, state_offboard, state_onboard
from tests.conftest import HOST_A, HOST_B, PASSWORD, client_for


def _official_with_a_case_and_a_client(state, make_user, make_transmittable):
    """A caseworker with a transmittable case (parties, documents, timeline, audit trail), a
    session, and an API client of the State with its token."""
    caseworker = make_user(state, StateRole.CASEWORKER)
    case = make_transmittable(caseworker)
    _client, token = api_client_create(user=None, name="Court registry", role="caseworker")
    connection.set_schema_to_public()
    client_for(state.domains.get().domain, caseworker)  # a session in the State's schema
    return caseworker, case, token


def test_a_state_with_cases_is_offboarded_and_keeps_its_records_and_audit_trail(
    state_a, make_user, make_transmittable
):
    caseworker, case, _token = _official_with_a_case_and_a_client(
        state_a, make_user, make_transmittable
    )
    with schema_context(state_a.schema_name):
        audit_entries = AuditEntry.objects.count()
        assert audit_entries and Document.objects.filter(case=case).exists()

    state_offboard(code="PT", operator="pb-operator")

    assert State.objects.get(code="PT").status == State.Status.OFFBOARDED
    with schema_context(state_a.schema_name):
        assert Case.objects.get(pk=case.pk).responsible_id == caseworker.pk
        assert AuditEntry.objects.count() == audit_entries
        assert AuditEntry.objects.filter(actor_id=caseworker.pk).exists()
        assert TimelineEvent.objects.filter(case=case, actor_id=caseworker.pk).exists()
        assert Document.objects.filter(case=case, uploaded_by_id=caseworker.pk).exists()
        assert User.objects.filter(pk=caseworker.pk).exists()


def test_offboarded_officials_cannot_sign_in_and_tokens_do_not_authenticate(
    state_a, make_user, make_transmittable
):
    caseworker, _case, token = _official_with_a_case_and_a_client(
        state_a, make_user, make_transmittable
    )
    state_offboard(code="PT", operator="pb-operator")

    with schema_context(state_a.schema_name):
        assert authenticate(None, username=caseworker.email, password=PASSWORD) is None
        assert api_client_for_token(token=token) is None
        assert not ApiClient.objects.filter(revoked_at__isnull=True).exists()
        assert not Session.objects.exists()
        accounts = list(User.objects.all())
        assert accounts  # the administrator, the caseworker and the client's service user
        for account in accounts:
            assert not account.is_active and not account.has_usable_password()
            assert not account.groups.exists() and not account.user_permissions.exists()
            # An official's address and name are not encrypted: erased, not left readable.
            assert account.email == f"offboarded-{account.pk}@offboarded.invalid"
            assert account.full_name == ""
    # The State's host is no longer served at all.
    assert Client(HTTP_HOST=HOST_A).get("/api/v1/cases/").status_code == 404
    response = Client(HTTP_HOST=HOST_A).post(
        "/accounts/login/", {"username": caseworker.email, "password": PASSWORD}
    )
    assert response.status_code == 404


def test_offboarding_one_state_leaves_another_states_accounts_tokens_and_cases(
    state_a, state_b, make_user, make_transmittable
):
    _official_with_a_case_and_a_client(state_a, make_user, make_transmittable)
    official_b = make_user(state_b, StateRole.CASEWORKER)
    # A case from Norway to Portugal, the State being offboarded.
    from cases import services

    case_b = services.case_create_outgoing(
        user=official_b, requested_state="PT", specific_measures=["art_6_2_b"]
    )
    _client, token_b = api_client_create(user=None, name="Registry", role="caseworker")
    connection.set_schema_to_public()

    state_offboard(code="PT", operator="pb-operator")

    assert State.objects.get(code="NO").is_active
    assert Domain.objects.filter(domain=HOST_B).exists()
    assert StateKey.objects.filter(state=state_b, wrapped_key__isnull=False).exists()
    with schema_context(state_b.schema_name):
        official = User.objects.get(pk=official_b.pk)
        assert official.is_active and official.email == official_b.email
        assert official.groups.filter(name=StateRole.CASEWORKER).exists()
        assert authenticate(None, username=official_b.email, password=PASSWORD) is not None
        assert Case.objects.get(pk=case_b.pk).responsible_id == official_b.pk
    response = Client(HTTP_HOST=HOST_B, HTTP_AUTHORIZATION=f"Bearer {token_b}").get(
        "/api/v1/cases/"
    )
    assert response.status_code == 200
    client_for(HOST_B, official_b)  # signs in


# --- A State the Convention engine does not know -------------------------------------------------


def _onboard_unknown_state(**overrides):
    # Belgium is an ISO 3166-1 country, and a Contracting State in fact, but absent from the
    # shipped reference data (convention/data/contracting_states.json).
    values = {
        "code": "BE",
        "name": "Belgium",
        "domain": "be.localhost",
        "time_zone": "Europe/Brussels",
        "languages": ["fr", "nl"],
        "admin_email": "ca@example.be",
        "admin_password": "a long enough password",
    }
    return state_onboard(**{**values, **overrides})


def test_a_state_absent_from_the_convention_reference_data_is_refused_and_nothing_is_written(db):
    from convention.states import default_registry

    assert default_registry().get("BE") is None
    with pytest.raises(OnboardingError, match="reference data have no State BE"):
        _onboard_unknown_state()
    assert not State.objects.filter(code="BE").exists()
    assert not State.objects.filter(schema_name="state_be").exists()
    assert not Domain.objects.filter(domain="be.localhost").exists()
    assert not StateKey.objects.filter(state__code="BE").exists()
    assert not schema_exists("state_be")


def test_the_refusal_names_every_other_problem_too(db):
    with pytest.raises(OnboardingError) as refused:
        _onboard_unknown_state(admin_email="not-an-address")
    assert "reference data have no State BE" in str(refused.value)
    assert "not an e-mail address" in str(refused.value)


def test_the_refusal_is_translated(db):
    from django.utils import translation

    with translation.override("fr"), pytest.raises(OnboardingError) as refused:
        _onboard_unknown_state()
    assert "BE" in str(refused.value)
    assert "reference data" not in str(refused.value)


def test_the_onboarding_command_reports_the_refusal(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="reference data have no State BE"):
        call_command(
            "onboard_state",
            "--code",
            "BE",
            "--name",
            "Belgium",
            "--domain",
            "be.localhost",
            "--time-zone",
            "Europe/Brussels",
            "--languages",
            "fr,nl",
            "--admin-email",
            "ca@example.be",
        )
    assert not schema_exists("state_be")
