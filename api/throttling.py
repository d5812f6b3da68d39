"""Rate limits per integration client (or signed-in user), counted in the Redis cache; the
cache's key function puts the State's schema in every key, so States never share a count."""

from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiClient


class ClientRateThrottle(SimpleRateThrottle):
    """``DEFAULT_THROTTLE_RATES["api_client"]`` requests per client, whoever it acts for.
    Unauthenticated requests are refused by authentication before they count."""

    scope = "api_client"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiClient):
            ident = f"client:{request.auth.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"address:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
