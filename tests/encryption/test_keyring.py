"""State keyrings: wrapped at rest, cached for a bounded time, never shown."""

from encryption.keyring import current_keyring, forget_keys, keyring_for
from encryption.models import StateKey


def test_keys_are_stored_only_wrapped(state_a, in_state):
    in_state(state_a)
    keyring = current_keyring()
    data_key = StateKey.objects.get(state=state_a, purpose="data", version=1)
    index_key = StateKey.objects.get(state=state_a, purpose="index", version=1)
    stored = bytes(data_key.wrapped_key) + bytes(index_key.wrapped_key)
    assert keyring.index_key not in stored
    assert len(keyring.index_key) == 32
    assert keyring.ciphers.keys() == {1}


def test_keyring_repr_shows_no_key_material(state_a, in_state):
    in_state(state_a)
    keyring = current_keyring()
    assert repr(keyring) == "<StateKeyring state_pt data v[1]>"
    assert keyring.index_key.hex() not in repr(keyring)


def test_unwrapped_keys_are_cached_for_a_bounded_time(state_a, settings):
    settings.ISUPPORT_KEY_CACHE_SECONDS = 300
    assert keyring_for("state_pt") is keyring_for("state_pt")
    forget_keys()
    settings.ISUPPORT_KEY_CACHE_SECONDS = -1  # expired as soon as loaded
    first = keyring_for("state_pt")
    assert keyring_for("state_pt") is not first


def test_each_state_has_its_own_keys(state_a, state_b):
    keyring_a, keyring_b = keyring_for("state_pt"), keyring_for("state_no")
    assert keyring_a.index_key != keyring_b.index_key
