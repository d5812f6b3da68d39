"""Throttling of failed sign-ins, per account and per client address, in Redis.

Cache keys carry the schema (django-tenants' key function), so each State counts its own
failures. Account names are hashed in keys: no e-mail address is written to Redis.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """The address of the client: REMOTE_ADDR, or, behind ISUPPORT_PROXY_COUNT trusted proxies,
    the address the outermost of them saw (entries further left can be forged by the client)."""
    proxies = settings.ISUPPORT_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        forwarded = [address.strip() for address in forwarded if address.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "-")


def _account_key(username: str) -> str:
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]
    return f"login-failures:account:{account}"


def _keys(*, username: str, client_address: str) -> list[str]:
    return [_account_key(username), f"login-failures:client:{client_address}"]


def login_is_locked(*, username: str, client_address: str) -> bool:
    counts = cache.get_many(_keys(username=username, client_address=client_address))
    return any(count >= settings.LOGIN_FAILURE_LIMIT for count in counts.values())


def login_failure_record(*, username: str, client_address: str) -> None:
    for key in _keys(username=username, client_address=client_address):
        # add() starts the window only once; incr() keeps its expiry.
        cache.add(key, 0, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def login_failures_clear(*, username: str) -> None:
    cache.delete(_account_key(username))
