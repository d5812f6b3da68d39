"""What bench_cases.py measures, as functions over the current State's schema (so that the smoke
test can run them on a handful of cases): the search by family name, the case list page, the API
list endpoint, and the list with the parties' names, encrypted and from the plaintext baseline.

Every measurement is a callable run once per round; the rounds interleave all of them in an order
shuffled per round, so the machine's drifts (other processes, caches) spread over all alike.
"""

import dataclasses
import random
import statistics
import time
from collections import defaultdict
from collections.abc import Callable

from baseline import TABLE as BASELINE_TABLE
from baseline import BaselineParty
from django.db import connection
from django.template import engines
from django.urls import Resolver404, resolve, set_urlconf

PER_PAGE = 25  # cases.views.CASES_PER_PAGE
WARM_UP_ROUNDS = 3
STATE_URLCONF = "isupport.urls_state"
ABSENT_NAME = "Zyxwvutsrqp-Nonexistent"

# The case list's rows (cases/templates/cases/case_list.html) with two more columns: the family
# names of the creditor and of the debtor, which the list is expected to show.
ROWS_TEMPLATE = """{% load i18n cases_ui %}<table>{% for row in rows %}{% with case=row.case %}
<tr><th><a href="{% url 'cases:case_detail' case.pk %}"><bdi>{{ case.reference }}</bdi></a></th>
<td><bdi>{{ case.partner_reference }}</bdi></td><td>{{ case.direction|direction_label }}</td>
<td>{% if case.application_type %}Art <bdi>{{ case.application_type|application_type_article }}
</bdi>{% else %}{% translate "Specific measures" %}{% endif %}</td>
<td>{{ case.partner_state|country_name }}</td><td>
{% include "includes/tag.html" with text=case.state|state_label colour=case.state|state_colour %}
</td>
<td><bdi>{{ row.creditor }}</bdi></td><td><bdi>{{ row.debtor }}</bdi></td>
<td>{% if case.responsible %}<bdi>{{ case.responsible }}</bdi>{% endif %}</td>
<td>{% if case.next_due %}<bdi>{{ case.next_due|day }}</bdi>{% if case.next_due < today %}
<strong>{% translate "Overdue" %}</strong>{% endif %}{% endif %}</td></tr>
{% endwith %}{% endfor %}</table>"""


@dataclasses.dataclass
class Figure:
    name: str
    times: list[float]
    detail: str = ""

    @property
    def median_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def p95_ms(self) -> float:
        if len(self.times) < 2:
            return self.times[0] * 1000
        return statistics.quantiles(self.times, n=100, method="inclusive")[94] * 1000


def run_rounds(
    measurements: dict[str, Callable[[], object]], *, rounds: int, seed: int = 0
) -> dict[str, list[float]]:
    """Run every measurement once per round, in an order shuffled per round; the first rounds
    warm caches and are not kept. Returns the seconds of each run, by name."""
    times: dict[str, list[float]] = {name: [] for name in measurements}
    order = list(measurements)
    shuffler = random.Random(seed)
    for number in range(WARM_UP_ROUNDS + rounds):
        shuffler.shuffle(order)
        for name in order:
            started = time.perf_counter()
            measurements[name]()
            elapsed = time.perf_counter() - started
            if number >= WARM_UP_ROUNDS:
                times[name].append(elapsed)
    return times


# --- Search by family name ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SearchName:
    label: str
    name: str
    persons: int  # persons with this name (accents and case folded)
    candidates: int  # persons sharing its blind index value, decrypted by the search
    cases: int  # cases with a party of this name


