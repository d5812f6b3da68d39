"""Cache-Control: no-store is set in one place (isupport.middleware.NoStoreMiddleware) for every
response but the static assets: pages, API responses, errors, on every kind of host."""

import pytest

from tests.conftest import HOST_A, HOST_GOVERNING_BODY, HOST_PUBLIC, client_for


@pytest.mark.parametrize(
    ("host", "path"),
    [
        (HOST_A, "/accounts/login/"),
        (HOST_A, "/dashboard/"),  # a redirect to sign in
        (HOST_A, "/api/v1/cases/"),  # a 401 problem
        (HOST_A, "/no-such-page/"),
        (HOST_GOVERNING_BODY, "/accounts/login/"),
        (HOST_PUBLIC, "/admin/login/"),
    ],
)
def test_every_response_is_marked_no_store(state_a, host, path):
    response = client_for(host).get(path)
    assert response["Cache-Control"] == "no-store", (path, response.status_code)


def test_static_assets_are_not_marked_no_store(settings):
    from django.test import RequestFactory

    from isupport.middleware import NoStoreMiddleware

    def asset(request):
        from django.http import HttpResponse

        return HttpResponse("body{}", content_type="text/css")

    middleware = NoStoreMiddleware(asset)
    request = RequestFactory().get("/" + settings.STATIC_URL.lstrip("/") + "css/site.css")
    assert "Cache-Control" not in middleware(request)


def test_collected_static_assets_are_served_with_debug_off(settings, tmp_path):
    """Production serves the collected assets itself (WhiteNoise), without no-store."""
    from django.core.management import call_command
    from django.test import Client

    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--noinput", verbosity=0)
    asset = next(path for path in tmp_path.rglob("*.css"))
    response = Client(HTTP_HOST="pt.localhost").get(
        "/" + settings.STATIC_URL.lstrip("/") + asset.relative_to(tmp_path).as_posix()
    )
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
