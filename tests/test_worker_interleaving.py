"""A real Celery worker given Portugal's and Norway's tasks alternately runs each in its own
State's schema with its own State's keys. One process with the solo pool, so one database
connection and one cache of State keys serve every task in turn: nothing is carried from one
task to the next.

The worker imports this module (``--include``), which registers the test's task on the app in
both processes under one name. What the worker reads is committed (and deleted afterwards), as in
tests/test_celery_worker.py."""

import itertools
import os
from pathlib import Path

import pytest
from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from isupport.celery import app
from tests.celery_workers import celery_worker

ROOT = Path(__file__).resolve().parents[1]
TASK_NAME = "tests.worker_interleaving.read_persons"
ROUNDS = 4

_tasks_run = itertools.count(1)


class WrongSchemaError(RuntimeError):
    safe_to_log = True  # names schemas only


@app.task(name=TASK_NAME, ignore_result=False)
def read_persons(expected_schema: str, person_ids: list[str]) -> dict:
    """Decrypt the given names of those of ``person_ids`` this schema holds. Returns the schema
    the task ran in, what it read, its process and its place in the process's run of tasks."""
    from cases.models import Person

    if connection.schema_name != expected_schema:
        raise WrongSchemaError(f"Task for {expected_schema} ran in {connection.schema_name}.")
    persons = Person.objects.filter(pk__in=person_ids)
    return {
        "schema": connection.schema_name,
        "given_names": sorted(person.given_names for person in persons),
        "process": os.getpid(),
        "run": next(_tasks_run),
    }


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A worker process on a queue of its own, connected to the test database, that imports
    this module (and so knows its task)."""
    directory = tmp_path_factory.mktemp("celery")
    with celery_worker(
        django_db_blocker, directory, include=("tests.test_worker_interleaving",)
    ) as running:
        yield running.queue
    errors = running.output()
    assert "Traceback" not in errors, errors[-3000:]


@pytest.fixture(scope="module")
def committed_persons(django_db_setup, django_db_blocker):
    """Persons committed in both States, their names encrypted with each State's keys."""
    from cases.models import Person

    created = {}
    with django_db_blocker.unblock():
        for schema, code in (("state_pt", "PT"), ("state_no", "NO")):
            with schema_context(schema):
                created[schema] = []
                for number in range(2):
                    person = Person(family_name="Worker", given_names=f"{code} {number}")
                    person.save()  # encrypts (bulk_create would too; save is the usual way)
                    created[schema].append(person)
    yield created
    with django_db_blocker.unblock():
        for schema, persons in created.items():
            with schema_context(schema):
                Person.objects.filter(pk__in=[person.pk for person in persons]).delete()


@pytest.mark.worker
def test_tasks_of_two_states_queued_alternately_each_run_in_their_own_state(
    worker, committed_persons, django_db_blocker
):
    from tenants.models import State

    every_id = [str(person.pk) for persons in committed_persons.values() for person in persons]
    queued = []
    with django_db_blocker.unblock():
        states = [State.objects.get(code="PT"), State.objects.get(code="NO")]
        for _round in range(ROUNDS):
            for state in states:  # PT, NO, PT, NO, ...
                with tenant_context(state):
                    # The schema travels in the message (tenant-schemas-celery) and as argument.
                    result = read_persons.apply_async(
                        args=[state.schema_name, every_id], queue=worker
                    )
                queued.append((state.schema_name, result))
    answers = [(schema, result.get(timeout=120)) for schema, result in queued]
    for _schema, result in queued:
        result.forget()
    for schema, answer in answers:
        assert answer["schema"] == schema
        # Only this State's persons are found, and their names decrypt with its keys.
        assert answer["given_names"] == sorted(
            person.given_names for person in committed_persons[schema]
        )
    # One process ran them all, one after the other, in the order queued: PT, NO, PT, NO...
    assert len({answer["process"] for _, answer in answers}) == 1
    runs = [answer["run"] for _, answer in answers]
    assert runs == list(range(runs[0], runs[0] + len(runs)))