def search_names() -> list[SearchName]:
    """Names of varied frequency, from the baseline table's plaintext: the most common one, one
    at the 99th and at the 50th percentile of frequency, a name borne by one person, a name
    nobody bears; with their counts."""
    from cases.models import Person

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT family_name, count(*) FROM {BASELINE_TABLE} "
            "GROUP BY family_name ORDER BY count(*) DESC, family_name"
        )
        frequencies = cursor.fetchall()
    if not frequencies:
        return []
    distinct = len(frequencies)
    picks = [
        ("most common", frequencies[0][0]),
        ("common (1st percentile)", frequencies[distinct // 100][0]),
        ("median frequency", frequencies[distinct // 2][0]),
        ("borne by one person", _rare_with_accent(frequencies)),
        ("nobody's", ABSENT_NAME),
    ]
    index = Person._meta.get_field("family_name_index")
    chosen = []
    for label, name in picks:
        persons = Person.objects.search(family_name=name)
        candidates = Person.objects.filter(family_name_index=index.index_value(name)).count()
        cases = len({party.case_id for person in persons for party in person.parties.all()})
        chosen.append(SearchName(label, name, len(persons), candidates, cases))
    return chosen


def _rare_with_accent(frequencies) -> str:
    rare = [name for name, count in frequencies if count == 1]
    accented = [name for name in rare if not name.isascii()]
    return (accented or rare or [frequencies[-1][0]])[0]


def search_measurements(user, names: list[SearchName]) -> dict[str, Callable[[], object]]:
    """Per name: the case list's first page (the target), its first step alone (the case ids:
    ``case_ids_with_party``), and the Find a person page's search (the first
    ``PERSONS_SHOWN`` persons, whole, and how many match)."""
    from cases.selectors import (
        CaseFilters,
        case_ids_with_party,
        case_list_for_user,
        person_search_for_user,
    )

    measurements = {}
    for pick in names:

        def first_page(name=pick.name):
            return list(case_list_for_user(user=user, filters=CaseFilters(family_name=name))[:25])

        def case_ids(name=pick.name):
            return case_ids_with_party(family_name=name, date_of_birth=None)

        def persons(name=pick.name):
            return person_search_for_user(user=user, family_name=name)

        measurements[f"search: case list, {pick.label}"] = first_page
        measurements[f"search: its case ids (case_ids_with_party), {pick.label}"] = case_ids
        measurements[f"search: Find a person (person_search_for_user), {pick.label}"] = persons
    return measurements


# --- The list with the parties' names: encrypted and plaintext baseline -----------------------


def list_with_names(user, filters, *, baseline: bool) -> str:
    """The first page of the case list (the view's selector), the family names of each case's
    creditor and debtor (its parties with their persons, in one query), rendered as the list's
    rows. ``baseline`` reads the persons from the plaintext table instead of cases_person: the
    same query shape, the same objects, the same template; nothing to decrypt."""
    from cases.engine import state_today
    from cases.selectors import case_list_for_user

    set_urlconf(STATE_URLCONF)  # as on a State's host (a request resets it to the public one)
    cases = list(case_list_for_user(user=user, filters=filters)[:PER_PAGE])
    names = names_of_parties([case.pk for case in cases], baseline=baseline)
    rows = [
        {
            "case": case,
            "creditor": names[case.pk].get("creditor", ""),
            "debtor": names[case.pk].get("debtor", ""),
        }
        for case in cases
    ]
    template = engines["django"].from_string(ROWS_TEMPLATE)
    return template.render({"rows": rows, "today": state_today()})


def names_of_parties(case_ids: list, *, baseline: bool) -> dict:
    """{case id: {"creditor": family name, "debtor": family name}} for the cases: their parties
    with their persons in one query (the persons' family names decrypted, unless baseline)."""
    from cases.models import Party

    model = BaselineParty if baseline else Party
    parties = (
        model.objects.filter(case_id__in=case_ids, person__isnull=False)
        .select_related("person")
        .order_by("created_at")
    )
    names: dict = defaultdict(dict)
    for party in parties:
        for role in ("creditor", "debtor"):
            if role in party.roles:
                names[party.case_id].setdefault(role, party.person.family_name)
    return names


def list_measurements(user, filters_by_label: dict) -> dict[str, Callable[[], object]]:
    """Pairs of measurements, encrypted and baseline, per filter; and the names alone."""
    from cases.selectors import case_list_for_user

    measurements = {}
    for label, filters in filters_by_label.items():
        measurements[f"list with names, {label}: encrypted"] = lambda filters=filters: (
            list_with_names(user, filters, baseline=False)
        )
        measurements[f"list with names, {label}: plaintext baseline"] = lambda filters=filters: (
            list_with_names(user, filters, baseline=True)
        )
        ids = list(
            case_list_for_user(user=user, filters=filters).values_list("pk", flat=True)[:PER_PAGE]
        )
        measurements[f"names of a page's parties, {label}: encrypted"] = lambda ids=ids: (
            names_of_parties(ids, baseline=False)
        )
        measurements[f"names of a page's parties, {label}: plaintext baseline"] = lambda ids=ids: (
            names_of_parties(ids, baseline=True)
        )
    return measurements


def baseline_matches(user, filters) -> bool:
    """Whether the baseline list shows exactly what the encrypted one shows."""
    return list_with_names(user, filters, baseline=False) == list_with_names(
        user, filters, baseline=True
    )


# --- Pages through the test client ---------------------------------------------------------------


def api_available(path: str = "/api/v1/cases/") -> bool:
    try:
        resolve(path, urlconf=STATE_URLCONF)
    except Resolver404:
        return False
    return True


def page_measurement(client, path: str, *, expect: int = 200, **headers) -> Callable[[], object]:
    def get():
        response = client.get(path, **headers)
        if response.status_code != expect:
            raise AssertionError(f"GET {path}: {response.status_code}")
        return response

    return get


def api_token() -> str:
    """A new caseworker API client of the current State (with a service user of its own, as an
    integration system has); its token. The clients of earlier runs are revoked (a token is
    shown once, so none can be reused)."""
    from api.models import ApiClient
    from api.services import api_client_create, api_client_revoke

    for earlier in ApiClient.objects.filter(name="Benchmark", revoked_at__isnull=True):
        api_client_revoke(user=None, client=earlier)
    _client, token = api_client_create(user=None, name="Benchmark", role="caseworker")
    return token


def api_measurements(host: str, token: str, family_name: str) -> dict[str, Callable[[], object]]:
    """The API's case list through Django's test client with a Bearer token, as an integration
    client calls it: the first page, the page after it (through the ``next`` cursor), a filtered
    page, and the search by family name (a POST, so the name stays out of the URL)."""
    from django.test import Client

    api = Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Bearer {token}")
    first = api.get("/api/v1/cases/")
    if first.status_code != 200:
        raise AssertionError(f"GET /api/v1/cases/: {first.status_code}")
    measurements = {
        "api: GET /api/v1/cases/ (first page, 50 cases)": page_measurement(api, "/api/v1/cases/")
    }
    following = first.json()["next"]
    if following:
        measurements["api: GET /api/v1/cases/?cursor=... (the next page)"] = page_measurement(
            api, following
        )
    measurements["api: GET /api/v1/cases/?state=received&overdue=true"] = page_measurement(
        api, "/api/v1/cases/?state=received&overdue=true"
    )

    def search():
        response = api.post(
            "/api/v1/cases/search/", {"family_name": family_name}, content_type="application/json"
        )
        if response.status_code != 200:
            raise AssertionError(f"POST /api/v1/cases/search/: {response.status_code}")
        return response

    measurements["api: POST /api/v1/cases/search/ (most common name, 50 cases)"] = search
    return measurements
