"""Throttling of failed sign-ins, per account and per client address, in Redis.

Cache keys carry the schema (django-tenants' key function), so each State counts its own
failures. Account names are hashed in keys: no e-mail address is written to Redis.

Each attempt takes its place in both counts *before* the password is checked, in one atomic
step (a Lua script: compare both counts with the limit and, if neither has reached it, increment
both), so a burst of attempts sent at once cannot all pass a check made before any of them is
counted: at most LOGIN_FAILURE_LIMIT passwords are checked per account and per address in a
window. A failed attempt keeps its place; a successful one clears the account's count and gives
its place back to the address; an attempt that checked no password (a form error) gives both
back.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

# KEYS: the counts; ARGV: the limit, the window in seconds. Returns 1 when the attempt may be
# checked (and is now counted), 0 when one count has reached the limit (nothing is counted).
_BEGIN = """
for _, key in ipairs(KEYS) do
    if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[1]) then
        return 0
    end
end
for _, key in ipairs(KEYS) do
    if redis.call('INCR', key) == 1 or redis.call('TTL', key) < 0 then
        redis.call('EXPIRE', key, ARGV[2])
    end
end
return 1
"""
# KEYS: the counts an attempt gives its place back to (never below zero, never re-created).
_RELEASE = """
for _, key in ipairs(KEYS) do
    if tonumber(redis.call('GET', key) or '0') > 0 then
        redis.call('DECR', key)
    end
end
return 1
"""


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


def _client_key(client_address: str) -> str:
    return f"login-failures:client:{client_address}"


def _redis():
    """The cache's own Redis client (Django's RedisCache), or None for another cache backend."""
    backend = getattr(cache, "_cache", None)
    get_client = getattr(backend, "get_client", None)
    return get_client(None, write=True) if get_client is not None else None


def _run(script: str, keys: list[str], *arguments) -> int:
    # The cache's full keys (schema, prefix, version), so cache.get() and cache.delete() see them.
    full_keys = [cache.make_and_validate_key(key) for key in keys]
    return int(_redis().register_script(script)(keys=full_keys, args=list(arguments)))


def login_attempt_begin(*, username: str, client_address: str) -> bool:
    """Count a sign-in attempt before its password is checked. False (and nothing counted)
    when the account or the address has reached LOGIN_FAILURE_LIMIT in the window."""
    keys = [_account_key(username), _client_key(client_address)]
    limit, window = settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW_SECONDS
    if _redis() is not None:
        return _run(_BEGIN, keys, limit, window) == 1
    # Another cache backend (never in a deployment): increment first, then compare, so two
    # attempts at once still get different counts; an attempt over the limit gives its places back.
    counts = []
    for key in keys:
        cache.add(key, 0, timeout=window)
        try:
            counts.append(cache.incr(key))
        except ValueError:  # expired in between
            cache.set(key, 1, timeout=window)
            counts.append(1)
    if any(count > limit for count in counts):
        _release(keys)
        return False
    return True


def login_attempt_succeeded(*, username: str, client_address: str) -> None:
    """The right password: the account's failures are forgotten, and the attempt's place in the
    address's count is given back (a success is not a failure of that address)."""
    cache.delete(_account_key(username))
    _release([_client_key(client_address)])


def login_attempt_void(*, username: str, client_address: str) -> None:
    """No password was checked (a form error, or an error of the platform): both places back."""
    _release([_account_key(username), _client_key(client_address)])


def _release(keys: list[str]) -> None:
    if _redis() is not None:
        _run(_RELEASE, keys)
        return
    for key in keys:
        try:
            if (cache.get(key) or 0) > 0:
                cache.decr(key)
        except ValueError:  # expired in between: nothing to give back
            pass
