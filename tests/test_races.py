"""Races: what two requests, a worker and an operator doing things at the same moment must not
break. Real threads, each with its own database connection, on committed data, and the real
Redis.

The per-test transaction every other test runs in would hide one thread's writes from the
others, so these tests commit (``committed``). They never commit into the session's States
(PT, NO), which the other tests count on: what needs committed rows gets a State of its own,
onboarded for the test and removed after it (``scratch_state``). pytest-django's
``transaction=True`` is not used: its flush after the test would truncate the public schema's
tables, the session's States, domains and keys with them.

Determinism: threads meet at barriers and events, a thread that must be caught waiting is
observed waiting in PostgreSQL (``pg_locks``) rather than given time, every wait is bounded
(``TIMEOUT``), and the assertions are invariants, never timings.
"""

import threading
import time
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.test import Client
from django_tenants.utils import schema_context, tenant_context

from accounts.roles import StateRole
from tests.conftest import HOST_A, PASSWORD, onboard_test_state

TIMEOUT = 60  # seconds: a bound on every wait, never a duration an assertion relies on
SCRATCH_CODE, SCRATCH_HOST = "EE", "ee.localhost"
NEW_CASE = {"requested_state": "NO", "application_type": "art_10_1_c"}


# --- Helpers -------------------------------------------------------------------------------------


def wait_until(condition, *, timeout: float = TIMEOUT, what: str = "a condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.005)


def run_threads(*targets, timeout: float = TIMEOUT) -> None:
    """Run each target in a thread of its own, each with its own database connection (closed
    when it ends); re-raise the first exception a target raised."""
    failures: list[BaseException] = []

    def run(target):
        try:
            target()
        except BaseException as error:  # re-raised in the test's thread
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(target,), daemon=True) for target in targets]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish in time"
    if failures:
        raise failures[0]


