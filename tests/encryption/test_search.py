"""Search over encrypted fields (encryption/search.py): narrowed by the blind indexes, confirmed
by decrypting only the searched columns, each value bound to its row."""

import datetime

import pytest
from django.db import connection

from accounts.roles import StateRole
from cases import services
from cases.models import Party, Person
from encryption.errors import DecryptionError, EncryptionError
from encryption.fields import Ciphertext
from encryption.search import search_values


def _copy_stored(column: str, *, source: Person, target: Person) -> None:
    """Write the source row's stored value (and its blind index value) into the target row, as
    someone with write access to the database could."""
    index = f"{column}_index"
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE cases_person AS target SET {column} = source.{column}, "
            f"{index} = source.{index} FROM cases_person AS source "
            "WHERE target.id = %s AND source.id = %s",
            [target.pk, source.pk],
        )


def _collision(name: str) -> str:
    """Another name with the same family name index value in the current State."""
    field = Person._meta.get_field("family_name_index")
    target = field.index_value(name)
    return next(
        f"Name{number}" for number in range(500_000) if field.index_value(f"Name{number}") == target
    )


ROLES = (["creditor"], ["debtor"], ["person_for_whom_maintenance_is_sought"])


@pytest.fixture
def case_with_parties(state_a, in_state, make_user):
    """make(*persons): a new outgoing case in State A with a party for each person's values."""
    in_state(state_a)
    user = make_user(state_a, StateRole.CASEWORKER)

    def make(*persons: dict):
        case = services.case_create_outgoing(
            user=user, requested_state="NO", application_type="art_10_1_c"
        )
        for roles, values in zip(ROLES, persons, strict=False):
            services.party_add(user=user, case=case, roles=roles, **values)
        return case

    return make


def test_values_of_matching_rows_through_a_relation_fold_case_and_accents(case_with_parties):
    first = case_with_parties({"family_name": "Müller-Lüdenscheidt"}, {"family_name": "Costa"})
    second = case_with_parties({"family_name": "Costa"}, {"family_name": "MULLER LUDENSCHEIDT"})
    case_with_parties({"family_name": "Mueller"})

    found = search_values(
        Party.objects.order_by(),
        "case_id",
        through="person",
        flat=True,
        family_name="muller-ludenscheidt",
    )

    assert sorted(found) == sorted([first.pk, second.pk])


def test_values_are_tuples_of_the_requested_columns_in_the_querysets_order(case_with_parties):
    case = case_with_parties({"family_name": "Silva"}, {"family_name": "Hansen"})
    creditor, debtor = case.parties.order_by("created_at")

    found = search_values(
        Party.objects.order_by("created_at"), "pk", "case_id", through="person", family_name="Silva"
    )

    assert found == [(creditor.pk, case.pk)]
    assert debtor.pk not in {pk for pk, _case_id in found}


def test_distinct_values_once_each(case_with_parties, monkeypatch):
    """A parent and a child of one name in one case: the case once, its second candidate not
    decrypted (its case is found already)."""
    case = case_with_parties(
        {"family_name": "Silva"}, {"family_name": "Hansen"}, {"family_name": "Silva"}
    )
    searched = {"through": "person", "flat": True, "family_name": "silva"}
    assert search_values(Party.objects, "case_id", **searched) == [case.pk, case.pk]

    field = Person._meta.get_field("family_name")
    reader, decrypted = field.stored_value_reader, []

    def counting_reader(schema_name):
        read = reader(schema_name)

        def counted(token, row):
            decrypted.append(row)
            return read(token, row)

        return counted

    monkeypatch.setattr(field, "stored_value_reader", counting_reader)
    assert search_values(Party.objects, "case_id", distinct=True, **searched) == [case.pk]
    assert len(decrypted) == 1


def test_values_of_the_models_own_rows(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person(family_name="Ólafsdóttir")
    make_person(family_name="Olafsson")

    assert search_values(Person.objects, "pk", flat=True, family_name="OLAFSDOTTIR") == [person.pk]


def test_family_name_and_date_of_birth_together(case_with_parties):
    child = {"family_name": "Silva", "date_of_birth": datetime.date(2016, 1, 31)}
    parent = {"family_name": "Silva", "date_of_birth": datetime.date(1980, 7, 2)}
    other = {"family_name": "Costa", "date_of_birth": datetime.date(2016, 1, 31)}
    with_child = case_with_parties(parent, other, child)
    without_child = case_with_parties(parent, other)

    def case_ids(**searched):
        return set(search_values(Party.objects, "case_id", through="person", flat=True, **searched))

    assert case_ids(family_name="silva", date_of_birth=datetime.date(2016, 1, 31)) == {
        with_child.pk
    }
    assert case_ids(date_of_birth=datetime.date(2016, 1, 31)) == {with_child.pk, without_child.pk}
    assert case_ids(date_of_birth="2016-01-31") == {with_child.pk, without_child.pk}
    assert case_ids(family_name="silva", date_of_birth=datetime.date(1999, 1, 1)) == set()


def test_blind_index_false_positives_do_not_confirm(state_a, in_state, make_person):
    in_state(state_a)
    make_person(family_name=_collision("Almeida"))
    almeida = make_person(family_name="Almeida")
    index = Person._meta.get_field("family_name_index").index_value("Almeida")
    assert Person.objects.filter(family_name_index=index).count() == 2

    assert search_values(Person.objects, "pk", flat=True, family_name="Almeida") == [almeida.pk]
    assert Person.objects.search(family_name="Almeida") == [almeida]


def test_a_value_moved_to_another_row_does_not_confirm_there(state_a, in_state, make_person):
    """The row binding: a ciphertext and its index value copied into another row (with write
    access to the database) fail to decrypt there. The search fails closed, as loading the row
    does, rather than return the row or quietly skip it."""
    in_state(state_a)
    almeida = make_person(family_name="Almeida")
    costa = make_person(family_name="Costa")
    _copy_stored("family_name", source=almeida, target=costa)

    with pytest.raises(DecryptionError, match="another row"):
        search_values(Person.objects, "pk", flat=True, family_name="Almeida")
    with pytest.raises(DecryptionError, match="another row"):
        Person.objects.search(family_name="Almeida")
    with pytest.raises(DecryptionError, match="another row"):
        Person.objects.get(pk=costa.pk).family_name  # noqa: B018


def test_swapped_dates_of_birth_do_not_confirm(case_with_parties):
    case = case_with_parties(
        {"family_name": "Silva", "date_of_birth": datetime.date(1980, 7, 2)},
        {"family_name": "Costa", "date_of_birth": datetime.date(1975, 3, 9)},
    )
    silva, costa = (party.person for party in case.parties.order_by("created_at"))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE cases_person AS target SET date_of_birth = source.date_of_birth, "
            "date_of_birth_index = source.date_of_birth_index FROM cases_person AS source "
            "WHERE (target.id, source.id) IN ((%s, %s), (%s, %s))",
            [silva.pk, costa.pk, costa.pk, silva.pk],
        )

    with pytest.raises(DecryptionError):
        search_values(
            Party.objects, "case_id", through="person", date_of_birth=datetime.date(1980, 7, 2)
        )


