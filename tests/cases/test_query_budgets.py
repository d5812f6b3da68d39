"""Query budgets: how many SQL queries each case page, wizard page and API detail endpoint runs,
against the figures in tests/cases/query_budgets.json. django-tenants' ``SET search_path`` before
each statement is not counted (it doubles every figure and is the routing's concern, not the
page's). The count must not grow with the case: a case
with more parties, documents, notes and tasks runs the same queries (no query per row). The
case's documents are read once per page."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse as django_reverse

from accounts.roles import StateRole
from cases import convention_forms, services
from cases.wizard import steps
from tests.api.conftest import make_api_client, token_client  # noqa: F401 - a fixture
from tests.cases.conftest import add_pdf
from tests.conftest import HOST_A, client_for


def reverse(name: str, args) -> str:
    return django_reverse(name, args=args, urlconf="isupport.urls_state")


BUDGETS = json.loads((Path(__file__).with_name("query_budgets.json")).read_text())
CASE_PAGES = [
    "case_detail",
    "case_parties",
    "case_documents",
    "case_deadlines",
    "case_timeline",
    "case_forms",
    "case_notes",
    "case_tasks",
    "application",
    "application_check",
]
API_ENDPOINTS = [
    "case_detail",
    "party_list",
    "decision",
    "document_list",
    "case_deadlines",
    "timeline",
    "note_list",
    "task_list",
]
# Pages that show the case's documents read them in one query (and no page reads them twice).
DOCUMENTS_READ_ONCE = ["case_documents", "case_forms", "application_check"]
_DOCUMENT_READ = re.compile(r'FROM "cases_document"')


def _grow(user, case, extra: int) -> None:
    """More of everything a case page lists: parties, documents, notes, tasks."""
    for number in range(extra):
        services.party_add(
            user=user,
            case=case,
            roles=["person_for_whom_maintenance_is_sought"],
            family_name=f"Silva {number}",
            date_of_birth=datetime.date(2015, 1, 1 + number),
            habitual_residence="PT",
        )
        add_pdf(user, case, file_name=f"evidence-{number}.pdf", kind="other")
        services.note_add(user=user, case=case, text=f"Note {number}")
        services.task_add(user=user, case=case, title=f"Task {number}")


@pytest.fixture
def rich_case(state_a, make_user, make_outgoing):
    """An outgoing application with parties, a decision, particulars, documents (a generated
    Transmittal among them), a note and a task, and a supervisor who reads it."""
    supervisor = make_user(state_a, StateRole.SUPERVISOR)
    case = make_outgoing(supervisor)
    services.decision_record(
        user=supervisor,
        case=case,
        authority="Tribunal de Lisboa",
        decision_date=datetime.date(2024, 5, 2),
        state_of_origin="PT",
        amount=250,
        currency="EUR",
        frequency="monthly",
        starts_on=datetime.date(2024, 6, 1),
    )
    services.application_particulars_record(
        user=supervisor,
        case=case,
        section="authority",
        values={"address": "Avenida 1, Lisboa", "telephone": "+351 21 000 0000"},
    )
    add_pdf(supervisor, case)
    services.note_add(user=supervisor, case=case, text="First note")
    services.task_add(user=supervisor, case=case, title="Call the court")
    convention_forms.case_form_generate(
        user=supervisor, case=case, form_code="transmittal", language="en", fmt="pdf"
    )
    case.refresh_from_db()
    return supervisor, case


def _page_urls(case) -> dict[str, str]:
    urls = {name: reverse(f"cases:{name}", [case.pk]) for name in CASE_PAGES}
    for section in steps.section_keys(case):
        urls[f"application_section:{section}"] = reverse(
            "cases:application_section", [case.pk, section]
        )
    return urls


def _count(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    statements = [
        query["sql"]
        for query in queries.captured_queries
        if not query["sql"].startswith("SET search_path")
    ]
    return len(statements), sum(1 for sql in statements if _DOCUMENT_READ.search(sql))


def test_case_pages_keep_their_query_budgets(rich_case):
    user, case = rich_case
    client = client_for(HOST_A, user)
    urls = _page_urls(case)
    counts = {name: _count(client, url) for name, url in urls.items()}
    _grow(user, case, extra=3)
    grown = {name: _count(client, url)[0] for name, url in urls.items()}
    budgets = BUDGETS["pages"]
    over = {
        name: (queries, budgets.get(name))
        for name, (queries, _documents) in counts.items()
        if budgets.get(name) is None or queries > budgets[name]
    }
    assert over == {}, f"queries over the budget (measured, budget): {over}"
    assert grown == {name: queries for name, (queries, _d) in counts.items()}
    assert {name: counts[name][1] for name in DOCUMENTS_READ_ONCE} == dict.fromkeys(
        DOCUMENTS_READ_ONCE, 1
    )
    assert max(documents for _queries, documents in counts.values()) == 1


def test_api_detail_endpoints_keep_their_query_budgets(
    rich_case,
    make_api_client,  # noqa: F811 - the fixture imported above
    state_a,
):
    user, case = rich_case
    _api_client, token = make_api_client(state_a, role=StateRole.SUPERVISOR.value)
    client = token_client(HOST_A, token)
    urls = {name: reverse(f"api:{name}", [case.pk]) for name in API_ENDPOINTS}
    client.get(urls["case_detail"])  # the client's first request of the minute records its use
    counts = {name: _count(client, url)[0] for name, url in urls.items()}
    _grow(user, case, extra=3)
    grown = {name: _count(client, url)[0] for name, url in urls.items()}
    budgets = BUDGETS["api"]
    over = {
        name: (queries, budgets.get(name))
        for name, queries in counts.items()
        if budgets.get(name) is None or queries > budgets[name]
    }
    assert over == {}, f"queries over the budget (measured, budget): {over}"
    assert grown == counts
