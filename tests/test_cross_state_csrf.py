"""Cookies and CSRF across States. Every State's host is a subdomain of one base domain, so the
States' hosts are *same-site* to each other: SameSite=Lax does not stop a page on pt.<base> from
sending a form to no.<base>. What stops it is Django's Origin (and, over HTTPS, Referer) check,
which a wildcard trusted origin (``https://*.<base>``) would switch off between every pair of
States; and host-only cookies, which the ``__Host-`` prefix makes the browser enforce, so that no
sibling host can set or overwrite a State's session or CSRF cookie."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from tests.conftest import HOST_A, HOST_B, PASSWORD

ROOT = Path(__file__).resolve().parents[1]
ORIGIN_A, ORIGIN_B = f"https://{HOST_A}", f"https://{HOST_B}"


def _signed_in_over_https(host: str, user) -> tuple[Client, str]:
    """A browser that signed in on ``host`` over HTTPS, CSRF checks on; and its CSRF token."""
    browser = Client(HTTP_HOST=host, enforce_csrf_checks=True)
    browser.get("/accounts/login/", secure=True)
    token = browser.cookies[_csrf_cookie_name()].value
    response = browser.post(
        "/accounts/login/",
        {"username": user.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        secure=True,
        HTTP_ORIGIN=f"https://{host}",
    )
    assert response.status_code == 302, response.content.decode()[:300]
    connection.set_schema_to_public()
    return browser, browser.cookies[_csrf_cookie_name()].value


def _csrf_cookie_name() -> str:
    from django.conf import settings

    return settings.CSRF_COOKIE_NAME


def _sign_out(browser: Client, host: str, token: str, **headers):
    return browser.post(
        "/accounts/logout/",
        {"csrfmiddlewaretoken": token},
        secure=True,
        HTTP_HOST=host,
        **headers,
    )


def _is_signed_in(browser: Client, host: str) -> bool:
    response = browser.get("/", secure=True, HTTP_HOST=host)
    connection.set_schema_to_public()
    return not (response.status_code == 302 and "/accounts/login/" in response["Location"])


# --- A form sent from one State's origin to another State's host is refused ---------------------


def test_a_form_from_state_a_with_its_session_and_token_is_refused_on_state_b_host(
    state_a, state_b, make_user
):
    """A's session and valid CSRF token, posted to B's host from A's origin: 403 before any
    view runs, whether the browser sends Origin or (over HTTPS) only Referer."""
    user_a = make_user(state_a)
    connection.set_schema_to_public()
    browser, token = _signed_in_over_https(HOST_A, user_a)

    by_origin = _sign_out(browser, HOST_B, token, HTTP_ORIGIN=ORIGIN_A)
    by_referer = _sign_out(browser, HOST_B, token, HTTP_REFERER=f"{ORIGIN_A}/cases/")
    assert by_origin.status_code == 403
    assert by_referer.status_code == 403


def test_a_page_of_state_a_cannot_post_a_form_as_a_signed_in_official_of_state_b(
    state_a, state_b, make_user
):
    """The attack itself: an official of B is signed in on B; a page served on A's host (a
    malicious or compromised State's page) makes the browser send a form to B, with B's cookies
    and B's token. Refused; the same form from B's own origin goes through."""
    official_b = make_user(state_b)
    connection.set_schema_to_public()
    browser, token = _signed_in_over_https(HOST_B, official_b)

    forged = _sign_out(browser, HOST_B, token, HTTP_ORIGIN=ORIGIN_A)
    forged_by_referer = _sign_out(browser, HOST_B, token, HTTP_REFERER=f"{ORIGIN_A}/")
    assert forged.status_code == forged_by_referer.status_code == 403
    assert _is_signed_in(browser, HOST_B)

    genuine = _sign_out(browser, HOST_B, token, HTTP_ORIGIN=ORIGIN_B)
    assert genuine.status_code == 302  # the token was valid: only the origin was refused
    assert not _is_signed_in(browser, HOST_B)


def test_a_wildcard_trusted_origin_would_let_every_state_post_to_every_other(
    state_a, state_b, make_user, settings
):
    """Why the wildcard is refused at settings load: with it, the forged form above passes."""
    official_b = make_user(state_b)
    connection.set_schema_to_public()
    browser, token = _signed_in_over_https(HOST_B, official_b)
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.localhost"]
    assert _sign_out(browser, HOST_B, token, HTTP_ORIGIN=ORIGIN_A).status_code == 302


# --- Settings ----------------------------------------------------------------------------------

PRODUCTION = {
    "ISUPPORT_ENVIRONMENT": "production",
    "DJANGO_SECRET_KEY": "x" * 50,
    "ISUPPORT_MASTER_KEY": "A" * 43 + "=",
}
COOKIE_SETTINGS = [
    "SESSION_COOKIE_NAME",
    "CSRF_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_PATH",
    "CSRF_TRUSTED_ORIGINS",
]


def _load_settings(**environment) -> subprocess.CompletedProcess:
    """Load the settings in a fresh process with only this environment (as a deployment would),
    printing the cookie and CSRF settings as JSON."""
    variables = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ISUPPORT_", "DJANGO_"))
    }
    variables.update(
        DJANGO_SETTINGS_MODULE="isupport.settings",
        PYTHONPATH=f"{ROOT / 'platform'}:{ROOT}",
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        REDIS_URL="redis://127.0.0.1:1/0",
        **environment,
    )
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))"
    )
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=variables, capture_output=True, text=True
    )


def _settings(**environment) -> dict:
    loaded = _load_settings(**environment)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    return json.loads(loaded.stdout)


def test_production_cookies_are_host_only_with_the_host_prefix():
    """``__Host-``: the browser accepts the cookie only if it is Secure, has Path=/ and no
    Domain, so it is bound to the one State host that set it."""
    assert _settings(**PRODUCTION) == {
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_DOMAIN": None,
        "CSRF_COOKIE_DOMAIN": None,
        "SESSION_COOKIE_PATH": "/",
        "CSRF_COOKIE_PATH": "/",
        "CSRF_TRUSTED_ORIGINS": [],
    }


def test_any_deployment_with_secure_cookies_uses_the_prefix_and_development_does_not():
    staging = _settings(ISUPPORT_ENVIRONMENT="staging")
    assert (staging["SESSION_COOKIE_NAME"], staging["CSRF_COOKIE_NAME"]) == (
        "__Host-sessionid",
        "__Host-csrftoken",
    )
    # make run (plain HTTP on *.localhost) and the tests keep Django's names.
    development = _settings(DJANGO_DEBUG="1", ISUPPORT_SECURE_COOKIES="0")
    assert (development["SESSION_COOKIE_NAME"], development["CSRF_COOKIE_NAME"]) == (
        "sessionid",
        "csrftoken",
    )


def test_production_refuses_cookies_sent_over_plain_http():
    loaded = _load_settings(**PRODUCTION, ISUPPORT_SECURE_COOKIES="0")
    assert loaded.returncode != 0
    assert "ImproperlyConfigured" in loaded.stderr and "ISUPPORT_SECURE_COOKIES" in loaded.stderr


@pytest.mark.parametrize(
    "origins",
    [
        "https://*.example.org",
        "https://*",
        "https://admin.example.org,https://*.example.org",
    ],
)
def test_a_wildcard_trusted_origin_is_refused_at_settings_load(origins):
    loaded = _load_settings(**PRODUCTION, DJANGO_CSRF_TRUSTED_ORIGINS=origins)
    assert loaded.returncode != 0
    assert "ImproperlyConfigured" in loaded.stderr
    assert "DJANGO_CSRF_TRUSTED_ORIGINS" in loaded.stderr and "exact origins" in loaded.stderr


def test_the_trusted_origins_rule():
    from django.core.exceptions import ImproperlyConfigured

    from isupport.settings.base import csrf_trusted_origins

    with pytest.raises(ImproperlyConfigured, match="exact origins"):
        csrf_trusted_origins(["https://*.example.org"])
    assert csrf_trusted_origins(["https://proxy.example.org"]) == ["https://proxy.example.org"]


def test_exact_trusted_origins_are_kept():
    origins = "https://isupport.example.org,https://proxy.example.org:8443"
    assert _settings(**PRODUCTION, DJANGO_CSRF_TRUSTED_ORIGINS=origins)["CSRF_TRUSTED_ORIGINS"] == [
        "https://isupport.example.org",
        "https://proxy.example.org:8443",
    ]


def test_host_prefixed_cookies_are_sent_secure_host_only_and_for_the_whole_host(
    state_a, make_user, settings
):
    """What the browser checks before it accepts a ``__Host-`` cookie, on the real responses."""
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    user = make_user(state_a)
    connection.set_schema_to_public()
    browser, _token = _signed_in_over_https(HOST_A, user)
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        cookie = browser.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["path"] == "/", name
        assert not cookie["domain"], name
    assert _is_signed_in(browser, HOST_A)