def test_normalisation_runs_once_per_distinct_plaintext(
    state_a, in_state, make_person, monkeypatch
):
    in_state(state_a)
    for name in ("Müller", "Müller", "Müller", "MÜLLER", _collision("Müller")):
        make_person(family_name=name)
    index = Person._meta.get_field("family_name_index")
    normalise, normalised = index.normalise, []

    def counting(value):
        normalised.append(value)
        return normalise(value)

    monkeypatch.setattr(index, "normalise", counting)

    found = search_values(Person.objects, "pk", flat=True, family_name="muller")

    assert len(found) == 4
    # Each distinct stored spelling once (five candidates, three spellings), not once a row.
    stored = [value for value in normalised if value != "muller"]
    assert sorted(stored) == sorted(["Müller", "MÜLLER", _collision("Müller")])


def test_found_instances_keep_the_searched_value_decrypted(state_a, in_state, make_person):
    in_state(state_a)
    make_person(family_name="Teixeira", given_names="Rui")

    (found,) = Person.objects.search(family_name="teixeira")

    assert found.__dict__["family_name"] == "Teixeira"
    assert isinstance(found.__dict__["given_names"], Ciphertext)
    assert found.given_names == "Rui"


def test_searches_within_the_current_state_only(case_with_parties, state_a, state_b, in_state):
    case = case_with_parties({"family_name": "Ólafsdóttir"})
    assert search_values(Party.objects, "case_id", through="person", family_name="Ólafsdóttir")
    in_state(state_b)
    assert search_values(Person.objects, "pk", flat=True, family_name="Ólafsdóttir") == []
    in_b = search_values(Party.objects, "case_id", through="person", family_name="Ólafsdóttir")
    assert case.pk not in in_b and in_b == []


def test_candidates_are_read_in_the_current_schema_and_planned_without_parallel_workers(
    state_a, in_state, make_person
):
    """Even where every parallel-safe query gets a parallel worker (PostgreSQL's
    debug_parallel_query, for this transaction): current_schema() in the query rules one out."""
    in_state(state_a)
    make_person(family_name="Almeida")
    queries = []

    def note(execute, sql, params, many, context):
        if "family_name_index" in sql:
            queries.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        assert search_values(Person.objects, "pk", family_name="almeida") != []
        assert Person.objects.search(family_name="almeida") != []
    assert len(queries) == 2

    def plan(sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {sql}", params)
            return "\n".join(row[0] for row in cursor.fetchall())

    # debug_parallel_query was force_parallel_mode before PostgreSQL 16.
    forced = "debug_parallel_query" if connection.pg_version >= 160000 else "force_parallel_mode"
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, 'on', true)", [forced])
    assert "Gather" in plan("SELECT id FROM cases_person WHERE family_name_index = 1")
    for sql, params in queries:
        searched = plan(sql, params)
        assert "Gather" not in searched
        # A one-time filter: the rows of this State's schema only.
        assert f"One-Time Filter: (\"current_schema\"() = '{state_a.schema_name}'" in searched


def test_refused_in_the_public_schema(db):
    connection.set_schema_to_public()
    with pytest.raises(EncryptionError, match="public schema"):
        search_values(Person.objects, "pk", family_name="Silva")


def test_bad_searches_are_refused(state_a, in_state):
    in_state(state_a)
    with pytest.raises(ValueError, match="family name or a date of birth"):
        search_values(Person.objects, "pk", family_name="", date_of_birth=None)
    with pytest.raises(ValueError, match="not encrypted with a blind index"):
        search_values(Person.objects, "pk", given_names="Ana")
    with pytest.raises(TypeError, match="exactly one"):
        search_values(Person.objects, "pk", "created_at", flat=True, family_name="Silva")
    with pytest.raises(TypeError, match="one field or more"):
        search_values(Person.objects, family_name="Silva")
