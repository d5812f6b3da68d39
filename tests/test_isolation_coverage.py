"""Every URL of a State's host that names a record by its identifier is in one of the tenant
isolation tests' lists, so that a new page or endpoint cannot be added without its test that
another State's user or token gets 404 (issue: "for every API endpoint and every page")."""

import types
import uuid

from django.urls import URLPattern, URLResolver, get_resolver

from tests.api.test_api_isolation import _operations
from tests.cases.test_views import _urls
from tests.cases.test_wizard import _wizard_urls

STATE_URLCONF = "isupport.urls_state"
# Pages whose isolation tests live beside their feature, each a plain request in its own file.
TESTED_ELSEWHERE = {
    "persons/<uuid:person_id>/": "tests/cases/test_persons.py",
    "accounts/users/<uuid:user_id>/deactivate/": "tests/accounts/test_user_management.py",
    "api-clients/<uuid:client_id>/revoke/": "tests/api/test_api_client_pages.py",
}


def _routes(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _record(**fields):
    return types.SimpleNamespace(pk=uuid.uuid4(), **fields)


def _exercised() -> set[str]:
    case = _record(responsible_id=uuid.uuid4(), reference="PT-2026-000001")
    paths = [path for _method, path in _urls(case, _record(), _record())]
    paths += [path for _method, path in _wizard_urls(case, _record(), _record())]
    ids = {"case": case, "party": _record(), "document": _record(), "task": _record()}
    paths += [path for _method, path, _body in _operations(ids)]
    resolver = get_resolver(STATE_URLCONF)
    return {resolver.resolve(path).route for path in paths}


def test_every_route_with_an_identifier_has_an_isolation_test():
    # Pages match identifiers as <uuid:...>, the API as <id:...> (any segment, then 404).
    with_identifier = {
        route
        for route in _routes(get_resolver(STATE_URLCONF))
        if "<uuid:" in route or "<id:" in route
    }
    assert with_identifier, "no route with an identifier found: is the URLconf right?"
    untested = with_identifier - _exercised() - set(TESTED_ELSEWHERE)
    assert not untested, f"add these routes to an isolation test: {sorted(untested)}"
