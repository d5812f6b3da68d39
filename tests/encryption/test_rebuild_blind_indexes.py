"""`manage.py rebuild_blind_indexes`: a blind index recomputed at another width finds the same
persons, in one State only; the narrowing migration's shift; repairs, and what it refuses."""

import datetime
import importlib
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cases.models import Person
from encryption.search import search_values

FAMILY_NAME = Person._meta.get_field("family_name_index")
DATE_OF_BIRTH = Person._meta.get_field("date_of_birth_index")
SEARCHED_NAMES = ["Almeida", "Silva", "Müller", "Ólafsdóttir", "Nobody"]
SEARCHED_DATES = [datetime.date(2016, 1, 31), datetime.date(1980, 7, 2), datetime.date(1999, 1, 1)]


def _rebuild(arguments: str = "") -> str:
    """The command's output, run with these command-line arguments."""
    out = io.StringIO()
    call_command("rebuild_blind_indexes", *arguments.split(), stdout=out)
    return out.getvalue()


def _stored() -> dict:
    """Every person's stored index values in the current schema, by id."""
    rows = Person.objects.values_list("pk", "family_name_index", "date_of_birth_index")
    return {pk: (name, born) for pk, name, born in rows}


def _collision(name: str, bits: int) -> str:
    """Another name with the same family name index value at ``bits`` in the current State."""
    target = FAMILY_NAME.index_value(name, bits=bits)
    return next(
        f"Name{n}"
        for n in range(100_000)
        if FAMILY_NAME.index_value(f"Name{n}", bits=bits) == target
    )


def _found() -> dict:
    """What the searches of the test find in the current State: the ids, by search."""

    def ids(**searched):
        return sorted(search_values(Person.objects, "pk", flat=True, **searched))

    found = {("name", name): ids(family_name=name) for name in SEARCHED_NAMES}
    found |= {("born", born): ids(date_of_birth=born) for born in SEARCHED_DATES}
    found |= {
        ("both", name, born): ids(family_name=name, date_of_birth=born)
        for name in SEARCHED_NAMES[:2]
        for born in SEARCHED_DATES
    }
    return found


@pytest.fixture
def persons(state_a, state_b, in_state, make_person):
    """Persons in both States, some sharing names or dates, some index values shared by other
    names (at the declared width and at 12 bits), one without a date of birth."""
    in_state(state_b)
    for name in ("Almeida", "Silva", "Hansen"):
        make_person(family_name=name)
    in_state(state_a)
    people = [
        ("Almeida", datetime.date(2016, 1, 31)),
        ("ALMEIDA", datetime.date(1980, 7, 2)),
        ("Silva", datetime.date(2016, 1, 31)),
        ("Silva", None),
        ("Müller", datetime.date(1980, 7, 2)),
        ("Mueller", datetime.date(1975, 3, 9)),
        (_collision("Almeida", FAMILY_NAME.bits), datetime.date(2016, 1, 31)),
        (_collision("Silva", 12), datetime.date(1980, 7, 2)),
    ]
    for name, born in people:
        make_person(family_name=name, date_of_birth=born)
    return people


def test_rebuilt_at_another_width_the_search_finds_the_same_persons_in_that_state_only(
    persons, state_a, state_b, in_state, monkeypatch
):
    in_state(state_b)
    in_b = _stored()
    in_state(state_a)
    before, found = _stored(), _found()
    assert found[("name", "Almeida")] and found[("both", "Silva", SEARCHED_DATES[0])]

    output = _rebuild("--state PT --field person.family_name --bits 12 --force --batch-size 3")

    after = _stored()
    changed = sum(after[pk][0] != before[pk][0] for pk in before)
    assert re.fullmatch(
        rf"PT person\.family_name at 12 bits: {len(persons)} rows read, {changed} rewritten "
        r"\(\d+\.\d s\)\.\n",
        output,
    )
    assert after.keys() == before.keys()
    for pk, (name_index, born_index) in after.items():
        assert born_index == before[pk][1]  # the other index is left alone
        assert name_index >> 3 == before[pk][0]  # the same HMAC's leading bits, three more
        person = Person.objects.get(pk=pk)
        assert name_index == FAMILY_NAME.index_value(person.family_name, bits=12)
    assert after != before

    # Searches compute the width the code declares: once it says 12, the same persons, narrowed
    # by the rebuilt values (two Silvas and another name of the same 12-bit value).
    monkeypatch.setattr(FAMILY_NAME, "bits", 12)
    assert Person.objects.filter(family_name_index=FAMILY_NAME.index_value("Silva")).count() == 3
    assert _found() == found
    in_state(state_b)
    assert _stored() == in_b  # another State untouched

    # Back at the declared width: every stored value as it was.
    monkeypatch.undo()
    in_state(state_a)
    _rebuild("--state PT --field person.family_name_index")
    assert _stored() == before
    assert _found() == found


def test_the_output_counts_the_rows_read_and_rewritten(persons, state_a, in_state):
    in_state(state_a)
    before = _stored()
    output = _rebuild("--state pt --field cases.person.date_of_birth --bits 10 --force")
    after = _stored()
    # One person has no date of birth: its index stays NULL, already right.
    assert [pk for pk, (_name, born) in after.items() if born is None] == [
        pk for pk, (_name, born) in before.items() if born is None
    ]
    changed = sum(after[pk][1] != before[pk][1] for pk in before)
    assert 0 < changed < len(persons)
    assert output.startswith(
        f"PT person.date_of_birth at 10 bits: {len(persons)} rows read, {changed} rewritten ("
    )


