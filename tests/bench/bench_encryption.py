"""Benchmark: the cost of per-State encryption.

Prints (1) fields encrypted and decrypted per second, and (2) the time to save and load 10,000
persons encrypted versus the same model unencrypted, as ratios. Runs in a database of its own
(isupport_bench, created and dropped here) on the configured or embedded PostgreSQL.

    make bench            # or: .venv/bin/python infra/dev.py bench bench_encryption
"""

import datetime
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "platform"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isupport.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

PERSONS = 10_000
ROUNDS = 5
FIELD_OPERATIONS = 50_000


class PlainPerson(models.Model):  # noqa: DJ008 - a benchmark baseline, never displayed
    """The same columns as cases.Person, unencrypted: the baseline."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    family_name = models.TextField()
    given_names = models.TextField(blank=True)
    date_of_birth = models.DateField(null=True)
    address = models.TextField(blank=True)
    email = models.TextField(blank=True)
    phone = models.TextField(blank=True)
    family_name_index = models.IntegerField(null=True, db_index=True)
    date_of_birth_index = models.IntegerField(null=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "cases"
        db_table = "bench_plain_person"


def values(number: int) -> dict:
    return {
        "family_name": f"Ferreira-Gonçalves {number}",
        "given_names": "Maria da Conceição",
        "date_of_birth": datetime.date(1980, 1, 1) + datetime.timedelta(days=number % 9000),
        "address": f"Avenida da Liberdade {number}, 1250-096 Lisboa",
        "email": f"person{number}@example.pt",
        "phone": f"+351 21 {number:07d}",
    }


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def save_one_by_one(model):
    with transaction.atomic():
        for number in range(PERSONS):
            model(**values(number)).save()


def save_in_bulk(model):
    with transaction.atomic():
        model.objects.bulk_create([model(**values(n)) for n in range(PERSONS)], batch_size=1000)


def load_all(model):
    """Load every row and read its six personal fields (decrypting them when encrypted)."""
    fields = ("family_name", "given_names", "date_of_birth", "address", "email", "phone")
    return sum(1 for person in model.objects.all() for name in fields if getattr(person, name))


def field_throughput():
    from cases.models import Person
    from encryption.keyring import current_keyring

    keyring = current_keyring()
    field = Person._meta.get_field("family_name")
    person = Person(family_name="Ferreira-Gonçalves")
    token = field.pre_save(person, add=True)
    aad = b"isupport/v1|state_bench|cases_person|family_name|" + str(person.pk).encode()

    def encrypt():
        for _ in range(FIELD_OPERATIONS):
            person.__dict__["family_name"] = "Ferreira-Gonçalves"
            field.pre_save(person, add=True)

    def decrypt():
        for _ in range(FIELD_OPERATIONS):
            person.__dict__["family_name"] = token
            person.family_name  # noqa: B018

    def raw_encrypt():
        for _ in range(FIELD_OPERATIONS):
            keyring.encrypt(b"Ferreira-Goncalves", aad)

    index = Person._meta.get_field("family_name_index")

    def blind_index():
        for _ in range(FIELD_OPERATIONS):
            index.index_value("Ferreira-Gonçalves")

    rows = []
    for name, function in (
        ("field encrypt (pre_save, incl. associated data)", encrypt),
        ("field decrypt (first attribute access)", decrypt),
        ("AES-256-GCM encrypt alone (keyring)", raw_encrypt),
        ("blind index value (normalise + HMAC-SHA256)", blind_index),
    ):
        best = min(timed(function) for _ in range(3))
        rows.append((name, FIELD_OPERATIONS / best, best / FIELD_OPERATIONS * 1e6))
    return rows


def main() -> None:
    from cases.models import Person
    from tenants.services import state_onboard

    settings.DATABASES["default"]["TEST"]["NAME"] = "isupport_bench"
    config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        state = state_onboard(
            code="AT",
            name="Benchmark (Austria)",
            domain="bench.localhost",
            time_zone="UTC",
            languages=["en"],
            admin_email="bench@example.org",
            admin_password="x" * 16,
        ).state
        connection.set_tenant(state)
        with connection.schema_editor() as editor:
            editor.create_model(PlainPerson)

        print(
            f"Machine: {os.cpu_count()} cores; {sys.version.split()[0]}; "
            f"PostgreSQL at {connection.get_connection_params().get('host') or 'localhost'}"
        )
        print(f"\n1. Field operations (best of 3 runs of {FIELD_OPERATIONS:,} operations)")
        for name, per_second, microseconds in field_throughput():
            print(f"   {name:<50} {per_second:>10,.0f}/s  {microseconds:6.2f} µs")

        print(
            f"\n2. {PERSONS:,} persons, median of {ROUNDS} rounds (plain and encrypted "
            "alternate within each round)"
        )
        measurements = {key: [] for key in ("save", "bulk", "load")}
        for _round in range(ROUNDS):
            for model in (PlainPerson, Person):
                model.objects.all().delete()
                save = timed(lambda model=model: save_one_by_one(model))
                load = timed(lambda model=model: load_all(model))
                model.objects.all().delete()
                bulk = timed(lambda model=model: save_in_bulk(model))
                measurements["save"].append((model, save))
                measurements["bulk"].append((model, bulk))
                measurements["load"].append((model, load))

        def median(kind, model):
            return statistics.median(t for m, t in measurements[kind] if m is model)

        rows = [
            ("save() one by one", median("save", PlainPerson), median("save", Person)),
            ("bulk_create (batches of 1,000)", median("bulk", PlainPerson), median("bulk", Person)),
            ("load all, read the 6 fields", median("load", PlainPerson), median("load", Person)),
            (
                "save() one by one + load (acceptance figure)",
                median("save", PlainPerson) + median("load", PlainPerson),
                median("save", Person) + median("load", Person),
            ),
            (
                "bulk_create + load",
                median("bulk", PlainPerson) + median("load", PlainPerson),
                median("bulk", Person) + median("load", Person),
            ),
        ]
        print(f"   {'operation':<46} {'plain':>9} {'encrypted':>10} {'ratio':>7}")
        for name, plain, encrypted in rows:
            print(f"   {name:<46} {plain:>8.2f}s {encrypted:>9.2f}s {encrypted / plain:>6.2f}x")
    finally:
        connection.set_schema_to_public()
        teardown_databases(config, verbosity=0)


if __name__ == "__main__":
    main()