def backend_pid() -> int:
    """This thread's PostgreSQL backend."""
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def waits_for_a_lock(pid: int) -> bool:
    """Whether that backend is blocked on a lock at this moment."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE pid = %s AND NOT granted)", [pid]
        )
        return cursor.fetchone()[0]


@pytest.fixture
def committed(django_db_setup, django_db_blocker):
    """Database access without the per-test transaction: every write is committed at once."""
    with django_db_blocker.unblock():
        yield
        connection.set_schema_to_public()
        connections.close_all()


def _remove_scratch_state() -> None:
    from encryption.models import StateKey
    from tenants.models import Domain, State
    from tenants.services import _cache_purge

    connection.set_schema_to_public()
    state = State._base_manager.filter(code=SCRATCH_CODE).first()
    if state is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{state.schema_name}" CASCADE')
    StateKey.objects.filter(state=state).delete()
    Domain.objects.filter(tenant=state).delete()
    State._base_manager.filter(pk=state.pk).delete()
    _cache_purge(state.schema_name)


@pytest.fixture
def scratch_state(committed):
    """A State of this test's own (Estonia, ee.localhost), committed, with a caseworker and an
    outgoing case; removed with its schema afterwards."""
    from cases import services

    _remove_scratch_state()  # left over by an interrupted run
    state = onboard_test_state(SCRATCH_CODE, "Estonia", SCRATCH_HOST, "Europe/Tallinn")
    try:
        with tenant_context(state):
            caseworker = get_user_model().objects.create_user(
                email="caseworker@ee.example.org", password=PASSWORD
            )
            caseworker.groups.add(Group.objects.get(name=StateRole.CASEWORKER))
            case = services.case_create_outgoing(
                user=caseworker, requested_state="NO", specific_measures=["art_6_2_b"]
            )
        connection.set_schema_to_public()
        state.caseworker_id, state.case_id = caseworker.pk, case.pk
        yield state
    finally:
        _remove_scratch_state()


def _party_add(user, case, family_name: str):
    from cases import services

    return services.party_add(
        user=user, case=case, roles=["debtor"], family_name=family_name, address="Tallinn"
    )


# --- (a) Two copies of one request, with one Idempotency-Key, at the same moment -----------------


def test_the_same_idempotency_key_twice_at_once_creates_one_case(scratch_state, monkeypatch):
    """The second copy arrives while the first is creating the case (it is seen blocked in
    PostgreSQL before the first goes on): one case, one stored response, the same answer twice."""
    import api.idempotency
    import cases.services
    from api.models import IdempotencyRecord
    from api.services import api_client_create
    from cases.models import Case

    with schema_context(scratch_state.schema_name):
        _client, token = api_client_create(user=None, name="Court registry", role="caseworker")
    connection.set_schema_to_public()

    pids: dict[int, int] = {}
    creating: set[int] = set()
    real_lock, real_create = api.idempotency.idempotency_lock, cases.services.case_create_outgoing

    def lock(**arguments):
        pids[threading.get_ident()] = backend_pid()
        return real_lock(**arguments)

    def create(**arguments):
        me = threading.get_ident()
        creating.add(me)

        def the_other_copy_is_here() -> bool:
            if creating - {me}:
                return True  # both are creating: the key did not serialise them
            others = [pid for ident, pid in pids.copy().items() if ident != me]
            return bool(others) and waits_for_a_lock(others[0])

        wait_until(the_other_copy_is_here, what="the second copy of the request")
        return real_create(**arguments)

    monkeypatch.setattr(api.idempotency, "idempotency_lock", lock)
    monkeypatch.setattr(cases.services, "case_create_outgoing", create)

    start = threading.Barrier(2, timeout=TIMEOUT)
    responses = []

    def send():
        browser = Client(HTTP_HOST=SCRATCH_HOST, HTTP_AUTHORIZATION=f"Bearer {token}")
        start.wait()
        responses.append(
            browser.post(
                "/api/v1/cases/",
                NEW_CASE,
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY="one-case-please",
            )
        )

    run_threads(send, send)

    first, second = responses
    assert first.status_code == second.status_code == 201, (first.content, second.content)
    assert first.json() == second.json()
    assert sorted(r.get("Idempotent-Replayed", "") for r in responses) == ["", "true"]
    with schema_context(scratch_state.schema_name):
        assert Case.objects.exclude(pk=scratch_state.case_id).count() == 1
        assert IdempotencyRecord.objects.count() == 1


# --- (b) Offboarding and key rotation while the State's users and workers write ------------------


def test_offboarding_while_a_user_writes_loses_no_write_and_leaves_nothing_readable(
    scratch_state,
):
    """A caseworker keeps adding persons (encrypted) to a case through the service while the
    Permanent Bureau offboards the State. The caseworker's next write arrives *during* the
    offboarding (its transaction is held open until that write has been made or is seen waiting
    in PostgreSQL). Afterwards:

    - no write that started after the offboarding returned succeeded, and none was half made
      (the rows in the schema are exactly the acknowledged writes);
    - no value is readable any more: not in a new request, and not in the request that was
      running all along (a process's cached keys do not outlive the offboarding).
    """
    from cases.models import Case, Party, Person
    from encryption.errors import StateKeysUnavailable
    from isupport.signals import state_offboarding
    from tenants.models import State
    from tenants.services import state_offboard

    with schema_context(scratch_state.schema_name):
        persons_before = Person.objects.count()
    offboarding, offboarded, stop = threading.Event(), threading.Event(), threading.Event()
    attempted_during_offboarding = threading.Event()
    pids: dict[str, int] = {}
    attempts: list[tuple[bool, object]] = []  # (started after the offboarding returned, outcome)
    read_after: list[object] = []  # what reading a person gave after the offboarding returned

    def user():
        state = State.objects.get(pk=scratch_state.pk)
        with tenant_context(state):
            pids["user"] = backend_pid()
            caseworker = get_user_model().objects.get(pk=scratch_state.caseworker_id)
            case = Case.objects.get(pk=scratch_state.case_id)
            written_after = 0
            for number in range(10_000):
                if stop.is_set():
                    break
                after = offboarded.is_set()
                during = offboarding.is_set() and not after
                try:
                    _party_add(caseworker, case, f"Writer{number}")
                    outcome: object = "written"
                except Exception as error:  # a refusal is an outcome here
                    outcome = type(error).__name__
                attempts.append((after, outcome))
                if during:
                    attempted_during_offboarding.set()
                if after:
                    person = Person.objects.order_by("pk").first()
                    try:
                        read_after.append(person.family_name)
                    except StateKeysUnavailable:
                        read_after.append(StateKeysUnavailable)
                    written_after += 1
                    if written_after >= 3:
                        break

    def operator():
        wait_until(
            lambda: sum(outcome == "written" for _after, outcome in attempts) >= 2,
            what="the caseworker's first writes",
        )
        try:
            state_offboard(code=SCRATCH_CODE, operator="race-test")
        finally:
            offboarded.set()

    def while_offboarding(sender, state, **kwargs):
        """Inside the offboarding's transaction: let the caseworker's next write happen now."""
        if state.code != SCRATCH_CODE:
            return
        offboarding.set()
        wait_until(
            lambda: attempted_during_offboarding.is_set() or waits_for_a_lock(pids["user"]),
            what="a write during the offboarding",
        )

    state_offboarding.connect(while_offboarding, weak=False, dispatch_uid="race-test")
    try:
        run_threads(user, operator)
    finally:
        stop.set()
        state_offboarding.disconnect(dispatch_uid="race-test")

    connection.set_schema_to_public()
    assert State.objects.get(pk=scratch_state.pk).status == State.Status.OFFBOARDED
    assert offboarding.is_set() and any(after for after, _outcome in attempts)
    written_after = [outcome for after, outcome in attempts if after and outcome == "written"]
    assert not written_after, "writes were acknowledged after the State was offboarded"
    written = sum(outcome == "written" for _after, outcome in attempts)
    with schema_context(scratch_state.schema_name):
        # Exactly the acknowledged writes are there: none lost, none half made.
        assert Person.objects.count() - persons_before == Party.objects.count() == written
    assert read_after and all(value is StateKeysUnavailable for value in read_after), read_after
    with tenant_context(State.objects.get(pk=scratch_state.pk)):  # a new request, or a task
        for person in Person.objects.all():
            with pytest.raises(StateKeysUnavailable):
                person.family_name  # noqa: B018


def test_offboarding_waits_for_a_transaction_under_way_or_gives_up_changing_nothing(
    scratch_state, monkeypatch
):
    """A worker's transaction has written in the State's schema and is still open. The
    offboarding waits for it (never past OFFBOARDING_WAIT_SECONDS): if it does not end, the
    offboarding gives up and nothing has changed; if it ends, its write was made while the keys
    existed, and the offboarding goes on."""
    import tenants.services
    from cases.models import Person
    from encryption.models import StateKey
    from tenants.models import State
    from tenants.services import OnboardingError, state_offboard

    with schema_context(scratch_state.schema_name):
        persons_before = Person.objects.count()

    def worker_holding_a_write(holding: threading.Event, release: threading.Event):
        from django.db import transaction

        with tenant_context(State.objects.get(pk=scratch_state.pk)), transaction.atomic():
            Person(family_name="Under way").save()
            holding.set()
            assert release.wait(TIMEOUT)

    def the_offboarding_waits() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE relation = %s::regclass "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND mode = 'ExclusiveLock' AND NOT granted)",
                [f"{scratch_state.schema_name}.cases_person"],
            )
            return cursor.fetchone()[0]

    # The transaction does not end in time: the offboarding gives up, changing nothing.
    monkeypatch.setattr(tenants.services, "OFFBOARDING_WAIT_SECONDS", 1)
    holding, release = threading.Event(), threading.Event()
    refusals = []

    def operator_gives_up():
        assert holding.wait(TIMEOUT)
        try:
            state_offboard(code=SCRATCH_CODE, operator="race-test")
        except OnboardingError as error:
            refusals.append(str(error))
        finally:
            release.set()

    run_threads(lambda: worker_holding_a_write(holding, release), operator_gives_up)
    assert refusals and "did not pause" in refusals[0]
    state = State.objects.get(pk=scratch_state.pk)
    assert state.is_active and state.domains.exists()
    assert not StateKey.objects.filter(state=state, wrapped_key__isnull=True).exists()

    # The transaction ends while the offboarding waits: its write is there, made before.
    monkeypatch.setattr(tenants.services, "OFFBOARDING_WAIT_SECONDS", TIMEOUT)
    holding, release = threading.Event(), threading.Event()

    def operator():
        assert holding.wait(TIMEOUT)
        state_offboard(code=SCRATCH_CODE, operator="race-test")

    def observer():
        wait_until(the_offboarding_waits, what="the offboarding to wait for the worker")
        release.set()

    run_threads(lambda: worker_holding_a_write(holding, release), operator, observer)
    assert State.objects.get(pk=scratch_state.pk).status == State.Status.OFFBOARDED
    with schema_context(scratch_state.schema_name):
        # Both workers' writes are there, committed before the keys were destroyed.
        assert Person.objects.count() - persons_before == 2


def test_a_process_still_holding_the_keys_cannot_write_once_the_state_is_offboarded(
    state_a, in_state, make_person
):
    """Another process (a web worker in the middle of a request, a Celery worker in the middle
    of a task) keeps a State's unwrapped keys in memory for up to ISUPPORT_KEY_CACHE_SECONDS and
    is not told of the offboarding until its next switch to the State. Its writes are refused
    by the database itself from the offboarding's commit on."""
    from django.db import DatabaseError, transaction

    from encryption import keyring
    from tenants.models import State
    from tenants.services import state_offboard

    in_state(state_a)
    make_person()
    held = keyring.current_keyring()
    connection.set_schema_to_public()
    state_offboard(code="PT", operator="race-test")

    in_state(State.objects.get(code="PT"))
    keyring._cache[state_a.schema_name] = held  # as that other process still has them
    with pytest.raises(DatabaseError, match="offboarded State"), transaction.atomic():
        make_person(family_name="Too late")


def test_rotating_keys_while_users_write_and_edit_loses_nothing(scratch_state, monkeypatch):
    """One caseworker adds persons, another edits existing ones, while the operator rotates the
    data key with ``--reencrypt now``; the re-encryption starts only once both have written
    under way. Every write succeeds, every value decrypts afterwards, every edit is kept."""
    import encryption.rotation
    from cases.models import Case, Person
    from encryption.keyring import current_keyring, key_version_of
    from encryption.rotation import reencrypt_current_schema
    from tenants.models import State
    from tenants.services import state_rotate_keys

    with tenant_context(scratch_state):
        caseworker = get_user_model().objects.get(pk=scratch_state.caseworker_id)
        case = Case.objects.get(pk=scratch_state.case_id)
        existing = [_party_add(caseworker, case, f"Before{n}").person_id for n in range(12)]
    connection.set_schema_to_public()

    rotated, stop = threading.Event(), threading.Event()
    written: list[str] = []
    refused: list[str] = []
    edits: dict = {}  # person id -> the family name last saved
    progress = {"writes": 0, "edits": 0}
    reencrypting = threading.Event()

    def adder():
        with tenant_context(State.objects.get(pk=scratch_state.pk)):
            worker = get_user_model().objects.get(pk=scratch_state.caseworker_id)
            own_case = Case.objects.get(pk=scratch_state.case_id)
            for number in range(10_000):
                if stop.is_set():
                    break
                name = f"During{number}"
                try:
                    _party_add(worker, own_case, name)
                    written.append(name)
                except Exception as error:
                    refused.append(type(error).__name__)
                progress["writes"] += 1

    def editor():
        with tenant_context(State.objects.get(pk=scratch_state.pk)):
            for number in range(10_000):
                if stop.is_set():
                    break
                person_id = existing[number % len(existing)]
                person = Person.objects.get(pk=person_id)
                person.family_name = f"Edited{number}"
                person.save()
                edits[person_id] = person.family_name
                progress["edits"] += 1

    real_written_before = encryption.rotation._written_before

    def written_before(instance, name, active_version):
        if not reencrypting.is_set():  # the first row the re-encryption looks at
            reencrypting.set()
            seen = dict(progress)
            wait_until(
                lambda: (
                    progress["writes"] > seen["writes"] + 1
                    and progress["edits"] > seen["edits"] + 1
                ),
                what="writes and edits during the re-encryption",
            )
        return real_written_before(instance, name, active_version)

    monkeypatch.setattr(encryption.rotation, "_written_before", written_before)

    def operator():
        wait_until(lambda: progress["writes"] >= 2 and progress["edits"] >= 2, what="writes")
        try:
            state_rotate_keys(code=SCRATCH_CODE, reencrypt="now")
        finally:
            rotated.set()
        seen = dict(progress)
        wait_until(
            lambda: (
                progress["writes"] > seen["writes"] + 1 and progress["edits"] > seen["edits"] + 1
            ),
            what="writes after the rotation",
        )
        stop.set()

    try:
        run_threads(adder, editor, operator)
    finally:
        stop.set()

    assert reencrypting.is_set() and not refused, refused
    with tenant_context(State.objects.get(pk=scratch_state.pk)):
        assert current_keyring().active_version == 2
        names = {person.pk: person.family_name for person in Person.objects.all()}
        assert set(written) <= set(names.values())  # every write is there and decrypts
        assert edits and {pk: names[pk] for pk in edits} == edits  # every edit is kept
        # A second pass rewrites whatever was written under the old key meanwhile.
        reencrypt_current_schema()
        versions = {
            key_version_of(person.__dict__["family_name"].token) for person in Person.objects.all()
        }
        assert versions == {2}
        assert {person.pk: person.family_name for person in Person.objects.all()} == names


# --- (c) A parallel burst of sign-in attempts -----------------------------------------------------


def test_a_parallel_burst_of_wrong_passwords_checks_at_most_the_limit(
    committed, settings, monkeypatch
):
    """N attempts at once, all with a wrong password, on one account from one address: at most
    LOGIN_FAILURE_LIMIT of them reach the password check; the rest are refused as throttled.
    (Each check is held until every attempt has either reached the check or been refused, so
    a check-then-count throttle lets them all through.)"""
    from django.contrib.auth.backends import ModelBackend

    settings.LOGIN_FAILURE_LIMIT = limit = 3
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 60
    attempts = 12
    email = f"burst-{uuid.uuid4().hex[:10]}@pt.example.org"
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"
    checked, refused = [], []
    lock = threading.Lock()

    def authenticate(self, request, username=None, password=None, **kwargs):
        with lock:
            checked.append(username)
        wait_until(
            lambda: len(checked) + len(refused) >= attempts,
            what="every attempt to be checked or refused",
        )
        return None  # the wrong password

    monkeypatch.setattr(ModelBackend, "authenticate", authenticate)
    start = threading.Barrier(attempts, timeout=TIMEOUT)
    statuses = []

    def attempt():
        browser = Client(HTTP_HOST=HOST_A, REMOTE_ADDR=address)
        start.wait()
        response = browser.post("/accounts/login/", {"username": email, "password": "guess"})
        statuses.append(response.status_code)
        if "Too many failed sign-in attempts" in response.content.decode():
            with lock:
                refused.append(email)

    run_threads(*[attempt] * attempts)

    assert statuses == [200] * attempts
    assert len(checked) <= limit, f"{len(checked)} passwords checked, the limit is {limit}"
    assert len(checked) + len(refused) == attempts


def test_counting_attempts_first_still_counts_only_failures(state_a, make_user, settings):
    """What the count-first throttle must keep: attempts refused as throttled, successes and
    form errors are not failures of the address, so one locked account does not lock everyone
    signing in from the same office (one address behind its NAT)."""
    from django.core.cache import cache

    settings.LOGIN_FAILURE_LIMIT = 2
    locked, colleague = make_user(state_a), make_user(state_a)
    office = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.9"
    connection.set_schema_to_public()
    for elsewhere in ("10.201.0.1", "10.201.0.2"):
        Client(HTTP_HOST=HOST_A, REMOTE_ADDR=elsewhere).post(
            "/accounts/login/", {"username": locked.email, "password": "wrong password"}
        )
    browser = Client(HTTP_HOST=HOST_A, REMOTE_ADDR=office)
    for _retry in range(3):
        response = browser.post(
            "/accounts/login/", {"username": locked.email, "password": PASSWORD}
        )
        assert "Too many failed sign-in attempts" in response.content.decode()
        browser.post("/accounts/login/", {"username": colleague.email, "password": ""})
    for _success in range(3):
        signed_in = Client(HTTP_HOST=HOST_A, REMOTE_ADDR=office).post(
            "/accounts/login/", {"username": colleague.email, "password": PASSWORD}
        )
        assert signed_in.status_code == 302
    connection.set_tenant(state_a)
    assert not cache.get(f"login-failures:client:{office}")  # nothing counted against the office
