"""What is left of an offboarded State (its schema, unreadable since its keys were destroyed,
and its stored documents) is deleted once its retention period has passed, by
``purge_offboarded_states``; the State's row records when. Active States, and offboarded ones
within their retention period, are never touched."""

import datetime
import logging

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_exists

from accounts.roles import StateRole
from cases.models import Document, Person
from tenants.models import State
from tenants.services import state_offboard

RETENTION_DAYS = 30


@pytest.fixture
def documents_storage(settings, tmp_path):
    """The documents storage in a directory of this test's own."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "documents"},
        },
    }
    settings.ISUPPORT_OFFBOARDED_RETENTION_DAYS = RETENTION_DAYS
    return storages["documents"]


@pytest.fixture
def two_states_with_documents(state_a, state_b, make_user, make_transmittable, documents_storage):
    """A case with a generated form (a stored document) in each State; Portugal offboarded."""
    stored = {}
    for state in (state_a, state_b):
        caseworker = make_user(state, StateRole.CASEWORKER)
        case = make_transmittable(caseworker, requested_state="NO" if state.code == "PT" else "PT")
        stored[state.code] = [d.storage_name for d in Document.objects.filter(case=case)]
        assert stored[state.code]
        assert all(documents_storage.exists(name) for name in stored[state.code])
        connection.set_schema_to_public()
    state_offboard(code="PT", operator="pb-operator")
    return stored


def _offboarded_days_ago(days: int) -> None:
    State.all_states.filter(code="PT").update(
        offboarded_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_a_dry_run_lists_what_would_be_deleted_and_changes_nothing(
    two_states_with_documents, documents_storage, capsys
):
    _offboarded_days_ago(RETENTION_DAYS + 1)
    call_command("purge_offboarded_states", "--dry-run")
    output = capsys.readouterr().out
    assert "PT: would drop the schema state_pt and delete 1 stored document(s)" in output
    assert "NO" not in output
    assert schema_exists("state_pt")
    assert State.all_states.get(code="PT").purged_at is None
    assert all(documents_storage.exists(name) for name in two_states_with_documents["PT"])


def test_after_the_retention_period_the_schema_and_documents_are_deleted_and_recorded(
    two_states_with_documents, documents_storage, state_b, in_state, capsys, caplog
):
    _offboarded_days_ago(RETENTION_DAYS + 1)
    with caplog.at_level(logging.WARNING, logger="tenants.services"):
        call_command("purge_offboarded_states")

    assert "PT: dropped the schema state_pt and deleted 1 stored document(s)" in (
        capsys.readouterr().out
    )
    assert not schema_exists("state_pt")
    assert not any(documents_storage.exists(name) for name in two_states_with_documents["PT"])
    assert not documents_storage.exists("states/state_pt")
    purged = State.all_states.get(code="PT")
    assert purged.purged_at is not None and purged.status == State.Status.OFFBOARDED
    assert purged.keys.exists()  # the key records stay: who destroyed which key, and when
    # Tenant commands (migrate_schemas, verify_audit_trail...) no longer visit it, and saving
    # its row does not bring a schema back (django-tenants creates a saved tenant's schema).
    assert not State.objects.filter(code="PT").exists()
    purged.save()
    assert not schema_exists("state_pt")
    [logged] = [r for r in caplog.records if getattr(r, "event", None) == "state_purged"]
    assert (logged.state, logged.documents) == ("PT", 1)
    assert "@" not in logged.getMessage()  # identifiers only

    # Norway is untouched: schema, documents, readable data.
    assert schema_exists("state_no")
    assert all(documents_storage.exists(name) for name in two_states_with_documents["NO"])
    in_state(state_b)
    assert Person.objects.exists() and all(p.family_name for p in Person.objects.all())
    connection.set_schema_to_public()
    call_command("verify_audit_trail")  # every State with a schema: Norway
    assert "NO: the audit trail is intact." in capsys.readouterr().out

    # Done once: a second run finds nothing to do, and naming the State says so.
    call_command("purge_offboarded_states")
    assert "No offboarded State is past its retention period" in capsys.readouterr().out
    with pytest.raises(CommandError, match="State PT was purged on"):
        call_command("purge_offboarded_states", "--state", "PT")


def test_a_state_within_its_retention_period_is_kept(
    two_states_with_documents, documents_storage, capsys
):
    _offboarded_days_ago(RETENTION_DAYS - 1)
    call_command("purge_offboarded_states")
    output = capsys.readouterr().out
    until = (timezone.now() + datetime.timedelta(days=1)).date().isoformat()
    assert f"PT: kept until {until}" in output
    with pytest.raises(CommandError, match=f"State PT is kept until {until}"):
        call_command("purge_offboarded_states", "--state", "PT")
    assert schema_exists("state_pt")
    assert all(documents_storage.exists(name) for name in two_states_with_documents["PT"])
    assert State.all_states.get(code="PT").purged_at is None


def test_an_active_state_is_refused(two_states_with_documents, documents_storage, state_b):
    with pytest.raises(CommandError, match="State NO is not offboarded"):
        call_command("purge_offboarded_states", "--state", "NO")
    with pytest.raises(CommandError, match="State NO is not offboarded"):
        call_command("purge_offboarded_states", "--state", "NO", "--dry-run")
    assert schema_exists("state_no")
    assert all(documents_storage.exists(name) for name in two_states_with_documents["NO"])
    with pytest.raises(CommandError, match="No State has the code ZZ"):
        call_command("purge_offboarded_states", "--state", "ZZ")


def test_only_the_named_state_is_purged(two_states_with_documents, documents_storage, make_user):
    """--state limits the purge to one State: another offboarded State past its retention
    period stays for the next run."""
    from tests.conftest import onboard_test_state

    onboard_test_state("FR", "France", "fr.localhost", "Europe/Paris")
    state_offboard(code="FR", operator="pb-operator")
    State.all_states.filter(code__in=["PT", "FR"]).update(
        offboarded_at=timezone.now() - datetime.timedelta(days=RETENTION_DAYS + 1)
    )
    call_command("purge_offboarded_states", "--state", "fr")
    assert not schema_exists("state_fr") and schema_exists("state_pt")
    assert State.all_states.get(code="PT").purged_at is None


def test_the_retention_period_is_a_year_unless_configured(settings):
    from tenants.services import offboarded_retention

    assert settings.ISUPPORT_OFFBOARDED_RETENTION_DAYS == 365  # the default of base.py
    assert offboarded_retention() == datetime.timedelta(days=365)
    settings.ISUPPORT_OFFBOARDED_RETENTION_DAYS = 90
    assert offboarded_retention() == datetime.timedelta(days=90)
