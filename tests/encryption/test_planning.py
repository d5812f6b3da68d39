"""Blind-index widths from the population (encryption/planning.py): the rule's properties, its
agreement with CipherSweet's planner, and the widths the persons' indexes declare."""

import math

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from cases.models import Person
from encryption.planning import (
    CEILING_BITS,
    MIN_POPULATION,
    IndexSpec,
    PlanningError,
    Population,
    budget_bits,
    describe,
    index_ceiling,
    plan_indexes,
)

NAME = IndexSpec("family_name_index")
BIRTH = IndexSpec("date_of_birth_index", value_space=36_525)

populations = st.integers(min_value=MIN_POPULATION, max_value=2**40)
value_spaces = st.none() | st.integers(min_value=2, max_value=2**34)
coincidences = st.sampled_from([1.0, 2.0, 2.5, 3.0, 4.0])
floors = st.integers(min_value=1, max_value=8)


@st.composite
def tables(draw):
    """A table's indexes: one to four, each with a value space or none."""
    count = draw(st.integers(min_value=1, max_value=4))
    return [IndexSpec(f"index_{n}", draw(value_spaces)) for n in range(count)]


def _plan_or_none(population, indexes, **rule):
    try:
        return plan_indexes(population, indexes, **rule)
    except PlanningError:
        return None


# -- the persons' indexes --------------------------------------------------------------------


def test_the_persons_indexes_declare_the_rules_widths_for_the_documented_sizing():
    family_name = Person._meta.get_field("family_name_index")
    date_of_birth = Person._meta.get_field("date_of_birth_index")
    assert family_name.population == date_of_birth.population
    assert family_name.population.rows == 300_000

    plan = family_name.table_plan()

    assert plan.bits == {"family_name_index": 9, "date_of_birth_index": 8}
    assert (family_name.bits, date_of_birth.bits) == (9, 8)
    assert family_name.check() == [] and date_of_birth.check() == []
    # The figures docs/architecture.md gives.
    assert round(plan["family_name_index"].false_positives) == 586
    assert round(plan["date_of_birth_index"].false_positives) == 1172
    assert plan.leakage_bits == 17
    assert round(plan.coincidences, 2) == 2.29
    assert (plan.smallest_population, plan.next_population) == (262_144, 524_288)


def test_a_width_chosen_by_hand_fails_the_system_check(monkeypatch):
    field = Person._meta.get_field("family_name_index")
    monkeypatch.setattr(field, "bits", 16)

    (error,) = field.check()

    assert error.id == "encryption.E003"
    assert "keeps 16 bits; the planning rule gives 9 for 300,000 persons of a State" in error.msg
    assert "rebuild_blind_indexes" in error.hint


def test_an_index_without_planning_inputs_fails_the_system_check(monkeypatch):
    field = Person._meta.get_field("date_of_birth_index")
    monkeypatch.setattr(field, "population", None)

    (error,) = field.check()
    assert error.id == "encryption.E002"
    # Its neighbour's plan needs it too: a table is planned as one.
    (error,) = Person._meta.get_field("family_name_index").check()
    assert error.id == "encryption.E003"
    assert "same population" in error.msg


def test_the_indexes_of_a_table_are_planned_for_one_population(monkeypatch):
    field = Person._meta.get_field("date_of_birth_index")
    monkeypatch.setattr(field, "population", Population("persons of a State", rows=1_000_000))

    assert {error.id for error in field.check()} == {"encryption.E003"}


def test_planning_inputs_stay_out_of_migrations():
    _name, _path, _args, kwargs = Person._meta.get_field("date_of_birth_index").deconstruct()
    assert kwargs["bits"] == 8
    assert not {"population", "value_space", "normalise"} & set(kwargs)


# -- the rule --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("population", "widths"),
    [
        (512, (4, 4)),  # the smallest that holds two 4-bit indexes
        (3_000, (5, 5)),
        (30_000, (7, 6)),
        (100_000, (8, 7)),
        (300_000, (9, 8)),
        (1_000_000, (9, 9)),
        (2**40, (24, 15)),  # the date of birth at its ceiling (a day in a century: 15.2 bits)
    ],
)
def test_widths_by_population(population, widths):
    assert tuple(plan_indexes(population, [NAME, BIRTH]).bits.values()) == widths


