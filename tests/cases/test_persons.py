"""Persons: blind-index search, the person pages, and isolation between States."""

import datetime
import subprocess

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from accounts.roles import StateRole
from cases.models import Person
from encryption.errors import DecryptionError
from encryption.fields import Ciphertext
from isupport.embedded import postgres_binary
from tests.conftest import HOST_A, HOST_B, client_for


def test_search_folds_case_and_accents(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person(family_name="Müller-Lüdenscheidt")
    make_person(family_name="Mueller")
    assert Person.objects.search(family_name="MULLER LUDENSCHEIDT") == [person]
    assert Person.objects.search(family_name="müller-lüdenscheidt ") == [person]


def test_search_by_family_name_and_date_of_birth(state_a, in_state, make_person):
    in_state(state_a)
    child = make_person(family_name="Silva", date_of_birth=datetime.date(2016, 1, 31))
    make_person(family_name="Silva", date_of_birth=datetime.date(1980, 7, 2))
    make_person(family_name="Costa", date_of_birth=datetime.date(2016, 1, 31))
    found = Person.objects.search(family_name="silva", date_of_birth=datetime.date(2016, 1, 31))
    assert found == [child]
    assert len(Person.objects.search(date_of_birth=datetime.date(2016, 1, 31))) == 2


def test_search_removes_blind_index_false_positives(state_a, in_state, make_person):
    """A blind-index value (9 bits) is shared by many names; the search confirms each one."""
    in_state(state_a)
    field = Person._meta.get_field("family_name_index")
    target = field.index_value("Almeida")
    collision = next(
        f"Name{number}" for number in range(500_000) if field.index_value(f"Name{number}") == target
    )
    make_person(family_name=collision)
    almeida = make_person(family_name="Almeida")
    assert Person.objects.filter(family_name_index=target).count() == 2
    assert Person.objects.search(family_name="Almeida") == [almeida]


def test_search_needs_a_criterion(state_a, in_state):
    in_state(state_a)
    with pytest.raises(ValueError, match="family name or a date of birth"):
        Person.objects.search()


def test_blind_index_values_differ_between_states(state_a, state_b, in_state):
    field = Person._meta.get_field("family_name_index")
    in_state(state_a)
    in_a = [field.index_value(f"Name {number}") for number in range(8)]
    in_state(state_b)
    in_b = [field.index_value(f"Name {number}") for number in range(8)]
    assert in_a != in_b


def test_person_of_state_a_is_invisible_from_state_b_schema_and_keys(
    state_a, state_b, in_state, make_person
):
    in_state(state_a)
    person = make_person()
    in_state(state_b)
    assert not Person.objects.filter(pk=person.pk).exists()
    assert Person.objects.search(family_name="Ólafsdóttir") == []
    # Even reading A's table by name from B's connection, B's keys do not decrypt it.
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT family_name FROM "{state_a.schema_name}".cases_person WHERE id = %s',
            [person.pk],
        )
        token = bytes(cursor.fetchone()[0])
    smuggled = Person(pk=person.pk, family_name=Ciphertext(token, state_b.schema_name, person.pk))
    with pytest.raises(DecryptionError):
        smuggled.family_name  # noqa: B018


def test_person_of_state_a_is_invisible_from_state_b_host(
    state_a, state_b, make_user, in_state, make_person
):
    user_a = make_user(state_a)
    person = make_person()
    user_b = make_user(state_b)
    connection.set_schema_to_public()
    client_a, client_b = client_for(HOST_A, user_a), client_for(HOST_B, user_b)
    assert client_a.get(f"/persons/{person.pk}/").status_code == 200
    assert client_b.get(f"/persons/{person.pk}/").status_code == 404
    results = client_b.post("/persons/", {"family_name": "Ólafsdóttir"})
    assert "0 persons found" in results.content.decode()
    # A's session presented on B's host does not sign in there either.
    client_b_with_a_cookie = client_for(HOST_B)
    client_b_with_a_cookie.cookies["sessionid"] = client_a.cookies["sessionid"].value
    assert client_b_with_a_cookie.get(f"/persons/{person.pk}/").status_code == 302


def test_person_pages_show_decrypted_values_to_the_state_users(state_a, make_user, make_person):
    user = make_user(state_a, role=StateRole.AUDITOR)
    person = make_person()
    connection.set_schema_to_public()
    client = client_for(HOST_A, user)
    page = client.post("/persons/", {"family_name": "olafsdottir"}).content.decode()
    assert "1 person found" in page and f"/persons/{person.pk}/" in page
    detail = client.get(f"/persons/{person.pk}/").content.decode()
    assert "Ólafsdóttir" in detail and "17/05/2014" in detail


