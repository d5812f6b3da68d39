"""The production web server: gunicorn started with infra/gunicorn.conf.py, in production mode
behind a pretend load balancer (ISUPPORT_PROXY_COUNT=1: it adds X-Forwarded-For and
X-Forwarded-Proto), with one sync worker and one thread, so that every request goes through the
same process, the same persistent database connection, the same cache of State keys and the
same cache client. Portugal's and Norway's requests alternate, with signed-in sessions and API
tokens of each State, and each response shows its own State's data only: no schema, key, cache
key or session is carried from one request to the next.

The server is another process: what it reads is committed (and deleted afterwards), as in
tests/test_celery_worker.py."""

import contextlib
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import connection
from django_tenants.utils import schema_context

from accounts.roles import StateRole
from api import tokens
from api.models import ApiClient
from audit.models import AuditChainHead, AuditEntry
from cases.models import Case, Party, Person
from tests.conftest import HOST_A, HOST_B, PASSWORD

ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 120  # a loaded two-core machine: Django's start-up, migrations checks, ...
FAMILY_NAME = "Interleaved"  # in both States: each State's search must find its own only
OTHER = {"PT": "NO", "NO": "PT"}


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode()

    def json(self):
        return json.loads(self.body)


@dataclass
class Server:
    port: int
    log: Path
    application_name: str
    client_address: str

    def request(
        self,
        method: str,
        host: str,
        path: str,
        *,
        token: str | None = None,
        cookies: dict[str, str] | None = None,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        scheme: str = "https",
    ) -> Answer:
        """One request on a connection of its own, as the load balancer forwards it: the
        client's address in X-Forwarded-For, the scheme it was received on in
        X-Forwarded-Proto."""
        sent = {"Host": host, "X-Forwarded-For": self.client_address}
        sent["X-Forwarded-Proto"] = scheme
        if token is not None:
            sent["Authorization"] = f"Bearer {token}"
        if cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        sent.update(headers or {})
        link = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            link.request(method, path, body=body, headers=sent)
            response = link.getresponse()
            answer = Answer(response.status, response.headers, response.read())
        finally:
            link.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            answer.cookies.update({name: m.value for name, m in SimpleCookie(header).items()})
        return answer

    def get(self, host: str, path: str, **options) -> Answer:
        return self.request("GET", host, path, **options)

    def post_json(self, host: str, path: str, data: dict, **options) -> Answer:
        headers = {"Content-Type": "application/json"}
        return self.request(
            "POST", host, path, body=json.dumps(data).encode(), headers=headers, **options
        )

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def log_line_with(self, text: str, timeout: float = 30) -> str:
        """The log line holding ``text`` (gunicorn writes the access line after the response)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.log_text().splitlines():
                if text in line:
                    return line
            time.sleep(0.1)
        raise AssertionError(f"no log line with {text!r}:\n{self.log_text()[-3000:]}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(application_name: str) -> str:
    """The test database, for another process, with a name of its own in pg_stat_activity."""
    database = connection.settings_dict
    password = f":{quote(database['PASSWORD'], safe='')}" if database.get("PASSWORD") else ""
    query = urlencode(
        {
            "host": database.get("HOST") or "",
            "port": database.get("PORT") or 5432,
            "application_name": application_name,
        }
    )
    user = quote(database.get("USER") or "postgres", safe="")
    return f"postgresql://{user}{password}@/{database['NAME']}?{query}"


def _master_key() -> str:
    return (
        settings.ISUPPORT_MASTER_KEY or Path(settings.ISUPPORT_MASTER_KEY_FILE).read_text().strip()
    )


def _healthy(port: int) -> bool:
    try:
        link = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        link.request("GET", "/healthz", headers={"Host": "localhost"})
        return link.getresponse().status == 200
    except OSError:
        return False


@contextlib.contextmanager
def running_server(log: Path, django_db_blocker, *, workers: int, threads: int):
    """gunicorn -c infra/gunicorn.conf.py in production mode behind a pretend load balancer,
    with ``workers`` processes of ``threads`` threads, until the block ends."""
    port = _free_port()
    application_name = f"isupport-web-test-{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock():
        database_url = _database_url(application_name)
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("ISUPPORT_", "DJANGO_", "GUNICORN_", "SENTRY_", "DATABASE_"))
        and name not in ("WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS", "PORT")
    }
    environment = {
        **inherited,
        "ISUPPORT_ENVIRONMENT": "production",
        "DJANGO_SECRET_KEY": settings.SECRET_KEY,  # the test reads the server's sessions
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "600",  # the connection outlives the test on a slow machine
        "REDIS_URL": settings.REDIS_URL,
        "ISUPPORT_CACHE_PREFIX": settings.CACHES["default"]["KEY_PREFIX"],
        "ISUPPORT_KEY_PROVIDER": "local",
        "ISUPPORT_MASTER_KEY": _master_key(),
        "ISUPPORT_PROXY_COUNT": "1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "INFO",
    }
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "infra" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own, with its workers
        )
    address = f"2001:db8::{uuid.uuid4().hex[:4]}:{uuid.uuid4().hex[:4]}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _healthy(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not start:\n{log.read_text()[-5000:]}")
            time.sleep(0.25)
        yield Server(port, log, application_name, client_address=address)
    finally:
        process.terminate()  # SIGTERM: gunicorn lets its workers finish, then exits
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # a worker the master left behind, if any
        # The counts of this client address's unauthenticated requests (api/throttling.py).
        store = redis.Redis.from_url(settings.REDIS_URL)
        counts = store.keys(f"*:throttle_api_anonymous_{address}")
        if counts:
            store.delete(*counts)
    # Nothing failed on the server's side (4xx answers are logged as warnings).
    failures = [line for line in log.read_text().splitlines() if '"level": "ERROR"' in line]
    assert failures == [], failures[0][:3000] if failures else ""


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    """One sync worker with one thread: every request goes through the same process."""
    log = tmp_path_factory.mktemp("gunicorn") / "server.log"
    with running_server(log, django_db_blocker, workers=1, threads=1) as running:
        yield running


@pytest.fixture(scope="module")
def committed(django_db_setup, django_db_blocker):
    """In each State, committed: a caseworker, an API client with its token, and two cases,
    each with a party named FAMILY_NAME (encrypted with the State's keys)."""
    user_model = get_user_model()
    run = uuid.uuid4().hex[:8]
    states = {}
    with django_db_blocker.unblock():
        for code, schema, host in (("PT", "state_pt", HOST_A), ("NO", "state_no", HOST_B)):
            with schema_context(schema):
                # The server audits what it shows (searches): its entries go too, afterwards.
                head = AuditChainHead.objects.filter(id=1).first()
                audit_head = (head.last_sequence, head.last_mac) if head else None
                role = Group.objects.get(name=StateRole.CASEWORKER)
                caseworker = user_model.objects.create_user(
                    email=f"web-{run}@{host}", password=PASSWORD
                )
                caseworker.groups.add(role)
                service_user = user_model.objects.create_user(
                    email=f"api-client-{run}@{schema}.api.invalid", password=None
                )
                service_user.groups.add(role)
                token = tokens.token_new()
                client = ApiClient.objects.create(
                    name="Web server test",
                    user=service_user,
                    token_prefix=token.prefix,
                    token_sha256=token.sha256,
                )
                cases, persons = [], []
                for number in range(2):
                    cases.append(
                        Case.objects.create(
                            reference=f"{code}-WEB-{run}-{number}",
                            direction="outgoing",
                            legal_basis="hague_2007",
                            application_type="art_10_1_c",
                            requesting_state=code,
                            requested_state=OTHER[code],
                        )
                    )
                    persons.append(Person(family_name=FAMILY_NAME, given_names=f"{code} {number}"))
                    persons[-1].save()
                    Party.objects.create(case=cases[-1], person=persons[-1], roles=["creditor"])
            states[code] = {
                "schema": schema,
                "host": host,
                "email": caseworker.email,
                "token": token.plaintext,
                "client_id": client.pk,
                "user_ids": [caseworker.pk, service_user.pk],
                "case_ids": [case.pk for case in cases],
                "person_ids": [person.pk for person in persons],
                "references": {case.reference for case in cases},
                "audit_head": audit_head,
            }
    yield states
    with django_db_blocker.unblock():
        for state in states.values():
            with schema_context(state["schema"]):
                user_ids = {str(pk) for pk in state["user_ids"]}
                for session in Session.objects.all():
                    if session.get_decoded().get("_auth_user_id") in user_ids:
                        session.delete()
                Party.objects.filter(case_id__in=state["case_ids"]).delete()
                Case.objects.filter(pk__in=state["case_ids"]).delete()
                Person.objects.filter(pk__in=state["person_ids"]).delete()
                ApiClient.objects.filter(pk=state["client_id"]).delete()
                user_model.objects.filter(pk__in=state["user_ids"]).delete()
                _audit_trail_restore(state["audit_head"])
    store = redis.Redis.from_url(settings.REDIS_URL)
    for state in states.values():
        for ident in [f"client:{state['client_id']}", *(f"user:{pk}" for pk in state["user_ids"])]:
            stale = store.keys(f"*throttle_api_client_{ident}")
            if stale:
                store.delete(*stale)


def _audit_trail_restore(head: tuple[int, str] | None) -> None:
    """The current State's audit trail as it was when ``head`` was read (None: empty)."""
    last_sequence, last_mac = head or (0, None)
    AuditEntry.objects.filter(sequence__gt=last_sequence).delete()
    if head is None:
        AuditChainHead.objects.filter(id=1).delete()
    else:
        AuditChainHead.objects.filter(id=1).update(last_sequence=last_sequence, last_mac=last_mac)


@pytest.fixture(scope="module")
def signed_in(server, committed):
    """Each State's caseworker signed in through the server's sign-in page, Portugal and Norway
    in turn: the cookies of each."""
    jars, form_tokens = {}, {}
    for code, state in committed.items():
        page = server.get(state["host"], "/accounts/login/")
        assert page.status == 200, page.text[:500]
        jars[code] = dict(page.cookies)
        form_tokens[code] = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
    for code, state in committed.items():
        host = state["host"]
        form = {
            "username": state["email"],
            "password": PASSWORD,
            "csrfmiddlewaretoken": form_tokens[code],
        }
        signed = server.request(
            "POST",
            host,
            "/accounts/login/",
            cookies=jars[code],
            body=urlencode(form).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{host}",
                "Referer": f"https://{host}/accounts/login/",
            },
        )
        assert signed.status == 302, signed.text[:500]
        assert signed.headers["Location"] == "/"
        jars[code].update(signed.cookies)
    return jars


