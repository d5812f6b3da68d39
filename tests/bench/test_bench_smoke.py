"""The case benchmark's code at a tiny scale (bench_cases.py runs it at 100,000 cases): the
generated data are what the models would have written, and the plaintext baseline shows the same
list as the encrypted one."""

import datetime
import sys
from pathlib import Path

import pytest
from django.db import connection

from accounts.roles import StateRole
from tests.conftest import HOST_A

sys.path.insert(0, str(Path(__file__).parent))

import casebench
import casedata
from baseline import BaselinePerson

CASES = 24


@pytest.fixture
def bench_data(state_a, in_state):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    in_state(state_a)
    workers = []
    for number in range(2):  # no password: hashing one would cost more than the data
        worker = get_user_model().objects.create(email=f"bench{number}@pt.example.org")
        worker.groups.add(Group.objects.get(name=StateRole.CASEWORKER))
        workers.append(worker)
    generated = casedata.fill(
        cases=CASES,
        own=state_a.code,
        time_zone=state_a.time_zone,
        caseworkers=workers,
        today=datetime.date.today(),
        seed=7,
    )
    return workers[0], generated


def test_generated_persons_are_encrypted_and_found_by_family_name_through_the_blind_index(
    bench_data,
):
    from cases.models import Person

    _worker, generated = bench_data
    persons = list(Person.objects.all())
    assert len(persons) == generated.persons >= 2 * CASES
    for person in persons:
        assert person.pk in {
            found.pk for found in Person.objects.search(family_name=person.family_name)
        }
    with connection.cursor() as cursor:
        cursor.execute("SELECT family_name FROM cases_person")
        stored = {bytes(row[0]) for row in cursor.fetchall()}
    assert not any(person.family_name.encode() in token for person in persons for token in stored)


def test_baseline_holds_the_same_persons_and_index_values_in_plaintext(bench_data):
    from cases.models import Person

    baseline = {row.pk: row for row in BaselinePerson.objects.all()}
    persons = list(Person.objects.all())
    assert len(baseline) == len(persons)
    for person in persons:
        row = baseline[person.pk]
        assert (row.family_name, row.date_of_birth, row.family_name_index) == (
            person.family_name,
            person.date_of_birth,
            person.family_name_index,
        )


def test_generated_cases_follow_the_workflow_with_their_deadlines_and_timeline(bench_data):
    from cases.models import Case, Deadline, Party, TimelineEvent
    from convention.workflow import CaseState

    cases = list(Case.objects.all())
    assert len(cases) == CASES
    assert len({case.created_at for case in cases}) == CASES  # not all stamped "now"
    assert all(case.timeline.exists() for case in cases)
    for case in cases:
        last = case.timeline.order_by("-occurred_at").first()
        if last.kind == TimelineEvent.Kind.WORKFLOW:
            assert last.state_after == case.state
    for deadline in Deadline.objects.filter(met_at__isnull=True).select_related("case"):
        assert deadline.case.state != CaseState.CLOSED.value
    roles = {role for party in Party.objects.all() for role in party.roles}
    assert {"creditor", "debtor", "person_for_whom_maintenance_is_sought"} <= roles


def test_baseline_list_shows_exactly_what_the_encrypted_list_shows(bench_data):
    from cases.selectors import CaseFilters

    worker, _generated = bench_data
    for filters in (CaseFilters(), CaseFilters(open_only=True)):
        assert casebench.baseline_matches(worker, filters)
    rows = casebench.list_with_names(worker, CaseFilters(), baseline=False)
    assert rows.count("<tr>") == min(CASES, casebench.PER_PAGE)


def test_every_measurement_runs_and_gives_a_time_per_round(bench_data):
    from cases.selectors import CaseFilters, case_list_for_user

    worker, _generated = bench_data
    names = casebench.search_names()
    assert [pick.persons for pick in names][-1] == 0  # nobody bears the absent name
    assert names[0].persons >= names[2].persons >= 1
    measurements = {
        **casebench.search_measurements(worker, names[:2]),
        **casebench.list_measurements(worker, {"first page": CaseFilters()}),
        **casebench.api_measurements(HOST_A, casebench.api_token(), names[0].name),
    }
    assert any(name.startswith("api: GET /api/v1/cases/") for name in measurements)
    case_ids = measurements[f"search: its case ids (case_ids_with_party), {names[0].label}"]()
    listed = case_list_for_user(user=worker, filters=CaseFilters(family_name=names[0].name))
    assert sorted(case_ids) == sorted(case.pk for case in listed) != []
    times = casebench.run_rounds(measurements, rounds=2)
    figures = [casebench.Figure(name, values) for name, values in times.items()]
    assert all(
        len(figure.times) == 2 and figure.p95_ms >= figure.median_ms > 0 for figure in figures
    )


def test_api_measurements_see_the_generated_cases_with_the_token(bench_data):
    from django.test import Client

    token = casebench.api_token()
    page = Client(HTTP_HOST=HOST_A, HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/cases/")
    assert page.status_code == 200
    assert len(page.json()["results"]) == CASES
    assert casebench.api_token() != token  # a new client; the earlier one is revoked
    again = Client(HTTP_HOST=HOST_A, HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/cases/")
    assert again.status_code == 401


def test_case_list_search_finds_exactly_the_cases_with_a_party_of_that_name(bench_data):
    from cases.models import Party
    from cases.selectors import CaseFilters, case_list_for_user
    from encryption.fields import normalise_name

    worker, _generated = bench_data
    parties = list(Party.objects.filter(person__isnull=False).select_related("person"))
    for name in {party.person.family_name for party in parties}:
        expected = {
            party.case_id
            for party in parties
            if normalise_name(party.person.family_name) == normalise_name(name)
        }
        found = case_list_for_user(user=worker, filters=CaseFilters(family_name=name.upper()))
        assert {case.pk for case in found} == expected
    person = parties[0].person
    both = CaseFilters(family_name=person.family_name, date_of_birth=person.date_of_birth)
    assert parties[0].case_id in {case.pk for case in case_list_for_user(user=worker, filters=both)}
    nobody = CaseFilters(family_name=casebench.ABSENT_NAME)
    assert list(case_list_for_user(user=worker, filters=nobody)) == []


def test_case_list_next_due_is_the_earliest_open_deadline_and_overdue_filters_by_it(bench_data):
    from cases.engine import state_today
    from cases.models import Deadline
    from cases.selectors import CaseFilters, case_list_for_user

    worker, _generated = bench_data
    earliest = {}
    for deadline in Deadline.objects.filter(met_at__isnull=True):
        earliest[deadline.case_id] = min(deadline.due, earliest.get(deadline.case_id, deadline.due))
    listed = list(case_list_for_user(user=worker))
    assert len(listed) == CASES
    assert {case.pk: case.next_due for case in listed if case.next_due} == earliest
    overdue = case_list_for_user(user=worker, filters=CaseFilters(overdue=True))
    assert {case.pk for case in overdue} == {
        case_id for case_id, due in earliest.items() if due < state_today()
    }
