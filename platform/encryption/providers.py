"""Key providers: the key-encryption keys that wrap each State's keys.

A provider never sees personal data; it wraps and unwraps 32-byte keys, bound to an encryption
context naming the State, so a wrapped key copied to another State does not unwrap.

- `LocalKeyProvider` (development, tests): a 256-bit master key from ISUPPORT_MASTER_KEY or a file
  created once with owner-only permissions; each State's key-encryption key is derived from it.
  Destroying a State's wrapped keys shreds its data only as long as no backup keeps the wrapped
  keys; production uses KMS.
- `AwsKmsKeyProvider`: AWS KMS through boto3. By default one KMS key per State, so that
  crypto-shredding a State (scheduling its KMS key's deletion) also defeats old backups; or one
  shared KMS key (ISUPPORT_KMS_KEY_ID) with the State named in the encryption context.
"""

import base64
import json
import os
from functools import cache
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from encryption.errors import EncryptionError, StateKeysUnavailable

KEY_BYTES = 32


class KeyProvider(Protocol):
    name: str

    def create_key_encryption_key(self, *, schema_name: str) -> str:
        """Provision the key that will wrap this State's keys; return its identifier."""

    def generate_wrapped_key(self, *, key_id: str, context: dict[str, str]) -> bytes:
        """Return a fresh 256-bit key, wrapped only (its plaintext is never needed then)."""

    def unwrap(self, wrapped: bytes, *, key_id: str, context: dict[str, str]) -> bytes:
        """Return the plaintext of a wrapped key; raise StateKeysUnavailable if it cannot."""

    def destroy_key_encryption_key(self, *, key_id: str) -> None:
        """Make the key-encryption key unusable, where the provider can."""


def _context_bytes(context: dict[str, str]) -> bytes:
    return json.dumps(context, sort_keys=True, separators=(",", ":")).encode()


class LocalKeyProvider:
    name = "local"

    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != KEY_BYTES:
            raise EncryptionError("The master key must be 32 bytes (base64-encoded in settings).")
        self._master_key = master_key

    @classmethod
    def from_settings(cls) -> "LocalKeyProvider":
        if settings.ISUPPORT_MASTER_KEY:
            try:
                return cls(base64.b64decode(settings.ISUPPORT_MASTER_KEY, validate=True))
            except ValueError as error:
                raise EncryptionError("ISUPPORT_MASTER_KEY is not valid base64.") from error
        return cls(_master_key_from_file(Path(settings.ISUPPORT_MASTER_KEY_FILE)))

    def create_key_encryption_key(self, *, schema_name: str) -> str:
        return f"local:{schema_name}"

    def generate_wrapped_key(self, *, key_id: str, context: dict[str, str]) -> bytes:
        plaintext = AESGCM.generate_key(bit_length=256)
        nonce = os.urandom(12)
        return nonce + self._cipher(key_id).encrypt(nonce, plaintext, _context_bytes(context))

    def unwrap(self, wrapped: bytes, *, key_id: str, context: dict[str, str]) -> bytes:
        try:
            return self._cipher(key_id).decrypt(wrapped[:12], wrapped[12:], _context_bytes(context))
        except InvalidTag as error:
            raise StateKeysUnavailable(
                f"A key of {context.get('state')} does not unwrap with the local master key "
                "(wrong master key, or the wrapped key was moved)."
            ) from error

    def destroy_key_encryption_key(self, *, key_id: str) -> None:
        # The local key-encryption key is derived from the master key and cannot be destroyed
        # alone; destroying the wrapped keys is what shreds a State here.
        return None

    def _cipher(self, key_id: str) -> AESGCM:
        key_encryption_key = HKDF(
            algorithm=hashes.SHA256(),
            length=KEY_BYTES,
            salt=None,
            info=b"isupport/key-encryption-key/v1/" + key_id.encode(),
        ).derive(self._master_key)
        return AESGCM(key_encryption_key)


