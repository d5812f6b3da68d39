"""Django, django-tenants, database, cache, i18n and security settings."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from isupport import embedded

REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
PLATFORM_ROOT = REPOSITORY_ROOT / "platform"
LOCAL_DIR = embedded.LOCAL_DIR

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# In production nothing falls back to a development default: no embedded servers, no generated
# secret key or master key (a container's .local/ would vanish with it, and every State's keys).
ENVIRONMENT = env("ISUPPORT_ENVIRONMENT", default="development")
if ENVIRONMENT == "production":
    _required = ["DJANGO_SECRET_KEY", "DATABASE_URL", "REDIS_URL"]
    if env("ISUPPORT_KEY_PROVIDER", default="local") == "local":
        _required.append("ISUPPORT_MASTER_KEY (or ISUPPORT_KEY_PROVIDER=aws-kms)")
    _missing = [name for name in _required if not env(name.split()[0], default="")]
    if _missing or DEBUG:
        raise ImproperlyConfigured(
            "ISUPPORT_ENVIRONMENT=production needs " + ", ".join(_missing or ["DJANGO_DEBUG off"])
        )

SECRET_KEY = env("DJANGO_SECRET_KEY", default="") or embedded.development_secret_key()

# Each State is served on <code>.<base domain>, the Permanent Bureau on admin.<base domain>,
# the Governing Body on governing-body.<base domain>. *.localhost resolves in every browser.
BASE_DOMAIN = env("ISUPPORT_BASE_DOMAIN", default="localhost")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[f".{BASE_DOMAIN}", BASE_DOMAIN])

# --- Tenancy (django-tenants) -----------------------------------------------------------------
# Apps in both lists get tables in every schema: a State's accounts, sessions and permissions
# live in its own schema, the Permanent Bureau's in the public schema.
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "accounts",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "encryption",
    "billing_maintenance",
    "convention",
    "convention.forms",
    # Template-only apps: Django's form widget templates (for the GOV.UK form renderer) and
    # {% partialdef %} partials (django-template-partials; built into Django from 6.0).
    "django.forms",
    "template_partials",
]
# Apps whose tables every non-public schema gets: the schema's own accounts, sessions, permissions.
_SCHEMA_ACCOUNT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "accounts",
]
# Three kinds of tenant (State.kind): the public schema serves the Permanent Bureau; each State's
# schema holds its cases; the Governing Body's schema holds only its own accounts, since it reads
# aggregated statistics from the public schema and never a case.
HAS_MULTI_TYPE_TENANTS = True
MULTI_TYPE_DATABASE_FIELD = "kind"
TENANT_TYPES = {
    "public": {"APPS": SHARED_APPS, "URLCONF": "isupport.urls_public"},
    "state": {
        "APPS": [*_SCHEMA_ACCOUNT_APPS, "audit", "cases", "api"],
        "URLCONF": "isupport.urls_state",
    },
    "governing_body": {"APPS": _SCHEMA_ACCOUNT_APPS, "URLCONF": "isupport.urls_governing_body"},
}
INSTALLED_APPS = list(dict.fromkeys(app for kind in TENANT_TYPES.values() for app in kind["APPS"]))

TENANT_MODEL = "tenants.State"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
PUBLIC_SCHEMA_URLCONF = "isupport.urls_public"
ROOT_URLCONF = "isupport.urls_public"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# Whenever a connection switches to a State, drop its cached keys if they changed since.
EXTRA_SET_TENANT_METHOD_PATH = "encryption.freshness.drop_stale_keys"

DATABASES = {
    "default": {
        **env.db_url_config(embedded.database_url()),
        "ENGINE": "django_tenants.postgresql_backend",
        "CONN_MAX_AGE": env.int("DATABASE_CONN_MAX_AGE", default=60),
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = embedded.redis_url()
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        # Every cache key carries the schema, so one State's entries never answer another's.
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "KEY_PREFIX": env("ISUPPORT_CACHE_PREFIX", default="isupport"),
    }
}

MIDDLEWARE = [
    "isupport.observability.HealthCheckMiddleware",
    # Static assets (the collected STATIC_ROOT) on any host, before routing: they hold no data.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_tenants.middleware.main.TenantMainMiddleware",
    "isupport.observability.RequestContextMiddleware",
    "isupport.middleware.NoStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionBoundToSchemaMiddleware",
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",  # request.htmx
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PLATFORM_ROOT / "isupport" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            # {% load govuk %}: the GOV.UK component tags (isupport/templatetags/govuk.py).
            "libraries": {"govuk": "isupport.templatetags.govuk"},
            # {% partialdef %} in every template, as in Django 6.
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

WSGI_APPLICATION = "isupport.wsgi.application"

# Forms render GOV.UK Frontend markup (isupport/forms_rendering.py, templates/forms/govuk/).
FORM_RENDERER = "isupport.forms_rendering.GovukFormRenderer"

# --- Accounts -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins allowed per account (and per client address) in the window before a lock-out.
LOGIN_FAILURE_LIMIT = env.int("ISUPPORT_LOGIN_FAILURE_LIMIT", default=5)
LOGIN_FAILURE_WINDOW_SECONDS = env.int("ISUPPORT_LOGIN_FAILURE_WINDOW_SECONDS", default=900)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("ISUPPORT_SESSION_SECONDS", default=8 * 3600)
SESSION_COOKIE_SECURE = env.bool("ISUPPORT_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if ENVIRONMENT == "production" and not SESSION_COOKIE_SECURE:
    raise ImproperlyConfigured(
        "ISUPPORT_ENVIRONMENT=production needs HTTPS-only cookies: unset ISUPPORT_SECURE_COOKIES."
    )
# Every State is a subdomain of the base domain, so the States' hosts are the same *site* to a
# browser (SameSite does not separate them). Cookies are host-only (no Domain), and wherever the
# platform is deployed over HTTPS their names carry the __Host- prefix: the browser then accepts
# them only Secure, with Path=/ and no Domain, so no other State's host can set, overwrite or
# read them. Development and the tests (plain HTTP on *.localhost) keep Django's names.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_PATH = CSRF_COOKIE_PATH = "/"
if SESSION_COOKIE_SECURE and ENVIRONMENT != "development":
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Behind load balancers or proxies: how many of them append to X-Forwarded-For (0: none). The
# client address (for sign-in throttling) is the one the outermost trusted proxy saw, and the
# proxies' X-Forwarded-Proto tells whether the request came over HTTPS.
ISUPPORT_PROXY_COUNT = env.int("ISUPPORT_PROXY_COUNT", default=0)
if ISUPPORT_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def https_defaults(*, debug: bool, environment: str) -> tuple[bool, int]:
    """(redirect HTTP to HTTPS, Strict-Transport-Security max-age) when the environment does
    not set ISUPPORT_SSL_REDIRECT or ISUPPORT_HSTS_SECONDS: on, for a year, wherever the
    platform is deployed; off in development (`make run`, the tests, CI), which speak plain
    HTTP to *.localhost."""
    if debug or environment == "development":
        return False, 0
    return True, 365 * 24 * 3600  # a year


_ssl_redirect, _hsts_seconds = https_defaults(debug=DEBUG, environment=ENVIRONMENT)
SECURE_SSL_REDIRECT = env.bool("ISUPPORT_SSL_REDIRECT", default=_ssl_redirect)
SECURE_HSTS_SECONDS = env.int("ISUPPORT_HSTS_SECONDS", default=_hsts_seconds)
# Every State is served on a subdomain of the base domain, so the policy covers subdomains too.
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# The load balancer checks /healthz over plain HTTP on the targets: never redirected (the health
# check middleware answers before SecurityMiddleware anyway; this keeps it so if they move).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


def csrf_trusted_origins(origins: list[str]) -> list[str]:
    """DJANGO_CSRF_TRUSTED_ORIGINS, refused if an entry has a wildcard: `https://*.<base>` would
    let every State's pages send forms to every other State's host. None is needed when each
    host is served on its own origin (a form's Origin is then its host); exact origins only for a
    reverse proxy that rewrites the Origin header."""
    wildcards = [origin for origin in origins if "*" in origin]
    if wildcards:
        raise ImproperlyConfigured(
            f"DJANGO_CSRF_TRUSTED_ORIGINS must list exact origins, not {', '.join(wildcards)}: "
            "a wildcard would let every State's host send forms to every other State's. Each "
            "State's host needs no entry; list exact origins (https://host[:port]) only for a "
            "reverse proxy that rewrites the Origin header."
        )
    return origins


CSRF_TRUSTED_ORIGINS = csrf_trusted_origins(env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[]))

# How long an offboarded State's schema and documents (unreadable since its keys were destroyed)
# are kept before `purge_offboarded_states` deletes them.
ISUPPORT_OFFBOARDED_RETENTION_DAYS = env.int("ISUPPORT_OFFBOARDED_RETENTION_DAYS", default=365)

# --- Encryption -------------------------------------------------------------------------------
# "local": master key from ISUPPORT_MASTER_KEY or .local/master.key (development, tests).
# "aws-kms": AWS KMS through boto3, one KMS key per State unless ISUPPORT_KMS_KEY_ID names one.
ISUPPORT_KEY_PROVIDER = env("ISUPPORT_KEY_PROVIDER", default="local")
ISUPPORT_MASTER_KEY = env("ISUPPORT_MASTER_KEY", default="")
ISUPPORT_MASTER_KEY_FILE = LOCAL_DIR / "master.key"
ISUPPORT_KMS_KEY_ID = env("ISUPPORT_KMS_KEY_ID", default="")
ISUPPORT_KMS_REGION = env("AWS_REGION", default="eu-west-1")
ISUPPORT_KEY_CACHE_SECONDS = env.int("ISUPPORT_KEY_CACHE_SECONDS", default=300)

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("pt", _("Portuguese")),
]
LOCALE_PATHS = [PLATFORM_ROOT / "isupport" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "static/"
STATIC_ROOT = REPOSITORY_ROOT / "staticfiles"
# Outside production WhiteNoise looks for the collected files at each request (there is no
# collectstatic in development or the tests); production reads them once, at start-up.
WHITENOISE_AUTOREFRESH = ENVIRONMENT != "production"
# The platform's own static files, and the front-end build (infra/frontend.py: GOV.UK Frontend,
# MOJ Frontend, htmx, fonts) served as "frontend/...".
FRONTEND_BUILD_DIR = REPOSITORY_ROOT / "build" / "frontend"
STATICFILES_DIRS = [
    PLATFORM_ROOT / "isupport" / "static",
    ("frontend", FRONTEND_BUILD_DIR),
]
