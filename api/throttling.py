"""Rate limits of the REST API, counted in the Redis cache; the cache's key function puts the
State's schema in every key, so States never share a count.

- ``ClientRateThrottle``: ``ISUPPORT_API_RATE`` requests per integration client (or signed-in
  user).
- ``AnonymousRateThrottle``: ``ISUPPORT_API_ANON_RATE`` unauthenticated requests (no
  credentials, or a token or session that is not valid on this host) per client address, the
  address taken as the sign-in throttle takes it (``ISUPPORT_PROXY_COUNT`` trusted proxies, never
  an ``X-Forwarded-For`` entry a client could write). Past the rate such requests get 429
  with ``Retry-After`` instead of 401; an authenticated client at the same address is not held
  back by them.

Django REST framework checks throttles after authentication and permissions, so a request
refused 401 never reaches them: ``problem_exception_handler`` (the API's exception handler)
counts each 401 against the address first. ``AnonymousRateThrottle`` is also a default
throttle class, for any endpoint that lets unauthenticated requests through.
"""

from rest_framework import exceptions
from rest_framework.throttling import SimpleRateThrottle

from accounts.throttle import client_address
from api import problems
from api.models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    """``DEFAULT_THROTTLE_RATES["api_client"]`` requests per client, whoever it acts for.
    Unauthenticated requests are ``AnonymousRateThrottle``'s."""

    scope = "api_client"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiClient):
            ident = f"client:{request.auth.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(SimpleRateThrottle):
    """``DEFAULT_THROTTLE_RATES["api_anonymous"]`` unauthenticated requests per client
    address (and per State: the cache key carries the schema)."""

    scope = "api_anonymous"

    def get_cache_key(self, request, view):
        if request.user is not None and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

    def get_ident(self, request):
        # DRF's own get_ident trusts the whole X-Forwarded-For unless NUM_PROXIES is set.
        return client_address(request)

    def wait(self) -> float:
        return super().wait() or float(self.duration)


def problem_exception_handler(exc, context):
    """The API's exception handler (``api.problems``), with every 401 counted against the
    client address: past ``ISUPPORT_API_ANON_RATE`` the answer is 429 with ``Retry-After``."""
    request, view = context.get("request"), context.get("view")
    if request is not None and isinstance(
        exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed
    ):
        throttle = AnonymousRateThrottle()
        if not throttle.allow_request(request, view):
            exc = exceptions.Throttled(wait=throttle.wait())
    return problems.problem_exception_handler(exc, context)
