"""Art 40: the address, e-mail and telephone of a party under a non-disclosure determination reach
no page and no API response of a user without the restricted-information permission, and every
disclosure to a user with it is audited.

The walk takes the routes from the State's URLconf, not from a list kept by hand: every route is
requested with each of its parameters filled from one case, and a route with a parameter the
walk cannot fill fails the test, so the next page or endpoint is walked too (or the walk is
taught its parameter)."""

import datetime
import itertools
import re
import uuid

import pytest
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern

from accounts.roles import StateRole
from audit.models import AuditAction, AuditEntry
from cases import convention_forms, services
from cases.models import Document
from cases.wizard import steps
from convention.workflow import CaseEvent
from tests.api.conftest import make_api_client, token_client  # noqa: F401 - a fixture
from tests.cases.conftest import add_pdf
from tests.conftest import HOST_A, client_for

STATE_URLCONF = "isupport.urls_state"
# Distinctive values, plain ASCII so that no escaping (HTML, JSON, XML) could hide a leak.
RESTRICTED = {
    "address": "Travessa do Sigilo 4711, Tomar",
    "email": "sigilo.4711@example.org",
    "phone": "+351 249 471 147",
}
# A fragment of each, so that a value reformatted (split over lines, spaces dropped) is caught.
FRAGMENTS = ("Sigilo 4711", "sigilo.4711", "249 471 147", "249471147")
_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@pytest.fixture
def restricted_case(state_a, make_user, make_outgoing, make_api_client):  # noqa: F811
    """An outgoing establishment application whose debtor is under an Art 40 non-disclosure
    determination, with every kind of record a route names: parties and their persons, an
    uploaded document, a generated application form (XML) with its restricted page, a note and
    a task; and an API client (whose revocation page the walk also visits)."""
    caseworker = make_user(state_a, StateRole.CASEWORKER)
    case = make_outgoing(caseworker, parties=False)
    applicant = services.party_add(
        user=caseworker,
        case=case,
        roles=["creditor"],
        is_applicant=True,
        family_name="Silva",
        given_names="Ana",
        date_of_birth=datetime.date(1985, 3, 2),
        address="Rua Augusta 1, Lisboa",
        habitual_residence="PT",
    )
    services.party_add(
        user=caseworker,
        case=case,
        roles=["person_for_whom_maintenance_is_sought"],
        family_name="Silva",
        given_names="Rita",
        date_of_birth=datetime.date(2016, 7, 9),
    )
    debtor = services.party_add(
        user=caseworker,
        case=case,
        roles=["debtor"],
        family_name="Quaresma",
        given_names="Rui",
        date_of_birth=datetime.date(1981, 4, 23),
        habitual_residence="NO",
        non_disclosure=True,
        **RESTRICTED,
    )
    services.application_particulars_record(
        user=caseworker, case=case, section="authority", values={"address": "Avenida 1, Lisboa"}
    )
    services.application_particulars_record(
        user=caseworker,
        case=case,
        section="grounds",
        values={"grounds": "Parentage", "maintenance_basis": "parentage"},
    )
    add_pdf(caseworker, case)
    convention_forms.case_form_generate(
        user=caseworker, case=case, form_code="application_establishment", language="en", fmt="xml"
    )
    services.note_add(user=caseworker, case=case, text="Called the court.")
    task = services.task_add(user=caseworker, case=case, title="Check the file")
    api_client, _token = make_api_client(state_a, StateRole.AUDITOR.value, name="Court registry")
    case.refresh_from_db()
    documents = list(Document.objects.filter(case=case))
    assert any(document.is_restricted for document in documents)  # the form's Art 40 page
    connection.set_schema_to_public()
    return {
        "case": case,
        "debtor": debtor,
        "caseworker": caseworker,
        "values": {
            "case_id": [case.pk],
            "person_id": [debtor.person_id, applicant.person_id],
            "party_id": [debtor.pk, applicant.pk],
            "document_id": [document.pk for document in documents],
            "task_id": [task.pk],
            "section": sorted(set(steps.section_keys(case)) | set(steps.PARTY_SECTIONS)),
            "event": [event.value for event in CaseEvent],
            "user_id": [caseworker.pk],
            "client_id": [api_client.pk],
        },
    }


