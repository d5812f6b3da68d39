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
