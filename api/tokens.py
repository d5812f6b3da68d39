"""API tokens: ``isk_<prefix>_<secret>``. The prefix (12 characters, not secret) finds the
client and is shown in the administrators' list; only the SHA-256 of the whole token is stored,
and it is compared in constant time."""

import dataclasses
import hashlib
import hmac
import re
import secrets

TOKEN_PATTERN = re.compile(r"^isk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$")


@dataclasses.dataclass(frozen=True)
class NewToken:
    plaintext: str
    prefix: str
    sha256: str


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def token_new() -> NewToken:
    """A fresh token: 256 random bits of secret (ASVS 11.5.1 asks for at least 128)."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    prefix = "".join(secrets.choice(alphabet) for _ in range(12))
    plaintext = f"isk_{prefix}_{secrets.token_urlsafe(32)}"
    return NewToken(plaintext=plaintext, prefix=prefix, sha256=token_sha256(plaintext))


def token_prefix(token: str) -> str | None:
    """The prefix of a well-formed token, or None."""
    match = TOKEN_PATTERN.match(token)
    return match.group(1) if match else None


def token_matches(token: str, stored_sha256: str) -> bool:
    return hmac.compare_digest(token_sha256(token), stored_sha256)
