"""Onboarding, offboarding (crypto-shredding) and key rotation, through the operator commands."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django_tenants.utils import schema_context, schema_exists

from accounts.models import User
from cases.models import Person
from encryption.errors import StateKeysUnavailable
from encryption.keyring import current_keyring, key_version_of
from encryption.models import StateKey
from tenants.models import Domain, State
from tests.conftest import HOST_A, client_for

ONBOARD_FR = [
    "onboard_state",
    "--code",
    "FR",
    "--name",
    "France",
    "--domain",
    "fr.localhost",
    "--time-zone",
    "Europe/Paris",
    "--languages",
    "fr,en",
    "--admin-email",
    "ca@example.fr",
]


def test_onboard_state_creates_schema_domain_keys_and_administrator(db, capsys):
    call_command(*ONBOARD_FR)
    output = capsys.readouterr().out
    state = State.objects.get(code="FR")
    assert (state.schema_name, state.time_zone, state.languages) == (
        "state_fr",
        "Europe/Paris",
        ["fr", "en"],
    )
    assert schema_exists("state_fr")
    assert Domain.objects.get(domain="fr.localhost").tenant == state
    assert sorted(state.keys.values_list("purpose", "version")) == [("data", 1), ("index", 1)]
    assert all(bytes(key.wrapped_key) for key in state.keys.all())
    with schema_context("state_fr"):
        administrator = User.objects.get(email="ca@example.fr")
        assert administrator.groups.filter(name="state administrator").exists()
        assert administrator.password_change_required
    password = output.split("one-time password: ")[1].split()[0]
    with schema_context("state_fr"):
        assert administrator.check_password(password)


def test_onboard_state_reads_the_password_from_the_environment(db, monkeypatch, capsys):
    monkeypatch.setenv("ISUPPORT_ADMIN_PASSWORD", "a long enough password")
    call_command(*ONBOARD_FR)
    assert "one-time password" not in capsys.readouterr().out
    with schema_context("state_fr"):
        administrator = User.objects.get(email="ca@example.fr")
        assert administrator.check_password("a long enough password")
        assert not administrator.password_change_required


def test_onboarding_the_same_state_twice_is_a_clear_error(db):
    with pytest.raises(CommandError, match="State PT is already onboarded"):
        call_command(
            "onboard_state",
            "--code",
            "PT",
            "--name",
            "Portugal",
            "--domain",
            "pt2.localhost",
            "--time-zone",
            "Europe/Lisbon",
            "--languages",
            "pt",
            "--admin-email",
            "x@example.pt",
        )


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--code", "FRA", "ISO 3166-1 alpha-2"),
        ("--code", "ZZ", "not an ISO 3166-1 alpha-2 country code"),
        ("--name", "  ", "name: This field cannot be blank"),
        ("--name", "F" * 101, "at most 100 characters"),
        ("--domain", "fr.localhost\n", "not a valid host name"),
        ("--domain", "admin.localhost", "already serves a tenant"),
        ("--domain", "fr_ca.localhost", "not a valid host name"),
        ("--domain", HOST_A, "already serves a tenant"),
        ("--time-zone", "Europe/Atlantis", "not an IANA time zone"),
        ("--languages", "french", "language codes"),
        ("--admin-email", "not-an-address", "not an e-mail address"),
    ],
)
def test_bad_onboarding_input_is_refused_and_creates_nothing(db, option, value, message):
    arguments = list(ONBOARD_FR)
    arguments[arguments.index(option) + 1] = value
    with pytest.raises(CommandError, match=message):
        call_command(*arguments)
    assert not State.objects.filter(name="France").exists()
    assert not schema_exists("state_fr")


def test_failed_onboarding_leaves_no_half_made_state(db, monkeypatch):
    def fail():
        raise RuntimeError("disk full")

    monkeypatch.setattr("tenants.services.state_roles_ensure", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        call_command(*ONBOARD_FR)
    connection.set_schema_to_public()
    assert not State.objects.filter(code="FR").exists()
    assert not Domain.objects.filter(domain="fr.localhost").exists()
    assert not StateKey.objects.filter(state__code="FR").exists()
    assert not schema_exists("state_fr")


def test_offboarding_needs_confirmation(db, state_a):
    with pytest.raises(CommandError, match="--confirm"):
        call_command("offboard_state", "--code", "PT")
    assert State.objects.get(code="PT").is_active


def test_offboarded_state_data_cannot_be_decrypted(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    connection.set_schema_to_public()
    call_command("offboard_state", "--code", "PT", "--confirm", "--operator", "pb-operator")

    state = State.objects.get(code="PT")
    assert state.status == State.Status.OFFBOARDED and state.offboarded_at is not None
    keys = list(state.keys.all())
    assert keys and all(
        key.wrapped_key is None and key.destroyed_by == "pb-operator" for key in keys
    )
    in_state(state)
    loaded = Person.objects.get(pk=person.pk)  # the row is there, its values are not readable
    with pytest.raises(StateKeysUnavailable, match="destroyed when it was offboarded"):
        loaded.family_name  # noqa: B018
    with pytest.raises(StateKeysUnavailable):
        Person(family_name="New").save()


def test_offboarding_closes_the_state_officials_accounts_and_ends_their_sessions(
    state_a, make_user
):
    from django.contrib.sessions.models import Session

    user = make_user(state_a)
    connection.set_schema_to_public()
    client_for(HOST_A, user)  # a session exists
    call_command("offboard_state", "--code", "PT", "--confirm")
    with schema_context(state_a.schema_name):
        closed = User.objects.get(pk=user.pk)  # kept: case records and the audit trail refer to it
        assert not closed.is_active and not closed.has_usable_password()
        assert closed.email != user.email
        assert not User.objects.filter(is_active=True).exists()
        assert not Session.objects.exists()


def test_offboarded_state_host_is_no_longer_served(state_a):
    call_command("offboard_state", "--code", "PT", "--confirm")
    assert client_for(HOST_A).get("/accounts/login/").status_code == 404
    with pytest.raises(CommandError, match="already offboarded"):
        call_command("offboard_state", "--code", "PT", "--confirm")


def test_offboarding_an_unknown_state_is_a_clear_error(db):
    with pytest.raises(CommandError, match="No State has the code ZZ"):
        call_command("offboard_state", "--code", "ZZ", "--confirm")


def test_rotation_keeps_old_values_readable_and_encrypts_new_ones_with_new_key(
    state_a, in_state, make_person, capsys
):
    in_state(state_a)
    old = make_person(family_name="Antes")
    connection.set_schema_to_public()
    call_command("rotate_state_keys", "--code", "PT")
    assert "data key version 2" in capsys.readouterr().out

    in_state(state_a)
    assert current_keyring().active_version == 2
    new = make_person(family_name="Depois")
    assert Person.objects.get(pk=old.pk).family_name == "Antes"
    assert Person.objects.get(pk=new.pk).family_name == "Depois"
    assert key_version_of(Person.objects.get(pk=old.pk).__dict__["family_name"].token) == 1
    assert key_version_of(Person.objects.get(pk=new.pk).__dict__["family_name"].token) == 2
    assert Person.objects.search(family_name="antes") == [old]  # index key not rotated


def test_rotation_with_reencrypt_rewrites_old_values(state_a, in_state, make_person, capsys):
    in_state(state_a)
    person = make_person()
    connection.set_schema_to_public()
    call_command("rotate_state_keys", "--code", "PT", "--reencrypt", "now")
    assert "1 rows re-encrypted" in capsys.readouterr().out
    in_state(state_a)
    loaded = Person.objects.get(pk=person.pk)
    assert key_version_of(loaded.__dict__["family_name"].token) == 2
    assert loaded.family_name == "Ólafsdóttir" and loaded.address.startswith("Rua das Flores")


def test_state_b_is_untouched_by_state_a_offboarding(state_b, in_state, make_person):
    in_state(state_b)
    person = make_person()
    connection.set_schema_to_public()
    call_command("offboard_state", "--code", "PT", "--confirm")
    in_state(state_b)
    assert Person.objects.get(pk=person.pk).family_name == "Ólafsdóttir"


@pytest.mark.parametrize("code", ["", "  ", "P"])
def test_a_state_needs_a_code(db, code):
    arguments = list(ONBOARD_FR)
    arguments[arguments.index("--code") + 1] = code
    with pytest.raises(CommandError, match="ISO 3166-1 alpha-2"):
        call_command(*arguments)
    assert not State.objects.filter(schema_name="state_").exists()


def test_a_provider_failure_after_offboarding_can_be_retried(
    state_a, monkeypatch, django_capture_on_commit_callbacks, capsys
):
    from encryption.providers import LocalKeyProvider

    calls = []

    def unavailable(self, *, key_id):
        calls.append(key_id)
        raise RuntimeError("KMS unavailable")

    monkeypatch.setattr(LocalKeyProvider, "destroy_key_encryption_key", unavailable)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("offboard_state", "--code", "PT", "--confirm")  # completes nonetheless
    assert calls == ["local:state_pt"]
    assert State.objects.get(code="PT").status == State.Status.OFFBOARDED
    monkeypatch.undo()
    call_command("offboard_state", "--code", "PT", "--retry-key-destruction")
    assert "destroy 1 key(s)" in capsys.readouterr().out
