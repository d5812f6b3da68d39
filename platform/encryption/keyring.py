"""Each State's keys: created at onboarding, rotated, destroyed at offboarding, cached unwrapped.

Ciphertext format (bytes): 0x01 | data-key version (4 bytes, big-endian) | nonce (12) | AES-GCM
ciphertext and tag. The version lets a reader pick the right key after a rotation.
"""

import datetime
import hashlib
import hmac
import logging
import os
import struct
import threading
import time
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import get_public_schema_name, get_tenant_model

from encryption.errors import (
    DecryptionError,
    EncryptionError,
    StateKeysUnavailable,
    UnknownKeyVersion,
)
from encryption.models import StateKey
from encryption.providers import get_provider

logger = logging.getLogger(__name__)

FORMAT_VERSION = 1
_HEADER = struct.Struct(">BI")
_NONCE_BYTES = 12
_PREFIX_BYTES = _HEADER.size + _NONCE_BYTES


@dataclass(eq=False, repr=False)
class StateKeyring:
    """A State's unwrapped keys. Never logged: the repr names the State and versions only."""

    schema_name: str
    active_version: int
    ciphers: dict[int, AESGCM]
    index_key: bytes
    expires_at: float  # time.monotonic() after which the keys are unwrapped again
    keys_changed_at: datetime.datetime  # the State's, when these keys were unwrapped
    _index_keys: dict[bytes, bytes] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<StateKeyring {self.schema_name} data v{sorted(self.ciphers)}>"

    def encrypt(self, plaintext: bytes, associated_data: bytes) -> bytes:
        nonce = os.urandom(_NONCE_BYTES)
        header = _HEADER.pack(FORMAT_VERSION, self.active_version)
        cipher = self.ciphers[self.active_version]
        return header + nonce + cipher.encrypt(nonce, plaintext, header + associated_data)

    def decrypt(self, token: bytes, associated_data: bytes) -> bytes:
        if len(token) < _PREFIX_BYTES + 16:
            raise DecryptionError("The stored value is too short to be a ciphertext.")
        format_version, key_version = _HEADER.unpack_from(token)
        if format_version != FORMAT_VERSION:
            raise DecryptionError(f"Unknown ciphertext format {format_version}.")
        cipher = self.ciphers.get(key_version)
        if cipher is None:
            raise UnknownKeyVersion(
                f"{self.schema_name} has no data key version {key_version}; the value was "
                "written by another State or with a destroyed key."
            )
        nonce = token[_HEADER.size : _PREFIX_BYTES]
        try:
            return cipher.decrypt(
                nonce, token[_PREFIX_BYTES:], token[: _HEADER.size] + associated_data
            )
        except InvalidTag as error:
            raise DecryptionError(
                "The value does not decrypt here: it belongs to another row, column or State, "
                "or it was altered."
            ) from error

    def blind_index_key(self, purpose: bytes) -> bytes:
        """The HMAC key of one blind index (table and column), derived from the index key."""
        key = self._index_keys.get(purpose)
        if key is None:
            key = hmac.new(self.index_key, b"isupport/blind-index/v1/" + purpose, hashlib.sha256)
            key = self._index_keys[purpose] = key.digest()
        return key


def key_version_of(token: bytes) -> int:
    """Which data key version wrote a ciphertext (for re-encryption after a rotation)."""
    return _HEADER.unpack_from(token)[1]


_cache: dict[str, StateKeyring] = {}
_cache_lock = threading.Lock()


def current_keyring() -> StateKeyring:
    """The keyring of the State whose schema the connection is on. Fails closed elsewhere."""
    return keyring_for(connection.schema_name)


def keyring_for(schema_name: str) -> StateKeyring:
    """The keyring of the State with this schema; never of the public schema."""
    keyring = _cache.get(schema_name)
    if keyring is not None and keyring.expires_at >= time.monotonic():
        return keyring
    if schema_name == get_public_schema_name():
        raise EncryptionError(
            "Personal data is encrypted per State and can only be read or written in a State's "
            "schema, not in the public schema."
        )
    with _cache_lock:
        now = time.monotonic()
        for expired in [name for name, cached in _cache.items() if cached.expires_at < now]:
            del _cache[expired]  # no State's keys stay in memory past their time
        keyring = _cache.get(schema_name)
        if keyring is None:
            keyring = _cache[schema_name] = _load_keyring(schema_name)
    return keyring


def encrypt(schema_name: str, plaintext: bytes, associated_data: bytes) -> bytes:
    """Encrypt under the State's newest data key."""
    return keyring_for(schema_name).encrypt(plaintext, associated_data)


def decrypt(schema_name: str, token: bytes, associated_data: bytes) -> bytes:
    """Decrypt with the State's key of the ciphertext's version. A version this process has not
    seen (another process rotated the keys) makes it unwrap the State's keys again, once."""
    keyring = keyring_for(schema_name)
    try:
        return keyring.decrypt(token, associated_data)
    except UnknownKeyVersion:
        if key_version_of(token) <= max(keyring.ciphers):
            raise  # an older version this State no longer has: reloading cannot help
        forget_keys(schema_name)
        return keyring_for(schema_name).decrypt(token, associated_data)


def forget_keys_changed_since_loaded(schema_name: str, keys_changed_at) -> None:
    """Drop the State's cached keys if they were unwrapped before its keys last changed
    (rotation or offboarding in another process). Called whenever a connection switches to a
    State, with the State row just read: web requests and Celery tasks both go through it."""
    keyring = _cache.get(schema_name)
    if keyring is not None and keys_changed_at > keyring.keys_changed_at:
        forget_keys(schema_name)