def test_person_pages_need_a_state_role(state_a, make_user, make_person):
    user = make_user(state_a, role=None)
    person = make_person()
    connection.set_schema_to_public()
    client = client_for(HOST_A, user)
    assert client.get(f"/persons/{person.pk}/").status_code == 403
    assert client_for(HOST_A).get(f"/persons/{person.pk}/").status_code == 302


@pytest.mark.parametrize(
    "form",
    [{}, {"family_name": "", "date_of_birth": ""}, {"date_of_birth": "31/02/2020"}],
)
def test_bad_search_input_gets_a_clear_error(state_a, make_user, form):
    user = make_user(state_a)
    connection.set_schema_to_public()
    response = client_for(HOST_A, user).post("/persons/", form)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_search_never_puts_names_in_urls(state_a, make_user):
    user = make_user(state_a)
    connection.set_schema_to_public()
    page = client_for(HOST_A, user).get("/persons/").content.decode()
    assert 'method="post"' in page


def test_database_dump_contains_no_personal_value(django_db_blocker):
    """A pg_dump of the whole database (all schemas) shows none of a person's values."""
    values = {
        "family_name": "Zbigniewska-Hołownia",
        "given_names": "Wiesława Quintessa",
        "address": "Ulica Kwiatowa 1234, Szczebrzeszyn",
        "email": "wieslawa.quintessa@example.org",
        "phone": "+48 600 700 800",
    }
    with django_db_blocker.unblock():
        with schema_context("state_pt"):
            person = Person(**values, date_of_birth=datetime.date(2011, 11, 29))
            person.save()
        try:
            dump = subprocess.run(
                [postgres_binary("pg_dump"), "--dbname", _dsn(connection.get_connection_params())],
                capture_output=True,
                check=False,
            )
            assert dump.returncode == 0, dump.stderr.decode()
            dump = dump.stdout
        finally:
            with schema_context("state_pt"):
                Person.objects.filter(pk=person.pk).delete()
    assert str(person.pk).encode() in dump  # the row is in the dump...
    for value in [*values.values(), "2011-11-29"]:
        for encoded in (value.encode(), value.encode().hex().encode()):
            assert encoded not in dump  # ...but none of its values, in text or as bytea hex


def _dsn(parameters: dict) -> str:
    keys = ("dbname", "user", "password", "host", "port")
    return " ".join(f"{key}='{parameters[key]}'" for key in keys if parameters.get(key))


def test_saving_with_the_name_deferred_keeps_the_person_searchable(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person(family_name="Teixeira")
    loaded = Person.objects.defer("family_name").get(pk=person.pk)
    loaded.phone = "+351 000 000"
    loaded.save()
    assert Person.objects.search(family_name="teixeira") == [person]


def test_renaming_with_the_index_deferred_updates_the_index(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person(family_name="Teixeira")
    loaded = Person.objects.defer("family_name_index").get(pk=person.pk)
    loaded.family_name = "Moreira"
    loaded.save()
    assert Person.objects.search(family_name="moreira") == [person]
    assert Person.objects.search(family_name="teixeira") == []


def test_renaming_with_update_fields_updates_the_index(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person(family_name="Teixeira")
    person.family_name = "Moreira"
    person.save(update_fields=["family_name"])
    assert Person.objects.search(family_name="moreira") == [person]


def test_a_common_name_shows_the_first_persons_and_asks_for_a_date_of_birth(
    state_a, make_user, make_person, monkeypatch
):
    from cases import selectors

    monkeypatch.setattr(selectors, "PERSONS_SHOWN", 2)
    user = make_user(state_a, role=StateRole.CASEWORKER)
    first, second, third = (make_person() for _ in range(3))
    connection.set_tenant(state_a)
    result = selectors.person_search_for_user(user=user, family_name="OLAFSDOTTIR")
    assert result.total == 3 and result.truncated
    assert {person.pk for person in result.persons} == {first.pk, second.pk}  # the earliest
    connection.set_schema_to_public()
    page = client_for(HOST_A, user).post("/persons/", {"family_name": "olafsdottir"})
    text = page.content.decode()
    assert "3 persons found" in text and "The first 2 are shown" in text
    assert f"/persons/{third.pk}/" not in text
