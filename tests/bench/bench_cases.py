"""Benchmark: the case list, the API list endpoint and the search by family name in a State with
100,000 cases and 300,000 persons; the list with the parties' names against a plaintext baseline.

Prints the median and 95th percentile of each measurement, and the ratios encrypted / plaintext.
The data live in a database of their own on the configured (or embedded) PostgreSQL server,
``isupport_bench_cases`` (BENCH_CASES_DATABASE to change it): generated once, in a few minutes,
and reused by later runs. See docs/benchmarks.md.

    .venv/bin/python infra/dev.py bench bench_cases
    .venv/bin/python tests/bench/bench_cases.py [--rebuild] [--cases N] [--rounds N]
"""

import argparse
import os
import platform
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT), str(Path(__file__).parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isupport.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# The API's requests per client and minute: above what the rounds send, so none is refused.
os.environ.setdefault("ISUPPORT_API_RATE", "100000/minute")

TARGET_SEARCH_P95_MS = 50
TARGET_LIST_RATIO = 1.5


def bench_database_url() -> str:
    """The configured server's URL with the bench database's name (created when missing)."""
    from isupport import embedded

    configured = os.environ.get("DATABASE_URL") or embedded.database_url()
    parts = urllib.parse.urlsplit(configured)
    name = os.environ.get("BENCH_CASES_DATABASE", "isupport_bench_cases")
    import psycopg

    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as server:
        exists = server.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            server.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="generate the data again")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=100)
    return parser.parse_args()


def machine() -> str:
    from django.db import connection

    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        memory = int(meminfo.readline().split()[1]) / 1024 / 1024
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (postgres,) = cursor.fetchone()
    return (
        f"{os.cpu_count()} CPUs ({cpu}), {memory:.0f} GiB; CPython {platform.python_version()}; "
        f"PostgreSQL {postgres}"
    )


def table(title: str, figures, *, rows_column: dict | None = None) -> None:
    print(f"\n{title}")
    print(f"   {'measurement':<72} {'median':>9} {'p95':>9}")
    for figure in figures:
        detail = f"  {figure.detail}" if figure.detail else ""
        print(f"   {figure.name:<72} {figure.median_ms:>7.1f}ms {figure.p95_ms:>7.1f}ms{detail}")


def main() -> None:
    options = arguments()
    os.environ["DATABASE_URL"] = bench_database_url()
    import django

    django.setup()

    import datetime

    import casebench
    import casedata
    from django.db import connection
    from django.test import Client

    from cases.selectors import CaseFilters

    state, workers, generated = casedata.prepare(cases=options.cases, rebuild=options.rebuild)
    caseworker = workers[0]
    cases, persons, _baseline = casedata.data_size()
    print(f"\nMachine: {machine()}; {datetime.date.today().isoformat()}")
    if generated:
        print(
            f"Generated {generated.cases:,} cases, {generated.persons:,} persons, "
            f"{generated.parties:,} parties, {generated.deadlines:,} deadlines and "
            f"{generated.timeline_events:,} timeline events in {generated.seconds:.0f} s "
            f"({generated.persons / generated.seconds:,.0f} persons a second all included)."
        )
    print(f"Data: {cases:,} cases, {persons:,} persons in {state.schema_name}")

    names = casebench.search_names()
    print("\nNames searched (persons bearing it / persons sharing its blind index value / cases):")
    for pick in names:
        print(
            f"   {pick.label:<26} {pick.name!r:<32} {pick.persons:>6,} {pick.candidates:>6,}"
            f" {pick.cases:>6,}"
        )

    host = {"HTTP_HOST": casedata.BENCH_STATE.domain}
    browser = Client(**host)
    signed_in = browser.post(
        "/accounts/login/", {"username": caseworker.email, "password": casedata.PASSWORD}
    )
    assert signed_in.status_code == 302, signed_in.status_code
    searcher = Client(**host)  # a session of its own, holding a party search
    signed_in = searcher.post(
        "/accounts/login/", {"username": caseworker.email, "password": casedata.PASSWORD}
    )
    assert signed_in.status_code == 302, signed_in.status_code
    common_name = names[1].name
    posted = searcher.post("/cases/", {"family_name": common_name, "query": ""})
    assert posted.status_code == 303, posted.status_code

    pages = {
        "page: GET /cases/ (first page)": casebench.page_measurement(browser, "/cases/"),
        "page: GET /cases/?page=2": casebench.page_measurement(browser, "/cases/?page=2"),
        "page: GET /cases/?state=received&overdue=1": casebench.page_measurement(
            browser, "/cases/?state=received&overdue=1"
        ),
        "page: GET /cases/, party search (common name, in the session)": (
            casebench.page_measurement(searcher, "/cases/")
        ),
    }
    api_note = "not available (no route /api/v1/cases/ yet)"
    if casebench.api_available():
        token = casebench.api_token()
        pages.update(casebench.api_measurements(casedata.BENCH_STATE.domain, token, names[0].name))
        api_note = ""

    filters = {
        "first page": CaseFilters(),
        "received & overdue": CaseFilters(states=("received",), overdue=True),
    }
    for label, chosen in filters.items():
        assert casebench.baseline_matches(caseworker, chosen), f"baseline differs: {label}"

    measurements = {
        **casebench.search_measurements(caseworker, names),
        **pages,
        **casebench.list_measurements(caseworker, filters),
    }
    print(
        f"\nMeasuring: {options.rounds} rounds (+{casebench.WARM_UP_ROUNDS} warm-up), "
        "all measurements interleaved in an order shuffled per round..."
    )
    times = casebench.run_rounds(measurements, rounds=options.rounds)
    figures = {name: casebench.Figure(name, values) for name, values in times.items()}

    search = [f for name, f in figures.items() if name.startswith("search")]
    for figure in search:
        if figure.name.startswith("search: case list"):
            figure.detail = "OK" if figure.p95_ms < TARGET_SEARCH_P95_MS else "over target"
    table(f"1. Search by family name (target: p95 < {TARGET_SEARCH_P95_MS} ms)", search)
    table(
        "2. Pages through Django's test client: signed in as a caseworker, and the API with a "
        "caseworker client's token",
        [f for name, f in figures.items() if name.startswith(("page", "api"))],
    )
    if api_note:
        print(f"   api: GET /api/v1/cases/: {api_note}")
    listed = [f for name, f in figures.items() if name.startswith(("list", "names"))]
    table("3. The list with the creditor's and debtor's family names", listed)

    print(f"\n4. Encrypted / plaintext baseline (target for the list: <= {TARGET_LIST_RATIO}x)")
    print(f"   {'':<56} {'ratio of medians':>17} {'ratio of p95':>13}")
    for name, figure in figures.items():
        if name.endswith(": encrypted"):
            plain = figures[name.replace(": encrypted", ": plaintext baseline")]
            ratio = figure.median_ms / plain.median_ms
            verdict = (
                ""
                if name.startswith("names")
                else ("  OK" if ratio <= TARGET_LIST_RATIO else "  over target")
            )
            print(
                f"   {name.removesuffix(': encrypted'):<56} {ratio:>16.2f}x"
                f" {figure.p95_ms / plain.p95_ms:>12.2f}x{verdict}"
            )
    connection.set_schema_to_public()


if __name__ == "__main__":
    main()
