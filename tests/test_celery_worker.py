"""A real Celery worker, on the real Redis, runs each State's tasks in that State's schema."""

from pathlib import Path

import pytest
from django.db import connection
from django_tenants.utils import schema_context, tenant_context

from cases.models import Person
from encryption.tasks import reencrypt_state_data
from tenants.models import State
from tests.celery_workers import celery_worker

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A worker process on a queue of its own, connected to the test database."""
    with celery_worker(django_db_blocker, tmp_path_factory.mktemp("celery")) as running:
        yield running.queue
    # The only tracebacks the worker may print are those of the task refused on purpose.
    unexpected = [
        block for block in running.output().split("Traceback")[1:] if "WrongStateError" not in block
    ]
    assert unexpected == [], unexpected[0][-2000:] if unexpected else ""


@pytest.fixture(scope="module")
def committed_persons(django_db_setup, django_db_blocker):
    """Persons committed in both States (the worker is another process): 3 in A, 5 in B."""
    with django_db_blocker.unblock():
        created = {}
        for schema, count in (("state_pt", 3), ("state_no", 5)):
            with schema_context(schema):
                created[schema] = [Person(family_name=f"Worker {n}") for n in range(count)]
                Person.objects.bulk_create(created[schema])
    yield created
    with django_db_blocker.unblock():
        for schema, persons in created.items():
            with schema_context(schema):
                Person.objects.filter(pk__in=[person.pk for person in persons]).delete()


@pytest.mark.worker
def test_task_queued_for_a_state_runs_in_that_state_schema(
    worker, committed_persons, django_db_blocker
):
    with django_db_blocker.unblock():
        results = {}
        for code in ("PT", "NO"):
            state = State.objects.get(code=code)
            with tenant_context(state):
                results[code] = reencrypt_state_data.apply_async(
                    args=[state.schema_name], queue=worker
                )
    assert results["PT"].get(timeout=60) == {"schema": "state_pt", "examined": 3, "rewritten": 0}
    assert results["NO"].get(timeout=60) == {"schema": "state_no", "examined": 5, "rewritten": 0}


@pytest.mark.worker
def test_task_queued_from_the_public_schema_refuses_state_work(worker, django_db_blocker):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        result = reencrypt_state_data.apply_async(args=["state_pt"], queue=worker)
    with pytest.raises(Exception, match="received in schema public; refused"):
        result.get(timeout=60)