def test_a_single_unbounded_index_keeps_at_least_two_coincidences():
    plan = plan_indexes(100_000, [NAME])
    assert plan.bits == {"family_name_index": 15}  # 100,000 / 2**15 = 3.05; 16 bits: 1.53
    assert plan.coincidences == pytest.approx(3.05, abs=0.01)


@pytest.mark.parametrize(
    ("population", "indexes", "rule", "message"),
    [
        (15, [NAME], {}, "too small to plan for"),
        (511, [NAME, BIRTH], {}, "population of 512 or more"),
        (10**6, [], {}, "no blind index"),
        (10**6, [NAME, NAME], {}, "same name"),
        (10**6, [IndexSpec("flag", value_space=1)], {}, "fewer than two values"),
        (10**6, [IndexSpec("sex", value_space=3)], {}, "only in combination"),
        (10**6, [NAME], {"floor": 0}, "between 1 and 31"),
        (10**6, [NAME], {"ceiling": 32}, "between 1 and 31"),
        (10**6, [NAME], {"min_coincidence": 0.5}, "At least one row"),
    ],
)
def test_no_plan_where_no_width_is_safe(population, indexes, rule, message):
    with pytest.raises(PlanningError, match=message):
        plan_indexes(population, indexes, **rule)


def test_describe_gives_the_figures():
    text = describe(plan_indexes(300_000, [NAME, BIRTH]))
    assert "300,000 rows: 17 bits revealed together, 2.29 rows share" in text
    assert "from 262,144 rows to 524,287" in text
    assert "family_name_index: 9 bits, 585.9 false positives a lookup" in text


@given(populations, tables(), coincidences, floors)
@example(300_000, [NAME, BIRTH], 2.0, 4)
def test_plannable_exactly_when_the_floors_fit_the_budget(population, indexes, coincidence, floor):
    fits = population >= max(MIN_POPULATION, math.ceil(coincidence * 2.0 ** (floor * len(indexes))))
    caps_fit = all(index_ceiling(index) >= floor for index in indexes)
    plan = _plan_or_none(population, indexes, min_coincidence=coincidence, floor=floor)
    assert (plan is not None) == (fits and caps_fit)


@given(populations, tables(), coincidences, floors)
def test_between_the_floor_and_the_ceiling(population, indexes, coincidence, floor):
    plan = _plan_or_none(population, indexes, min_coincidence=coincidence, floor=floor)
    assume(plan is not None)
    for index, planned in zip(indexes, plan.indexes, strict=True):
        assert floor <= planned.bits <= index_ceiling(index) <= CEILING_BITS
        assert planned.bits <= index.value_bits  # never wider than its values


@given(populations, tables(), coincidences, floors)
@example(300_000, [NAME, BIRTH], 2.0, 4)
def test_coincidences_at_least_the_minimum_and_the_sum_bound_kept(
    population, indexes, coincidence, floor
):
    plan = _plan_or_none(population, indexes, min_coincidence=coincidence, floor=floor)
    assume(plan is not None)
    total = sum(index.bits for index in plan.indexes)
    # Exactly: scaling by a power of two is exact in floating point.
    assert coincidence * 2.0**total <= population
    assert plan.leakage_bits <= math.log2(population / coincidence) + 1e-9
    assert plan.coincidences >= coincidence * (1 - 1e-12)
    for planned in plan.indexes:
        assert planned.coincidences >= coincidence * (1 - 1e-12)
        assert planned.false_positives == population / 2**planned.bits


@given(populations, tables(), coincidences, floors)
def test_the_budget_is_used_up_unless_every_index_is_at_its_ceiling(
    population, indexes, coincidence, floor
):
    plan = _plan_or_none(population, indexes, min_coincidence=coincidence, floor=floor)
    assume(plan is not None)
    total = sum(index.bits for index in plan.indexes)
    at_ceilings = all(
        planned.bits == index_ceiling(index)
        for index, planned in zip(indexes, plan.indexes, strict=True)
    )
    assert total == budget_bits(population, coincidence) or at_ceilings
    # One more bit anywhere would break the bound, or a ceiling.
    assert at_ceilings or coincidence * 2.0 ** (total + 1) > population