def _routes(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _paths(values: dict[str, list]) -> tuple[list[str], list[str]]:
    """Every route of a State's host as paths, each parameter filled with each of the case's
    values; and the routes with a parameter no value is known for."""
    resolver = get_resolver(STATE_URLCONF)
    paths, unfilled = [], []
    for route, entry in _routes(resolver):
        if isinstance(entry.pattern, RegexPattern):
            # A catch-all without groups (the API's problem+json 404): any path under its prefix.
            if entry.pattern.regex.groups:
                unfilled.append(route)
                continue
            path = "/" + route.split("^", 1)[0] + "no-such-resource/"
            assert resolver.resolve(path).url_name == entry.name, route
            paths.append(path)
            continue
        names = _PARAMETER.findall(route)
        if any(name not in values for name in names):
            unfilled.append(route)
            continue
        for filling in itertools.product(*(values[name] for name in names)):
            paths.append("/" + _fill(route, dict(zip(names, filling, strict=True))))
    return paths, unfilled


def _fill(route: str, filling: dict) -> str:
    return _PARAMETER.sub(lambda match: str(filling[match.group(1)]), route)


def _body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _leaks(body: bytes) -> list[str]:
    return [value for value in (*RESTRICTED.values(), *FRAGMENTS) if value.encode() in body]


def _walk(client, paths) -> dict[str, tuple[int, list[str]]]:
    """GET each path: its status and the restricted values its body shows."""
    walked = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, (path, response.status_code)
        location = response.get("Location", "")
        assert "/accounts/login/" not in location, f"signed out at {path}"
        walked[path] = (response.status_code, _leaks(_body(response)))
    return walked


def _searches(client, case) -> list[tuple[str, list[str]]]:
    """The searches by a person's name (posted, never in a URL): Find a person, the case list's
    search kept in the session, the API's case search."""
    found = client.post("/persons/", {"family_name": "Quaresma"})
    client.post("/cases/", {"family_name": "Quaresma"})
    listed = client.get("/cases/")
    api = client.post(
        "/api/v1/cases/search/", {"family_name": "Quaresma"}, content_type="application/json"
    )
    return [
        ("POST /persons/", _leaks(_body(found))),
        ("GET /cases/ after a search", _leaks(_body(listed))),
        ("POST /api/v1/cases/search/", _leaks(_body(api))),
    ]


def test_art_40_walk_fills_every_parameter_of_every_state_route(restricted_case):
    paths, unfilled = _paths(restricted_case["values"])
    assert unfilled == [], f"teach the walk these routes' parameters: {unfilled}"
    assert len(paths) > 50


@pytest.mark.parametrize(
    "role", [StateRole.CASEWORKER, StateRole.AUDITOR, StateRole.STATE_ADMINISTRATOR]
)
def test_no_page_or_api_response_shows_restricted_contact_details_without_permission_art_40(
    restricted_case, state_a, make_user, role
):
    user = make_user(state_a, role)
    connection.set_schema_to_public()
    case, debtor = restricted_case["case"], restricted_case["debtor"]
    paths, unfilled = _paths(restricted_case["values"])
    assert unfilled == []
    client = client_for(HOST_A, user)
    walked = _walk(client, paths)
    leaks = {path: found for path, (_status, found) in walked.items() if found}
    leaks.update({what: found for what, found in _searches(client, case) if found})
    assert leaks == {}, f"restricted values shown to a {role.value}: {leaks}"
    # The walk reached the pages that show a party's person: it is not empty by mistake.
    for path in (
        f"/cases/{case.pk}/parties/",
        f"/persons/{debtor.person_id}/",
        f"/api/v1/cases/{case.pk}/parties/",
    ):
        assert walked[path][0] == 200, path


@pytest.mark.parametrize("role", [StateRole.CASEWORKER, StateRole.AUDITOR])
def test_no_api_response_shows_restricted_contact_details_to_a_token_without_permission_art_40(
    restricted_case,
    state_a,
    make_api_client,  # noqa: F811
    role,
):
    # An API client acts as a caseworker, a supervisor or an auditor, never a State
    # administrator (api.models.ApiClientRole); the administrator's session walks the API above.
    _client, token = make_api_client(state_a, role.value)
    connection.set_schema_to_public()
    case = restricted_case["case"]
    paths, _unfilled = _paths(restricted_case["values"])
    api_paths = [path for path in paths if path.startswith("/api/v1/")]
    client = token_client(HOST_A, token)
    walked = _walk(client, api_paths)
    leaks = {path: found for path, (_status, found) in walked.items() if found}
    search = client.post(
        "/api/v1/cases/search/", {"family_name": "Quaresma"}, content_type="application/json"
    )
    if _leaks(search.content):
        leaks["POST /api/v1/cases/search/"] = _leaks(search.content)
    assert leaks == {}, f"restricted values shown to a {role.value} token: {leaks}"
    assert walked[f"/api/v1/cases/{case.pk}/parties/"][0] == 200


def test_supervisor_sees_the_restricted_values_so_the_walk_looks_for_real_data_art_40(
    restricted_case,
    state_a,
    make_user,
    make_api_client,  # noqa: F811
):
    supervisor = make_user(state_a, StateRole.SUPERVISOR)
    _client, token = make_api_client(state_a, StateRole.SUPERVISOR.value)
    connection.set_schema_to_public()
    case, debtor = restricted_case["case"], restricted_case["debtor"]
    client = client_for(HOST_A, supervisor)
    for path in (f"/cases/{case.pk}/parties/", f"/persons/{debtor.person_id}/"):
        page = client.get(path).content
        assert set(_leaks(page)) >= set(RESTRICTED.values()), path
    api = token_client(HOST_A, token).get(f"/api/v1/cases/{case.pk}/parties/").content
    assert set(_leaks(api)) >= set(RESTRICTED.values())


# --- The person page ------------------------------------------------------------------------------


def test_person_page_withholds_restricted_contact_details_and_audits_the_view_art_40(
    restricted_case, state_a, in_state
):
    caseworker, debtor = restricted_case["caseworker"], restricted_case["debtor"]
    response = client_for(HOST_A, caseworker).get(f"/persons/{debtor.person_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Quaresma" in page  # the name is not restricted, only where to find the person
    assert _leaks(response.content) == []
    assert "Restricted (Art 40)" in page
    in_state(state_a)
    viewed = AuditEntry.objects.filter(actor_id=caseworker.pk, object_type="person")
    assert list(viewed.values_list("action", "object_id", "case_id")) == [
        (AuditAction.VIEW.value, str(debtor.person_id), None)
    ]
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_RESTRICTED).exists()


def test_person_page_disclosure_to_a_supervisor_is_audited_per_restricted_party_art_40(
    restricted_case, state_a, make_user, in_state
):
    supervisor = make_user(state_a, StateRole.SUPERVISOR)
    connection.set_schema_to_public()
    case, debtor = restricted_case["case"], restricted_case["debtor"]
    response = client_for(HOST_A, supervisor).get(f"/persons/{debtor.person_id}/")
    assert RESTRICTED["address"] in response.content.decode()
    in_state(state_a)
    entries = AuditEntry.objects.filter(actor_id=supervisor.pk)
    assert set(entries.values_list("action", "object_type", "object_id", "case_id")) == {
        (AuditAction.VIEW.value, "person", str(debtor.person_id), None),
        (AuditAction.VIEW_RESTRICTED.value, "party", str(debtor.pk), case.pk),
    }
    for entry in entries:
        assert not any(value in str(entry.details) for value in RESTRICTED.values())


def test_person_page_shows_an_unrestricted_persons_address_to_a_caseworker(
    restricted_case, state_a, in_state
):
    """Only a person under a determination is withheld: the applicant's address is shown."""
    caseworker = restricted_case["caseworker"]
    applicant_person = restricted_case["values"]["person_id"][1]
    page = client_for(HOST_A, caseworker).get(f"/persons/{applicant_person}/").content.decode()
    assert "Rua Augusta 1, Lisboa" in page and "Restricted (Art 40)" not in page
    in_state(state_a)
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_RESTRICTED).exists()


def test_person_page_of_an_unknown_person_is_404_and_audits_nothing(
    restricted_case, state_a, in_state
):
    caseworker = restricted_case["caseworker"]
    response = client_for(HOST_A, caseworker).get(f"/persons/{uuid.uuid4()}/")
    assert response.status_code == 404
    in_state(state_a)
    assert not AuditEntry.objects.filter(object_type="person").exists()
