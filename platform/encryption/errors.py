"""Errors of the encryption layer. Their messages never carry plaintext or key material."""


class EncryptionError(Exception):
    """Personal data cannot be encrypted or decrypted here (wrong context, misuse of a field)."""

    safe_to_log = True  # messages name States, tables and rows, never a value


class DecryptionError(EncryptionError):
    """A ciphertext does not decrypt: moved to another row, column or State, or altered."""


class UnknownKeyVersion(DecryptionError):
    """A ciphertext names a data key version this keyring does not hold."""


class StateKeysUnavailable(EncryptionError):
    """The State has no usable keys: it was offboarded (keys destroyed) or never onboarded."""
