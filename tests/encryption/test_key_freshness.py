"""Several processes cache a State's keys; a rotation or an offboarding made by one reaches the
others. Another process is simulated by putting back into the cache keys unwrapped earlier."""

import pytest
from django.db import connection

from cases.models import Person
from encryption import keyring
from encryption.errors import StateKeysUnavailable
from encryption.rotation import reencrypt_current_schema
from tenants.models import State


def _as_another_process(state, stale_keys):
    keyring._cache[state.schema_name] = stale_keys


def test_value_written_after_a_rotation_elsewhere_is_read_with_the_new_key(
    state_a, in_state, make_person
):
    in_state(state_a)
    stale = keyring.current_keyring()
    keyring.rotate_data_key(state_a)  # in "the other process"
    person = make_person(family_name="Rodrigues")  # written under version 2
    _as_another_process(state_a, stale)
    assert keyring.current_keyring().active_version == 1
    assert Person.objects.get(pk=person.pk).family_name == "Rodrigues"
    assert keyring.current_keyring().active_version == 2  # unwrapped again, once


def test_switching_to_a_state_drops_keys_older_than_its_last_change(state_a, in_state):
    in_state(state_a)
    stale = keyring.current_keyring()
    keyring.rotate_data_key(state_a)
    _as_another_process(state_a, stale)
    in_state(State.objects.get(pk=state_a.pk))  # what every request and task does
    assert keyring.current_keyring().active_version == 2


def test_offboarding_elsewhere_stops_decryption_at_the_next_switch(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    stale = keyring.current_keyring()
    connection.set_schema_to_public()
    keyring.destroy_state_keys(state_a, destroyed_by="other process")
    _as_another_process(state_a, stale)
    in_state(State.objects.get(pk=state_a.pk))
    with pytest.raises(StateKeysUnavailable):
        Person.objects.get(pk=person.pk).family_name  # noqa: B018


def test_reencryption_uses_the_newest_key_even_if_rotated_elsewhere(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    stale = keyring.current_keyring()
    keyring.rotate_data_key(state_a)
    _as_another_process(state_a, stale)
    assert reencrypt_current_schema().rewritten >= 1
    token = Person.objects.get(pk=person.pk).__dict__["family_name"].token
    assert keyring.key_version_of(token) == 2


def test_switching_by_schema_name_alone_does_not_trust_cached_keys(state_a, in_state, make_person):
    from django_tenants.utils import schema_context

    in_state(state_a)
    person = make_person()
    stale = keyring.current_keyring()
    connection.set_schema_to_public()
    keyring.destroy_state_keys(state_a, destroyed_by="other process")
    _as_another_process(state_a, stale)
    with schema_context(state_a.schema_name), pytest.raises(StateKeysUnavailable):
        Person.objects.get(pk=person.pk).family_name  # noqa: B018


def test_expired_keys_of_every_state_leave_memory(state_a, state_b, settings):
    settings.ISUPPORT_KEY_CACHE_SECONDS = -1
    keyring.keyring_for(state_a.schema_name)
    settings.ISUPPORT_KEY_CACHE_SECONDS = 300
    keyring.keyring_for(state_b.schema_name)  # any later load sweeps expired entries
    assert state_a.schema_name not in keyring._cache


def test_an_older_state_row_does_not_drop_newer_keys(state_a, in_state):
    old_row = State.objects.get(pk=state_a.pk)
    keyring.rotate_data_key(state_a)
    in_state(State.objects.get(pk=state_a.pk))
    current = keyring.current_keyring()
    in_state(old_row)  # e.g. tenant_context restoring a tenant object read before the rotation
    assert keyring.current_keyring() is current
