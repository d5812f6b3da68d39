"""The REST API (Django REST Framework) and its OpenAPI schema (drf-spectacular)."""

from django.utils.translation import gettext_lazy as _

from .base import INSTALLED_APPS, env

# Model-less apps: templates and static files only (Swagger UI and Redoc from the sidecar
# package, never from a CDN). Extended in place, so the order of the star imports in
# settings/__init__.py does not matter.
INSTALLED_APPS.extend(
    app
    for app in ("rest_framework", "drf_spectacular", "drf_spectacular_sidecar")
    if app not in INSTALLED_APPS
)

REST_FRAMEWORK = {
    # Bearer tokens of the State's integration clients first, so that an unauthenticated request
    # gets 401 with `WWW-Authenticate: Bearer`; signed-in users through their session (with CSRF).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.JSONParser",  # DRF's, refusing JSON nested too deeply
        "rest_framework.parsers.MultiPartParser",
    ],
    # OPTIONS: 200 with Allow and the media types, without introspecting serializers.
    "DEFAULT_METADATA_CLASS": "api.metadata.AllowedMethodsMetadata",
    # api.problems' handler, counting each 401 against the client address (api/throttling.py).
    "EXCEPTION_HANDLER": "api.throttling.problem_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "api.pagination.NewestFirstCursorPagination",
    "PAGE_SIZE": 50,
    # Per API client (or signed-in user), and unauthenticated requests per client address,
    # counted in the Redis cache (keys carry the schema).
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.ClientRateThrottle",
        "api.throttling.AnonymousRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "api_client": env("ISUPPORT_API_RATE", default="600/minute"),
        "api_anonymous": env("ISUPPORT_API_ANON_RATE", default="60/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "api.schema.ProblemAutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "COERCE_DECIMAL_TO_STRING": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "iSupport REST API",
    "DESCRIPTION": _(
        "A Central Authority's cases under the 2007 Hague Child Support Convention, for the "
        "State's integration clients. Errors are application/problem+json (RFC 9457)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Identifiers in paths are matched loosely (api/urls.py) but documented as UUIDs.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "string", "format": "uuid"}},
}