def _backends(server: Server, django_db_blocker) -> list[int]:
    """The server's database connections (PostgreSQL backend ids)."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE application_name = %s",
            [server.application_name],
        )
        return sorted(row[0] for row in cursor.fetchall())


def _token(state: dict) -> dict:
    return {"token": state["token"]}


def _references(answer: Answer) -> set[str]:
    assert answer.status == 200, answer.text[:500]
    return {case["reference"] for case in answer.json()["results"]}


def test_one_sync_worker_with_one_thread_serves_everything(server):
    log = server.log_text()
    assert "Using worker: sync" in log
    assert log.count("Booting worker with pid") == 1
    assert f"Listening at: http://0.0.0.0:{server.port}" in log


def test_interleaved_states_never_see_each_others_data_through_one_connection(
    server, committed, signed_in, django_db_blocker
):
    def api_client_lists_its_own_cases(state, other, session, foreign_session):
        listed = _references(server.get(state["host"], "/api/v1/cases/", token=state["token"]))
        assert state["references"] <= listed and not listed & other["references"]

    def search_uses_the_states_keys(state, other, session, foreign_session):
        # The blind index and the decryption use this State's keys, and the same name in the
        # other State is not found.
        found = server.post_json(
            state["host"], "/api/v1/cases/search/", {"family_name": FAMILY_NAME}, **_token(state)
        )
        assert _references(found) == state["references"]

    def session_lists_its_own_cases(state, other, session, foreign_session):
        listed = _references(server.get(state["host"], "/api/v1/cases/", cookies=session))
        assert state["references"] <= listed and not listed & other["references"]

    def page_shows_its_own_user_and_cases(state, other, session, foreign_session):
        page = server.get(state["host"], "/cases/", cookies=session)
        assert page.status == 200, page.text[:500]
        assert f"<bdi>{state['email']}</bdi>" in page.text
        assert all(reference in page.text for reference in state["references"])
        assert not any(reference in page.text for reference in other["references"])
        assert other["email"] not in page.text

    def other_states_session_is_not_signed_in(state, other, session, foreign_session):
        refused = server.get(state["host"], "/api/v1/cases/", cookies=foreign_session)
        assert refused.status == 401, refused.text[:500]
        to_sign_in = server.get(state["host"], "/cases/", cookies=foreign_session)
        assert to_sign_in.status == 302
        assert to_sign_in.headers["Location"].startswith("/accounts/login/")

    def other_states_token_is_unknown(state, other, session, foreign_session):
        assert server.get(state["host"], "/api/v1/cases/", **_token(other)).status == 401

    backends = _backends(server, django_db_blocker)
    assert len(backends) == 1, backends
    checks = [
        api_client_lists_its_own_cases,
        search_uses_the_states_keys,
        session_lists_its_own_cases,
        page_shows_its_own_user_and_cases,
        other_states_session_is_not_signed_in,
        other_states_token_is_unknown,
    ]
    for _round in range(2):
        for check in checks:
            for code in ("PT", "NO", "PT", "NO"):  # each request follows one of the other State
                other = OTHER[code]
                check(committed[code], committed[other], signed_in[code], signed_in[other])
    # One database connection served every request, and it is still the same one.
    assert _backends(server, django_db_blocker) == backends
    # Each request counted under its own State's schema in the cache (the throttles' keys).
    store = redis.Redis.from_url(settings.REDIS_URL)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    for state in committed.values():
        for ident in (f"client:{state['client_id']}", f"user:{state['user_ids'][0]}"):
            keys = {key.decode() for key in store.keys(f"*throttle_api_client_{ident}")}
            assert keys == {f"{state['schema']}:{prefix}:1:throttle_api_client_{ident}"}


def test_https_is_required_and_announced_behind_the_load_balancer(server):
    plain = server.get(HOST_A, "/accounts/login/", scheme="http")
    assert plain.status == 301
    assert plain.headers["Location"] == f"https://{HOST_A}/accounts/login/"
    secure = server.get(HOST_A, "/accounts/login/")
    assert secure.status == 200
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert _healthy(server.port)  # the load balancer's plain-HTTP health check


def test_access_log_names_no_query_string_address_or_browser(server, committed):
    marker, request_id = uuid.uuid4().hex[:12], uuid.uuid4().hex
    state = committed["PT"]
    answer = server.get(
        state["host"],
        f"/api/v1/cases/?reference=Silva-{marker}",
        token=state["token"],
        headers={
            "X-Request-ID": request_id,
            "User-Agent": f"browser-{marker}",
            "Referer": f"https://{state['host']}/cases/?family_name=Silva-{marker}",
        },
    )
    assert answer.status == 200
    entry = json.loads(server.log_line_with(f"request_id={request_id}"))
    assert entry["logger"] == "gunicorn.access"
    assert re.fullmatch(
        rf"GET /api/v1/cases/ HTTP/1\.1 200 \d+ bytes \d+ ms host={state['host']} "
        rf"request_id={request_id}",
        entry["message"],
    ), entry["message"]
    log = server.log_text()
    assert marker not in log
    assert server.client_address not in log


def test_the_default_threads_keep_states_apart_under_concurrent_requests(
    committed, django_db_blocker, tmp_path
):
    """The default worker has threads (gthread): requests of both States at the same time, each
    thread with its own database connection, each answer still of its own State only."""

    def ask(code: str) -> tuple[str, set[str], set[str]]:
        state = committed[code]
        listed = server.get(state["host"], "/api/v1/cases/", token=state["token"])
        found = server.post_json(
            state["host"],
            "/api/v1/cases/search/",
            {"family_name": FAMILY_NAME},
            token=state["token"],
        )
        return code, _references(listed), _references(found)

    with running_server(tmp_path / "server.log", django_db_blocker, workers=2, threads=4) as server:
        assert "Using worker: gthread" in server.log_text()
        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(ask, ["PT", "NO"] * 16))
    for code, listed, found in answers:
        own, other = committed[code]["references"], committed[OTHER[code]]["references"]
        assert own <= listed and not listed & other
        assert found == own