def forget_keys(schema_name: str | None = None) -> None:
    """Drop unwrapped keys from this process's cache (all States when none is named)."""
    with _cache_lock:
        if schema_name is None:
            _cache.clear()
        else:
            _cache.pop(schema_name, None)


def _load_keyring(schema_name: str) -> StateKeyring:
    state = get_tenant_model().objects.filter(schema_name=schema_name).first()
    if state is None:
        raise StateKeysUnavailable(f"No State has the schema {schema_name}.")
    keys = list(
        StateKey.objects.filter(state=state, destroyed_at__isnull=True).select_related("state")
    )
    data_keys = {key.version: key for key in keys if key.purpose == StateKey.Purpose.DATA}
    index_keys = [key for key in keys if key.purpose == StateKey.Purpose.INDEX]
    if not data_keys or not index_keys:
        if state.keys.filter(destroyed_at__isnull=False).exists():
            raise StateKeysUnavailable(
                f"The keys of {state} were destroyed when it was offboarded; its data can no "
                "longer be decrypted."
            )
        raise StateKeysUnavailable(f"{state} has no keys; onboard it with onboard_state.")
    return StateKeyring(
        schema_name=schema_name,
        active_version=max(data_keys),
        ciphers={version: AESGCM(_unwrap(key)) for version, key in data_keys.items()},
        index_key=_unwrap(index_keys[0]),
        expires_at=time.monotonic() + settings.ISUPPORT_KEY_CACHE_SECONDS,
        keys_changed_at=state.keys_changed_at,
    )


def _unwrap(key: StateKey) -> bytes:
    provider = get_provider(key.provider)
    return provider.unwrap(
        bytes(key.wrapped_key), key_id=key.provider_key_id, context=key.encryption_context
    )


@transaction.atomic
def create_state_keys(state, *, key_encryption_key: str) -> None:
    """Create a new State's first data key and its index key, wrapped by its key-encryption
    key (which the onboarding provisioned with the provider beforehand)."""
    provider = get_provider()
    for purpose in (StateKey.Purpose.DATA, StateKey.Purpose.INDEX):
        _add_key(state, purpose=purpose, version=1, provider=provider, key_id=key_encryption_key)


@transaction.atomic
def rotate_data_key(state) -> int:
    """Add a new data key version; new writes use it, older versions still decrypt."""
    latest = (
        StateKey.objects.select_for_update()
        .filter(state=state, purpose=StateKey.Purpose.DATA, destroyed_at__isnull=True)
        .order_by("-version")
        .first()
    )
    if latest is None:
        raise StateKeysUnavailable(f"{state} has no data key to rotate.")
    provider = get_provider(latest.provider)
    version = latest.version + 1
    _add_key(
        state,
        purpose=StateKey.Purpose.DATA,
        version=version,
        provider=provider,
        key_id=latest.provider_key_id,
    )
    _keys_changed(state)
    return version


@transaction.atomic
def destroy_state_keys(state, *, destroyed_by: str) -> int:
    """Crypto-shred a State: erase its wrapped keys, then (once that is committed) disable and
    schedule the deletion of its key-encryption keys with the provider."""
    keys = list(StateKey.objects.select_for_update().filter(state=state, destroyed_at__isnull=True))
    count = StateKey.objects.filter(pk__in=[key.pk for key in keys]).update(
        wrapped_key=None, destroyed_at=timezone.now(), destroyed_by=destroyed_by
    )
    _keys_changed(state)
    for key_id, provider_name in {(key.provider_key_id, key.provider) for key in keys}:

        def destroy_after_commit(provider_name=provider_name, key_id=key_id):
            _destroy_key_encryption_key(provider_name, key_id, state)

        transaction.on_commit(destroy_after_commit, robust=True)
    return count


def _destroy_key_encryption_key(provider_name: str, key_id: str, state) -> None:
    """After commit: a provider failure leaves the wrapped keys erased all the same; it is logged,
    and `offboard_state --retry-key-destruction` repeats the call (safe to repeat)."""
    try:
        get_provider(provider_name).destroy_key_encryption_key(key_id=key_id)
    except Exception:
        logger.exception(
            "could not destroy the key-encryption key %s of %s; retry with the provider",
            key_id,
            state.schema_name,
            extra={"event": "key_destruction_failed", "state": state.schema_name},
        )
        raise
    logger.info(
        "destroyed the key-encryption key %s of %s",
        key_id,
        state.schema_name,
        extra={"event": "key_destroyed", "state": state.schema_name},
    )


def retry_key_encryption_key_destruction(state) -> int:
    """Ask the provider again to destroy the key-encryption keys of a State whose wrapped keys
    were destroyed (after a provider failure at offboarding). Returns how many were asked."""
    destroyed = StateKey.objects.filter(state=state, destroyed_at__isnull=False)
    key_ids = set(destroyed.values_list("provider", "provider_key_id"))
    for provider_name, key_id in key_ids:
        get_provider(provider_name).destroy_key_encryption_key(key_id=key_id)
    return len(key_ids)


def _keys_changed(state) -> None:
    """Record the change on the State row, which every process reads when it switches to the
    State, so that other processes drop their cached keys (see forget_keys_changed_since_loaded)."""
    type(state).objects.filter(pk=state.pk).update(keys_changed_at=timezone.now())
    forget_keys(state.schema_name)


def _add_key(state, *, purpose: str, version: int, provider, key_id: str) -> StateKey:
    key = StateKey(
        state=state,
        purpose=purpose,
        version=version,
        provider=provider.name,
        provider_key_id=key_id,
    )
    key.wrapped_key = provider.generate_wrapped_key(key_id=key_id, context=key.encryption_context)
    key.save()
    return key
