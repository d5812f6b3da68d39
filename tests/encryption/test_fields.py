"""Encrypted fields: round trips, binding to State, table, column and row, and refusals."""

import datetime

import pytest
from django.db import connection, transaction

from cases.models import Person
from encryption.errors import DecryptionError, EncryptionError
from encryption.fields import Ciphertext
from encryption.keyring import current_keyring


def _stored(person, column):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM cases_person WHERE id = %s", [person.pk])
        return bytes(cursor.fetchone()[0])


def _store(person, column, value):
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE cases_person SET {column} = %s WHERE id = %s", [value, person.pk])


def test_values_round_trip_and_are_stored_encrypted(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    loaded = Person.objects.get(pk=person.pk)
    assert isinstance(loaded.__dict__["family_name"], Ciphertext)
    assert loaded.family_name == "Ólafsdóttir"
    assert loaded.given_names == "Guðrún Ásta"
    assert loaded.date_of_birth == datetime.date(2014, 5, 17)
    assert loaded.address == "Rua das Flores 12, 4050-262 Porto"
    stored = _stored(person, "family_name")
    assert "Ólafsdóttir".encode() not in stored
    assert stored[0] == 1  # ciphertext format version


def test_null_date_stays_null(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person(date_of_birth=None)
    assert Person.objects.get(pk=person.pk).date_of_birth is None
    assert Person.objects.filter(date_of_birth__isnull=True, pk=person.pk).exists()


def test_same_value_encrypts_differently_each_time(state_a, in_state, make_person):
    in_state(state_a)
    first, second = make_person(), make_person()
    assert _stored(first, "family_name") != _stored(second, "family_name")


def test_ciphertext_moved_to_another_row_fails_to_decrypt(state_a, in_state, make_person):
    in_state(state_a)
    source, target = make_person(family_name="Silva"), make_person(family_name="Costa")
    _store(target, "family_name", _stored(source, "family_name"))
    with pytest.raises(DecryptionError, match="another row, column or State"):
        Person.objects.get(pk=target.pk).family_name  # noqa: B018


def test_ciphertext_moved_to_another_column_fails_to_decrypt(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    _store(person, "given_names", _stored(person, "family_name"))
    with pytest.raises(DecryptionError):
        Person.objects.get(pk=person.pk).given_names  # noqa: B018


def test_ciphertext_moved_to_another_state_fails_to_decrypt(
    state_a, state_b, in_state, make_person
):
    in_state(state_a)
    original = make_person()
    token = _stored(original, "family_name")
    in_state(state_b)
    # Same row id in B, so only the State differs.
    copy = Person(pk=original.pk, family_name="placeholder")
    copy.save()
    _store(copy, "family_name", token)
    with pytest.raises(DecryptionError):
        Person.objects.get(pk=original.pk).family_name  # noqa: B018


def test_altered_ciphertext_fails_to_decrypt(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    token = bytearray(_stored(person, "address"))
    token[-1] ^= 1
    _store(person, "address", bytes(token))
    with pytest.raises(DecryptionError):
        Person.objects.get(pk=person.pk).address  # noqa: B018


def test_key_of_state_b_cannot_decrypt_state_a(state_a, state_b, in_state, make_person):
    in_state(state_a)
    person = make_person()
    token, aad_row = _stored(person, "family_name"), str(person.pk)
    aad = f"isupport/v1|{state_a.schema_name}|cases_person|family_name|{aad_row}".encode()
    assert current_keyring().decrypt(token, aad) == "Ólafsdóttir".encode()
    in_state(state_b)
    with pytest.raises(DecryptionError):
        current_keyring().decrypt(token, aad)


def test_lookups_on_encrypted_fields_are_refused(state_a, in_state):
    in_state(state_a)
    with pytest.raises(EncryptionError, match="blind index"):
        Person.objects.filter(family_name="Silva")


def test_queryset_update_cannot_write_plaintext(state_a, in_state, make_person):
    in_state(state_a)
    make_person()
    with pytest.raises(EncryptionError, match="save"):
        Person.objects.update(family_name="Silva")


def test_personal_data_is_refused_in_the_public_schema(db):
    connection.set_schema_to_public()
    with pytest.raises(EncryptionError, match="public schema"):
        current_keyring()


def test_unchanged_values_are_not_reencrypted_on_save(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    before = _stored(person, "family_name")
    loaded = Person.objects.get(pk=person.pk)
    loaded.phone = "+351 000"
    loaded.save()
    assert _stored(person, "family_name") == before
    assert Person.objects.get(pk=person.pk).phone == "+351 000"


def test_deferred_encrypted_field_loads_and_decrypts(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person()
    loaded = Person.objects.only("id").get(pk=person.pk)
    assert loaded.family_name == "Ólafsdóttir"


def test_bulk_create_encrypts(state_a, in_state):
    in_state(state_a)
    people = Person.objects.bulk_create(
        [Person(family_name=f"Pereira {index}") for index in range(3)]
    )
    assert sorted(Person.objects.get(pk=p.pk).family_name for p in people) == [
        "Pereira 0",
        "Pereira 1",
        "Pereira 2",
    ]


def test_json_field_round_trip(state_a, in_state):
    from encryption.fields import EncryptedJSONField

    field = EncryptedJSONField()
    value = {"amount": "120.50", "currency": "EUR", "children": ["Ana", "Rui"]}
    assert field.from_plaintext(field.to_plaintext(value)) == value


def test_copying_a_person_into_a_new_row_rebinds_its_values(state_a, in_state, make_person):
    in_state(state_a)
    original = Person.objects.get(pk=make_person().pk)  # values still encrypted, unread
    original.pk = None
    original._state.adding = True
    original.save()
    copy = Person.objects.get(pk=original.pk)
    assert copy.family_name == "Ólafsdóttir" and copy.address.startswith("Rua das Flores")
    assert Person.objects.search(family_name="olafsdottir") != []


def test_a_value_read_in_state_a_cannot_be_written_in_state_b(
    state_a, state_b, in_state, make_person
):
    in_state(state_a)
    loaded = Person.objects.get(pk=make_person().pk)
    in_state(state_b)
    loaded._state.adding = True
    with pytest.raises(EncryptionError, match="another State's schema"), transaction.atomic():
        loaded.save()
    assert not Person.objects.filter(pk=loaded.pk).exists()


def test_a_datetime_is_stored_as_its_date(state_a, in_state, make_person):
    in_state(state_a)
    person = make_person(date_of_birth=datetime.datetime(2014, 5, 17, 10, 30))
    assert Person.objects.get(pk=person.pk).date_of_birth == datetime.date(2014, 5, 17)
    assert Person.objects.search(date_of_birth=datetime.date(2014, 5, 17)) == [person]


@pytest.mark.parametrize("value", ["17/05/2014", "2014-02-30", 20140517])
def test_an_invalid_date_is_refused_without_repeating_it(state_a, in_state, value):
    from django.core.exceptions import ValidationError

    in_state(state_a)
    with pytest.raises(ValidationError) as refused:
        Person(family_name="Sousa", date_of_birth=value).save()
    assert str(value) not in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        Person.objects.search(date_of_birth=value)
    assert str(value) not in str(refused.value)