def _master_key_from_file(path: Path) -> bytes:
    """Read the development master key, creating it once with owner-only permissions."""
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process created it first
        else:
            with os.fdopen(fd, "wb") as file:
                file.write(base64.b64encode(os.urandom(KEY_BYTES)))
    if path.stat().st_mode & 0o077:
        raise EncryptionError(f"{path} must be readable by its owner only (chmod 600).")
    try:
        return base64.b64decode(path.read_bytes().strip(), validate=True)
    except ValueError as error:
        raise EncryptionError(f"{path} does not hold a base64-encoded master key.") from error


class AwsKmsKeyProvider:
    name = "aws-kms"

    def __init__(self, client, *, shared_key_id: str = "", deletion_window_days: int = 30) -> None:
        self._client = client
        self._shared_key_id = shared_key_id
        self._deletion_window_days = deletion_window_days

    @classmethod
    def from_settings(cls) -> "AwsKmsKeyProvider":
        import boto3

        return cls(
            boto3.client("kms", region_name=settings.ISUPPORT_KMS_REGION),
            shared_key_id=settings.ISUPPORT_KMS_KEY_ID,
        )

    def create_key_encryption_key(self, *, schema_name: str) -> str:
        if self._shared_key_id:
            return self._shared_key_id
        key = self._client.create_key(
            Description=f"iSupport platform: keys of {schema_name}",
            KeyUsage="ENCRYPT_DECRYPT",
            KeySpec="SYMMETRIC_DEFAULT",
            Tags=[{"TagKey": "isupport:state", "TagValue": schema_name}],
        )
        key_id = key["KeyMetadata"]["Arn"]
        self._client.create_alias(AliasName=f"alias/isupport/{schema_name}", TargetKeyId=key_id)
        return key_id

    def generate_wrapped_key(self, *, key_id: str, context: dict[str, str]) -> bytes:
        response = self._client.generate_data_key_without_plaintext(
            KeyId=key_id, KeySpec="AES_256", EncryptionContext=context
        )
        return response["CiphertextBlob"]

    def unwrap(self, wrapped: bytes, *, key_id: str, context: dict[str, str]) -> bytes:
        from botocore.exceptions import ClientError

        try:
            response = self._client.decrypt(
                CiphertextBlob=wrapped, KeyId=key_id, EncryptionContext=context
            )
        except ClientError as error:
            code = error.response.get("Error", {}).get("Code", "unknown")
            raise StateKeysUnavailable(
                f"AWS KMS refused to unwrap a key of {context.get('state')} ({code})."
            ) from error
        return response["Plaintext"]

    def destroy_key_encryption_key(self, *, key_id: str) -> None:
        if self._shared_key_id:
            return None  # a shared key wraps other States' keys too; the wrapped keys are erased
        metadata = self._client.describe_key(KeyId=key_id)["KeyMetadata"]
        if metadata["KeyState"] == "PendingDeletion":
            return None  # already destroyed: repeating the offboarding is safe
        key_id = metadata["KeyId"]
        for alias in self._client.list_aliases(KeyId=key_id).get("Aliases", []):
            self._client.delete_alias(AliasName=alias["AliasName"])
        if metadata["Enabled"]:
            self._client.disable_key(KeyId=key_id)
        self._client.schedule_key_deletion(
            KeyId=key_id, PendingWindowInDays=self._deletion_window_days
        )
        return None


@cache
def _configured_provider(name: str) -> KeyProvider:
    if name == LocalKeyProvider.name:
        return LocalKeyProvider.from_settings()
    if name == AwsKmsKeyProvider.name:
        return AwsKmsKeyProvider.from_settings()
    raise EncryptionError(f"Unknown key provider {name!r}: use 'local' or 'aws-kms'.")


def get_provider(name: str | None = None) -> KeyProvider:
    """The provider for new keys (the configured one) or for an existing key (by its name)."""
    return _configured_provider(name or settings.ISUPPORT_KEY_PROVIDER)


def reset_providers() -> None:
    """Forget configured providers (tests that change settings call this)."""
    _configured_provider.cache_clear()