def test_narrowing_is_the_right_shift_the_migration_does(persons, state_a, in_state):
    """The migration to the planned widths shifts the 16-bit values right in SQL, without keys:
    the values are those the field computes at its new width."""
    in_state(state_a)
    declared = _stored()
    with connection.cursor() as cursor:  # as the previous release stored them
        for person in Person.objects.all():
            born = person.date_of_birth
            cursor.execute(
                "UPDATE cases_person SET family_name_index = %s, date_of_birth_index = %s "
                "WHERE id = %s",
                [
                    FAMILY_NAME.index_value(person.family_name, bits=16),
                    None if born is None else DATE_OF_BIRTH.index_value(born, bits=16),
                    person.pk,
                ],
            )
        migration = importlib.import_module("cases.migrations.0006_blind_index_widths")
        cursor.execute(migration.NARROW)

    assert _stored() == declared

    before = _stored()
    _rebuild("--state PT --field person.family_name --bits 5 --force")
    assert {pk: name >> 4 for pk, (name, _born) in before.items()} == {
        pk: name for pk, (name, _born) in _stored().items()
    }


def test_repairs_stale_rows_in_every_state_and_is_safe_to_run_again(
    persons, state_a, state_b, in_state
):
    in_state(state_a)
    almeida, other_almeida = Person.objects.order_by("created_at")[:2]
    declared = _stored()
    with connection.cursor() as cursor:  # written by a process of another release, or lost
        cursor.execute(
            "UPDATE cases_person SET family_name_index = %s WHERE id = %s",
            [FAMILY_NAME.index_value("Almeida", bits=16), almeida.pk],
        )
        cursor.execute(
            "UPDATE cases_person SET date_of_birth_index = NULL WHERE id = %s", [other_almeida.pk]
        )
    assert [person.pk for person in Person.objects.search(family_name="almeida")] == [
        other_almeida.pk
    ]

    dry_run = _rebuild("--dry-run")
    assert "PT person.family_name at 9 bits: 8 rows read, 1 would be rewritten" in dry_run
    assert "PT person.date_of_birth at 8 bits: 8 rows read, 1 would be rewritten" in dry_run
    assert "NO person.family_name at 9 bits: 3 rows read, 0 would be rewritten" in dry_run
    assert _stored() != declared  # nothing written

    output = _rebuild()
    assert "PT person.family_name at 9 bits: 8 rows read, 1 rewritten" in output
    assert "PT person.date_of_birth at 8 bits: 8 rows read, 1 rewritten" in output
    assert "NO person.family_name at 9 bits: 3 rows read, 0 rewritten" in output
    assert _stored() == declared
    found = {person.pk for person in Person.objects.search(family_name="almeida")}
    assert found == {almeida.pk, other_almeida.pk}

    again = _rebuild("--state PT")
    assert again.count(", 0 rewritten") == 2


def test_an_edit_made_during_the_rebuild_is_kept(persons, state_a, in_state, monkeypatch):
    """A person renamed after the rebuild read the row and before it wrote the index: the write
    does not apply to the new name's row; the rebuild reads it again and indexes the new name."""
    in_state(state_a)
    silva = Person.objects.filter(family_name_index=FAMILY_NAME.index_value("Silva")).first()
    source = Person._meta.get_field("family_name")
    reader, edited = source.stored_value_reader, []

    def editing_reader(schema_name):
        read = reader(schema_name)

        def read_then_edit(token, row):
            plaintext = read(token, row)
            if row == silva.pk and not edited:
                edited.append(row)
                person = Person.objects.get(pk=row)
                person.family_name = "Renamed"
                person.save()
            return plaintext

        return read_then_edit

    monkeypatch.setattr(source, "stored_value_reader", editing_reader)
    _rebuild("--state PT --field person.family_name --bits 12 --force")

    assert edited == [silva.pk]
    renamed = Person.objects.get(pk=silva.pk)
    assert renamed.family_name == "Renamed"
    assert renamed.family_name_index == FAMILY_NAME.index_value("Renamed", bits=12)


def test_plan_reports_the_rule_for_the_states_rows(state_a, in_state):
    in_state(state_a)
    Person.objects.bulk_create(
        Person(family_name=f"Name{n}", date_of_birth=datetime.date(2000, 1, 1)) for n in range(520)
    )

    before = _stored()

    output = _rebuild("--state PT --plan")

    assert output.startswith(
        "PT cases_person (declared: family_name_index 9, date_of_birth_index 8 bits), the rule "
        "for 520 rows: 8 bits revealed together"
    )
    assert "family_name_index: 4 bits" in output and "date_of_birth_index: 4 bits" in output
    assert _stored() == before  # --plan writes nothing


def test_plan_says_when_a_state_is_too_small_to_plan_for(state_b, in_state, make_person):
    in_state(state_b)
    make_person()
    output = _rebuild("--state NO --plan")
    assert "too small to plan for" in output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ("--bits 12", "--bits needs --field"),
        ("--field person.family_name --bits 12", "declared at 9 bits"),
        ("--field person.family_name --bits 0 --force", "between 1 and 31"),
        ("--field person.family_name --bits 32 --force", "between 1 and 31"),
        ("--field person.given_names", "No blind index 'person.given_names'"),
        ("--state XX", "No State with the code 'XX'"),
        ("--batch-size 0", "at least 1"),
    ],
)
def test_refused(arguments, message, db):
    with pytest.raises(CommandError, match=message):
        _rebuild(arguments)
