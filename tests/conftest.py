"""Test set-up: a real PostgreSQL test database holding the public tenant, two States and the
Governing Body, created once per session; each test runs in a transaction rolled back after it.

State A is Portugal (pt.localhost), State B is Norway (no.localhost).
"""

import datetime
import os
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.utils import translation

from accounts.roles import StateRole
from encryption.keyring import forget_keys

PASSWORD = "correct horse battery staple"
HOST_A = "pt.localhost"
HOST_B = "no.localhost"
HOST_PUBLIC = "admin.localhost"
HOST_GOVERNING_BODY = "governing-body.localhost"


def onboard_test_state(code: str, name: str, host: str, time_zone: str, **extra):
    """A State onboarded as the tests use one: English forms, an administrator admin@<host> with
    the tests' password. Returns the ``State``."""
    from tenants.services import state_onboard

    return state_onboard(
        code=code,
        name=name,
        domain=host,
        time_zone=time_zone,
        languages=["en"],
        admin_email=f"admin@{host}",
        admin_password=PASSWORD,
        **extra,
    ).state


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    from django.test.utils import setup_databases, teardown_databases

    from tenants.services import governing_body_onboard

    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
        )
        for code, name, host, zone in (
            ("PT", "Portugal", HOST_A, "Europe/Lisbon"),
            ("NO", "Norway", HOST_B, "Europe/Oslo"),
        ):
            onboard_test_state(code, name, host, zone)
        governing_body_onboard(
            domain=HOST_GOVERNING_BODY, admin_email="admin@gb.test", admin_password=PASSWORD
        )
    yield
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        teardown_databases(config, verbosity=0)


@pytest.fixture(autouse=True)
def _fresh_key_cache():
    """A test that rotates or destroys keys is rolled back; so must the cached keys be."""
    yield
    forget_keys()


@pytest.fixture(autouse=True)
def _public_schema_after_each_test():
    """A request through the test client leaves the connection on the host's schema
    (django-tenants #1142); the next test starts in the public schema."""
    yield
    connection.set_schema_to_public()


@pytest.fixture(autouse=True)
def _default_language():
    """A request leaves its language active in the thread; the next test starts in English."""
    yield
    translation.deactivate()


@pytest.fixture
def state_a(db):
    from tenants.models import State

    return State.objects.get(code="PT")


@pytest.fixture
def state_b(db):
    from tenants.models import State

    return State.objects.get(code="NO")


@pytest.fixture
def in_state(db):
    """Switch the connection to a State's schema for the rest of the test: in_state(state)."""

    def switch(state):
        connection.set_tenant(state)
        return state

    yield switch
    connection.set_schema_to_public()


@pytest.fixture
def make_person():
    """Create a person in the current State's schema."""
    from cases.models import Person

    def make(**values):
        defaults = {
            "family_name": "Ólafsdóttir",
            "given_names": "Guðrún Ásta",
            "date_of_birth": datetime.date(2014, 5, 17),
            "address": "Rua das Flores 12, 4050-262 Porto",
            "email": "gudrun@example.org",
            "phone": "+351 912 345 678",
        }
        person = Person(**{**defaults, **values})
        person.save()
        return person

    return make


@pytest.fixture
def make_user(in_state):
    """Create a user with a role in a State's schema (the connection stays on that State)."""

    def make(state, role=StateRole.CASEWORKER, email=None, **extra):
        in_state(state)
        user = get_user_model().objects.create_user(
            email=email or f"{uuid.uuid4().hex[:10]}@{state.code.lower()}.example.org",
            password=PASSWORD,
            **extra,
        )
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def make_transmittable():
    """An outgoing request for specific measures (Art 7) complete enough to be transmitted: the
    person concerned, the reasons, the Authority's address and the generated request form."""
    from cases import services
    from cases.convention_forms import case_form_generate

    def make(user, requested_state="NO"):
        case = services.case_create_outgoing(
            user=user, requested_state=requested_state, specific_measures=["art_6_2_b"]
        )
        services.party_add(
            user=user, case=case, roles=["debtor"], family_name="Hansen", address="Oslo"
        )
        services.application_particulars_record(
            user=user, case=case, section="grounds", values={"reasons": "Address unknown."}
        )
        services.application_particulars_record(
            user=user, case=case, section="authority", values={"address": "Avenida 1, Lisboa"}
        )
        case_form_generate(
            user=user, case=case, form_code="specific_measures", language="en", fmt="xml"
        )
        case.refresh_from_db()
        return case

    return make


def client_for(host: str, user=None, *, client_address: str | None = None) -> Client:
    """A test client speaking to one host; signed in as the user when one is given."""
    client = Client(
        HTTP_HOST=host, REMOTE_ADDR=client_address or f"10.{uuid.uuid4().int % 250}.0.1"
    )
    if user is not None:
        response = client.post("/accounts/login/", {"username": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:500]
    return client


def pytest_configure(config):
    """Compile the gettext catalogues and build the front end (make test does too; this covers
    a bare pytest run)."""
    from infra.frontend import build
    from isupport.i18n import compile_catalogues

    build()
    if compile_catalogues():
        from django.utils.translation import trans_real

        trans_real._translations = {}


def shared_reference(relative: str) -> Path | None:
    """A file of the shared reference material (the Convention's text, the e-CODEX schemas),
    which the project reads as test data and never copies in. Found through ISUPPORT_SHARED_DIR
    or in a `shared/` folder beside the checkout or beside one of its parents."""
    configured = os.environ.get("ISUPPORT_SHARED_DIR")
    candidates = [Path(configured)] if configured else []
    candidates += [parent / "shared" for parent in Path(__file__).resolve().parents[1].parents]
    for shared in candidates:
        if (shared / "reference" / relative).exists():
            return shared / "reference" / relative
    return None