@given(populations, tables(), coincidences, floors)
def test_widths_differ_by_at_most_one_bit_below_the_ceilings(
    population, indexes, coincidence, floor
):
    plan = _plan_or_none(population, indexes, min_coincidence=coincidence, floor=floor)
    assume(plan is not None)
    open_ = [
        (position, planned.bits)
        for position, (index, planned) in enumerate(zip(indexes, plan.indexes, strict=True))
        if planned.bits < index_ceiling(index)
    ]
    for earlier, earlier_bits in open_:
        for later, later_bits in open_:
            if earlier < later:
                assert earlier_bits - later_bits in (0, 1)  # the earlier get the odd bit
    # No index under its ceiling is two bits narrower than any other.
    for _position, bits in open_:
        assert all(bits >= planned.bits - 1 for planned in plan.indexes)


@given(populations, populations, tables(), coincidences, floors)
@example(262_143, 262_144, [NAME, BIRTH], 2.0, 4)
def test_monotonic_in_the_population(first, second, indexes, coincidence, floor):
    smaller, larger = sorted((first, second))
    rule = {"min_coincidence": coincidence, "floor": floor}
    small, large = _plan_or_none(smaller, indexes, **rule), _plan_or_none(larger, indexes, **rule)
    assume(small is not None)
    assert large is not None  # a larger population is never refused where a smaller is not
    for narrow, wide in zip(small.indexes, large.indexes, strict=True):
        assert narrow.bits <= wide.bits


@given(populations, tables(), coincidences, floors)
@example(300_000, [NAME, BIRTH], 2.0, 4)
def test_the_population_range_of_a_plan(population, indexes, coincidence, floor):
    rule = {"min_coincidence": coincidence, "floor": floor}
    plan = _plan_or_none(population, indexes, **rule)
    assume(plan is not None)
    assert plan.smallest_population <= population
    assert plan_indexes(plan.smallest_population, indexes, **rule).bits == plan.bits
    if plan.smallest_population > MIN_POPULATION:
        below = _plan_or_none(plan.smallest_population - 1, indexes, **rule)
        assert below is None or below.bits != plan.bits
    if plan.next_population is None:
        assert all(
            planned.bits == index_ceiling(index)
            for index, planned in zip(indexes, plan.indexes, strict=True)
        )
    else:
        assert population < plan.next_population
        assert plan_indexes(plan.next_population - 1, indexes, **rule).bits == plan.bits
        assert plan_indexes(plan.next_population, indexes, **rule).bits != plan.bits


# -- agreement with CipherSweet's planner ------------------------------------------------------


def _ciphersweet_recommendation(population, existing, new_value_bits=math.inf):
    """CipherSweet's FieldIndexPlanner::recommend() as its documentation states it: for a new
    index beside ``existing`` (bits, value bits) ones, ``C = N / 2**sum(min(L, K))``; the
    smallest length keeping 2 <= C <= sqrt(N), and the smallest length at which C falls to
    max(2, C at full length)."""

    def coincidences(length):
        exponent = sum(min(bits, value_bits) for bits, value_bits in existing)
        return max(1, population) / 2 ** (exponent + min(length, new_value_bits))

    boundary = max(2, coincidences(257))
    lengths = range(1, 257)
    low = [n for n in lengths if 2 <= coincidences(n) <= math.sqrt(population)]
    high = [n for n in lengths if coincidences(n) <= boundary]
    return (min(low) if low else 1), min(high)


def test_the_ciphersweet_oracle_reproduces_its_documented_example():
    # docs/README.md, "Blind Index Planning": 50,000 rows, an index of 4 bits over 16 -> 4 to 11.
    assert _ciphersweet_recommendation(50_000, [(4, 16)]) == (4, 11)


@given(populations)
@example(100_000)
@example(50_000)
def test_a_single_index_is_within_ciphersweets_recommendation(population):
    """CipherSweet's high end is the narrowest length with C <= 2, which C may cross below 2;
    this rule keeps C >= 2, so it gives that length or one bit less."""
    assume(population <= 2**31)
    bits = plan_indexes(population, [NAME], floor=1).bits["family_name_index"]
    low, high = _ciphersweet_recommendation(population, [])
    assert low <= bits <= high
    assert bits in (high, high - 1)


@given(st.integers(min_value=512, max_value=2**31))
def test_each_index_is_within_ciphersweets_recommendation_beside_the_others(population):
    """Each planned index, planned by CipherSweet as a new index beside the others as they are,
    is at most CipherSweet's high end."""
    plan = plan_indexes(population, [NAME, BIRTH])
    for planned in plan.indexes:
        others = [(o.bits, o.value_bits) for o in plan.indexes if o is not planned]
        _low, high = _ciphersweet_recommendation(population, others, planned.value_bits)
        assert planned.bits <= high
