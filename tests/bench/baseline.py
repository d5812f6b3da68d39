"""The unencrypted baseline of the case list benchmark.

``bench_baseline_person`` is a bench-only table in the bench State's schema holding the same
persons as ``cases_person`` (same ids, same columns) with their values in plaintext.
``BaselineParty`` reads the real ``cases_party`` table, with its ``person`` pointing at the
baseline table instead, so a query through it has the shape of the same query through
``cases.Party``: the only differences are the joined table's column types (text instead of
bytea, so fewer bytes on the wire) and that nothing is decrypted.

The models live in a registry of their own, never Django's: no migration, no system check and no
``apps.get_models()`` ever sees them.
"""

import uuid

from django.apps.registry import Apps
from django.contrib.postgres.fields import ArrayField
from django.db import connection, models

registry = Apps()
TABLE = "bench_baseline_person"


class BaselinePerson(models.Model):  # noqa: DJ008 - a benchmark baseline, never displayed
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    family_name = models.TextField()
    given_names = models.TextField(blank=True)
    date_of_birth = models.DateField(null=True)
    address = models.TextField(blank=True)
    email = models.TextField(blank=True)
    phone = models.TextField(blank=True)
    family_name_index = models.IntegerField(null=True)
    date_of_birth_index = models.IntegerField(null=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        apps = registry
        app_label = "bench"
        db_table = TABLE
        managed = False


class BaselineParty(models.Model):  # noqa: DJ008 - a benchmark baseline, never displayed
    """``cases_party`` as it is, but for the table its ``person_id`` is joined with."""

    id = models.UUIDField(primary_key=True)
    case_id = models.UUIDField()
    person = models.ForeignKey(
        BaselinePerson,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    organisation_name = models.CharField(max_length=200)
    roles = ArrayField(models.CharField(max_length=48))
    is_applicant = models.BooleanField()
    non_disclosure = models.BooleanField()
    created_at = models.DateTimeField()

    class Meta:
        apps = registry
        app_label = "bench"
        db_table = "cases_party"
        managed = False


def baseline_table_create() -> None:
    """Create the (empty) baseline table in the current schema, replacing an existing one.
    Unlogged: it is rebuilt from the persons whenever it is lost."""
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
        cursor.execute(
            f"CREATE UNLOGGED TABLE {TABLE} ("
            "id uuid PRIMARY KEY, family_name text NOT NULL, given_names text NOT NULL, "
            "date_of_birth date NULL, address text NOT NULL, email text NOT NULL, "
            "phone text NOT NULL, family_name_index integer NULL, "
            "date_of_birth_index integer NULL, created_at timestamptz NOT NULL, "
            "updated_at timestamptz NOT NULL)"
        )
        cursor.execute(f"CREATE INDEX {TABLE}_family_name_index ON {TABLE} (family_name_index)")


def baseline_table_exists() -> bool:
    return TABLE in connection.introspection.table_names()


def baseline_person_of(person) -> BaselinePerson:
    """The baseline row of a person saved (or bulk-created) a moment ago: its plaintext values
    and the blind index values its ``pre_save`` computed."""
    return BaselinePerson(
        id=person.pk,
        family_name=person.family_name,
        given_names=person.given_names,
        date_of_birth=person.date_of_birth,
        address=person.address,
        email=person.email,
        phone=person.phone,
        family_name_index=person.family_name_index,
        date_of_birth_index=person.date_of_birth_index,
        created_at=person.created_at,
        updated_at=person.updated_at,
    )
