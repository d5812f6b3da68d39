"""Browser tests: Debian's Chromium driven by Playwright, checked with axe.

Every test in tests/browser/ is marked `browser` (select with `-m browser`, leave out with
`-m "not browser"`). Chromium is /usr/bin/chromium (infra/dev.py and .ci/run install it with
apt-get when missing; never `playwright install`). Without it the tests are skipped, unless
ISUPPORT_REQUIRE_BROWSER=1 (CI), where they fail.

The data: a State of their own, Finland (code FI, host fi.localhost), onboarded with committed
transactions when the first browser test starts and removed (offboarded, schema dropped, rows
deleted) after the last one, so the rest of the suite never sees it; the session's Portugal and
Norway are left alone. It must be a State of the Convention's reference data
(platform/convention/data/), or no case could be created in it: the legal basis between two
States is looked up there. A live server (Django's LiveServerThread, static files from the
finders) serves the real tenant routing on 127.0.0.1; Chromium resolves *.localhost itself.
Browser tests run outside the usual rolled-back transaction: what a test writes is committed
(and visible to the server). Write only in the browser State, with data of your own (e.g. a
fresh e-mail address per test): it is all dropped with the schema at the end.

Fixtures:
- `browser_state`: the State (tenants.models.State); `browser_host`: "fi.localhost:<port>";
  `live_url`: "http://fi.localhost:<port>".
- `make_browser_user(role=StateRole.CASEWORKER, **fields)`: a committed user of the browser
  State (password tests.conftest.PASSWORD, no password change required).
- `browser`: one Chromium for all browser tests.
- `page`: a fresh context and page per test, base URL `live_url`, locale en, 1280x900;
  `page.goto("/accounts/login/")`.
- `caseworker`: the caseworker aino.virtanen@fi.localhost (created once); `signed_in_page`:
  `page` signed in as `caseworker` (on the dashboard).
- `axe_check(page, context=None)`: runs axe (WCAG 2.0/2.1 A and AA, plus the best-practice
  rules of UX-NOTES §4.2) on the page or on a CSS selector, and fails with the report.
- `screenshot(page, name)`: saves a full-page PNG <name>.png in a temporary directory, or in
  docs/screenshots/ when the run is asked to refresh them (`make screenshots`, which sets
  ISUPPORT_REFRESH_SCREENSHOTS=1): a test run never rewrites tracked files.

While Playwright runs, its event loop runs in the main thread, so Django's "async unsafe"
check is switched off then (DJANGO_ALLOW_ASYNC_UNSAFE) and restored after the browser tests.
"""

import os
import threading
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.db.backends.signals import connection_created
from django.test.utils import override_settings
from django_tenants.utils import schema_context

from accounts.roles import StateRole
from tests.conftest import PASSWORD, onboard_test_state

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STATE_CODE = "FI"
STATE_HOST = "fi.localhost"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# axe: the gate of UX-NOTES §4.2.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_BEST_PRACTICES = [
    "region",
    "landmark-one-main",
    "landmark-unique",
    "landmark-no-duplicate-main",
    "page-has-heading-one",
    "heading-order",
    "empty-heading",
    "empty-table-header",
    "scope-attr-valid",
    "table-duplicate-name",
    "label-title-only",
    "aria-dialog-name",
    "skip-link",
]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def _browser_missing() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (pip install -e '.[dev]')"
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install chromium; `make test` does it as root)"
    return None


@pytest.fixture(scope="session")
def _chromium_available():
    reason = _browser_missing()
    if reason:
        if os.environ.get("ISUPPORT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required (ISUPPORT_REQUIRE_BROWSER=1): {reason}")
        pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(autouse=True)
def _database_open_to_the_server(django_db_blocker):
    """The live server's threads and the test itself use the database freely (committed)."""
    with django_db_blocker.unblock():
        yield


def _state_remove(code: str) -> None:
    from encryption.models import StateKey
    from tenants.models import State
    from tenants.services import state_offboard

    state = State.objects.filter(code=code).first()
    if state is None:
        return
    if state.is_active:
        # With the cases the tests wrote: offboarding closes the accounts they refer to.
        state_offboard(code=code, operator="browser tests")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{state.schema_name}" CASCADE')
    StateKey.objects.filter(state=state).delete()  # destroyed by the offboarding
    State.objects.filter(code=code).delete()


