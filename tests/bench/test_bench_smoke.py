"""The case benchmark's code at a tiny scale (bench_cases.py runs it at 100,000 cases): the
generated data are what the models would have written, and the plaintext baseline shows the same
list as the encrypted one."""

import datetime
import sys
from pathlib import Path

import pytest
from django.db import connection

from accounts.roles import StateRole

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
    from cases.selectors import CaseFilters

    worker, _generated = bench_data
    names = casebench.search_names()
    assert [pick.persons for pick in names][-1] == 0  # nobody bears the absent name
    assert names[0].persons >= names[2].persons >= 1
    measurements = {
        **casebench.search_measurements(worker, names[:2]),
        **casebench.list_measurements(worker, {"first page": CaseFilters()}),
    }
    times = casebench.run_rounds(measurements, rounds=2)
    figures = [casebench.Figure(name, values) for name, values in times.items()]
    assert all(
        len(figure.times) == 2 and figure.p95_ms >= figure.median_ms > 0 for figure in figures
    )