@pytest.fixture(scope="package")
def browser_state(_chromium_available, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        _state_remove(STATE_CODE)  # left over by an interrupted run on a kept database
        state = onboard_test_state(
            STATE_CODE,
            "Finland",
            STATE_HOST,
            "Europe/Helsinki",
            authority_name="Central Authority of Finland",
        )
    yield state
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        _state_remove(STATE_CODE)


def _live_server_thread():
    """Django's LiveServerThread whose request threads are joined when it stops, so that no
    database connection of the server outlives the browser tests."""
    import threading

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class Server(ThreadedWSGIServer):
        def process_request(self, request, client_address):
            thread = threading.Thread(
                target=self.process_request_thread, args=(request, client_address), daemon=True
            )
            self.request_threads = [t for t in getattr(self, "request_threads", []) if t.is_alive()]
            self.request_threads.append(thread)
            thread.start()

    class ServerThread(LiveServerThread):
        server_class = Server

        def terminate(self):
            httpd = getattr(self, "httpd", None)
            super().terminate()
            for thread in getattr(httpd, "request_threads", []):
                thread.join(timeout=10)

    return ServerThread


@pytest.fixture(scope="package")
def live_server_url_base(browser_state, django_db_blocker):
    """A live server on 127.0.0.1 serving every host (its port chosen by the system)."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    # Plain HTTP: cookies must not be Secure for the browser to send them back.
    insecure_cookies = override_settings(SESSION_COOKIE_SECURE=False, CSRF_COOKIE_SECURE=False)
    insecure_cookies.enable()
    with django_db_blocker.unblock():
        server = _live_server_thread()("127.0.0.1", StaticFilesHandler, port=0)
        server.daemon = True
        server.start()
        server.is_ready.wait()
        if server.error:
            raise server.error
    yield server.port
    server.terminate()  # after Chromium closed (see `browser`): its connections are gone
    insecure_cookies.disable()


@pytest.fixture(scope="package")
def browser_host(live_server_url_base):
    return f"{STATE_HOST}:{live_server_url_base}"


@pytest.fixture(scope="package")
def live_url(browser_host):
    return f"http://{browser_host}"


@pytest.fixture(scope="package")
def browser(_chromium_available, live_server_url_base):
    """Chromium; it closes before the live server stops (it keeps connections alive)."""
    from playwright.sync_api import sync_playwright

    # Django's connections are per context, and while Playwright runs a test's database
    # connections may belong to a context of their own: each one opened in the main thread is
    # remembered and closed at the end, or the test database could not be dropped.
    opened = []

    def remember(sender, connection, **kwargs):
        if threading.current_thread() is threading.main_thread():
            opened.append(connection)

    connection_created.connect(remember, weak=False, dispatch_uid=__name__)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
        connection_created.disconnect(dispatch_uid=__name__)
        for wrapper in opened:
            wrapper.close()


@pytest.fixture
def page(browser, live_url):
    context = browser.new_context(
        base_url=live_url, locale="en", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def make_browser_user(browser_state):
    """Create a committed user of the browser State with a role."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    def make(role=StateRole.CASEWORKER, email=None, **fields):
        with schema_context(browser_state.schema_name):
            user = get_user_model().objects.create_user(
                email=email or f"{uuid.uuid4().hex[:10]}@{STATE_HOST}",
                password=PASSWORD,
                **fields,
            )
            if role:
                user.groups.add(Group.objects.get(name=role))
        return user

    return make


@pytest.fixture
def caseworker(make_browser_user, browser_state):
    """The caseworker Aino Virtanen (the same account for every test: stable screenshots)."""
    from django.contrib.auth import get_user_model

    email = f"aino.virtanen@{STATE_HOST}"
    with schema_context(browser_state.schema_name):
        existing = get_user_model().objects.filter(email=email).first()
    return existing or make_browser_user(
        StateRole.CASEWORKER, email=email, full_name="Aino Virtanen"
    )


@pytest.fixture
def signed_in_page(page, caseworker, live_url):
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address", exact=True).fill(caseworker.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{live_url}/dashboard/")  # where a State official lands
    return page


@pytest.fixture(scope="session")
def _axe(_chromium_available):
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def axe_check(_axe):
    """axe_check(page, context=None): fail on any violation of the gate (UX-NOTES §4.2);
    `context` is a CSS selector (or an axe context object) to check only part of the page,
    e.g. a region after an htmx swap. Returns axe's results."""
    from axe_playwright_python.base import AxeResults

    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "rules": {rule: {"enabled": True} for rule in AXE_BEST_PRACTICES},
        "resultTypes": ["violations"],
    }

    def check(page, context=None):
        page.evaluate(_axe.axe_script)
        response = page.evaluate(
            "([context, options]) => axe.run(context ?? document, options)", [context, options]
        )
        results = AxeResults(response)
        assert results.violations_count == 0, (
            f"axe found violations on {page.url}"
            + (f" in {context}" if context else "")
            + ":\n"
            + results.generate_report()
        )
        return response

    return check


@pytest.fixture
def screenshot(tmp_path_factory):
    """screenshot(page, name): a full-page PNG <name>.png, in docs/screenshots/ only when asked."""
    refresh = os.environ.get("ISUPPORT_REFRESH_SCREENSHOTS") == "1"
    directory = SCREENSHOTS if refresh else tmp_path_factory.mktemp("screenshots")

    def take(page, name: str) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
