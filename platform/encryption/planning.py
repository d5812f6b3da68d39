"""Blind-index widths chosen from the population: CipherSweet's planning rule, for a whole table.

A blind index keeps ``bits`` bits of a keyed hash of a value. With ``N`` rows, a lookup returns
the rows of the searched value plus about ``N / 2**bits`` rows of other values (false positives,
which the search removes after decrypting them). Those same coincidences are what hides equal
values from someone who reads the database: CipherSweet (``docs/SECURITY.md``, "Blind Index
Information Leaks", and ``src/Planner/FieldIndexPlanner.php``) counts, for indexes of ``L_i`` bits
over input domains of ``K_i`` bits,

    C = N / 2 ** sum(min(L_i, K_i))

the rows expected to share a row's index values by coincidence, and asks for ``C >= 2``: then an
equal index value never proves an equal plaintext. (It also calls an index with ``C > sqrt(N)``
of little use; two indexes on one table cannot both stay under that bound while their sum keeps
``C >= 2``, since that would need ``L_1 + L_2 >= log2(N)``.) CipherSweet sums the indexes of one
field; this module sums every blind index of a table, because an attacker sees them side by
side on each row, and a family name with a date of birth is what identifies a person.

The rule, for a table planned for ``N`` rows (``plan_indexes``):

1. The budget: the most bits the table's indexes may reveal together, ``B``, the largest integer
   with ``min_coincidence * 2**B <= N`` (so ``C >= min_coincidence``, 2 by default).
2. Each index's ceiling: the storage's 31 bits, and no more bits than its values have
   (``floor(log2(value_space))``: a wider index separates no more values, it only fingerprints
   them). Its floor: ``FLOOR_BITS`` (4): an index returning more than a sixteenth of the table
   for every lookup is not worth what it reveals.
3. Every index starts at its floor; the rest of the budget is dealt one bit at a time, in the
   order the indexes are declared, to each index still under its ceiling, until the budget or
   every ceiling is reached. So the widths differ by at most one bit (the earlier declared get
   the odd one) unless a ceiling stops an index.
4. When ``N`` is under ``MIN_POPULATION`` (16, as CipherSweet) or the floors alone exceed the
   budget, there is no safe plan: ``PlanningError``.

Each index's width only grows with ``N``. The plan states, per index, the expected false
positives of a lookup and the bits it reveals, and for the table the rows sharing a row's index
values and the population range over which these widths stay the rule's (when a table grows
past ``next_population``, one more bit is allowed).

Pure: no Django, no database, no keys.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

MIN_POPULATION = 16  # CipherSweet's planner refuses smaller populations
MIN_COINCIDENCE = 2.0  # rows expected to share a row's index values, at least
FLOOR_BITS = 4  # a lookup returns at most 1/16 of the table
CEILING_BITS = 31  # BlindIndexField keeps at most 31 bits (a PostgreSQL integer)


class PlanningError(ValueError):
    """No width satisfies the rule for this population and these indexes."""


@dataclass(frozen=True)
class Population:
    """What a table's blind indexes are planned for: ``rows`` rows of ``name`` (in one State),
    and where that number comes from (``basis``)."""

    name: str
    rows: int
    basis: str = ""


@dataclass(frozen=True)
class IndexSpec:
    """One blind index of a table, as the planner sees it: its name, and how many distinct
    normalised values its source can take (``None``: free text, no useful bound)."""

    name: str
    value_space: int | None = None

    @property
    def value_bits(self) -> float:
        """CipherSweet's ``K``: the bits of the input domain (infinite for free text)."""
        return math.inf if self.value_space is None else math.log2(self.value_space)


@dataclass(frozen=True)
class IndexPlan:
    """One index's width, and what it implies at the planned population ``N``."""

    name: str
    bits: int
    value_bits: float
    false_positives: float  # rows of other values a lookup on this index alone returns: N / 2**bits
    leakage_bits: float  # bits it reveals about a row's value: min(bits, value_bits)
    coincidences: float  # rows sharing a row's value of this index by coincidence


@dataclass(frozen=True)
class TablePlan:
    """The widths of a table's blind indexes for ``population`` rows, and what they imply."""

    population: int
    min_coincidence: float
    indexes: tuple[IndexPlan, ...]
    smallest_population: int  # these widths are the rule's for populations from this one...
    next_population: int | None  # ...up to (excluded) this one; None: every index at its ceiling

    @property
    def bits(self) -> dict[str, int]:
        return {index.name: index.bits for index in self.indexes}

    @property
    def budget_bits(self) -> float:
        """The most the indexes may reveal together: ``log2(N / min_coincidence)``."""
        return math.log2(self.population / self.min_coincidence)

    @property
    def leakage_bits(self) -> float:
        """What the table's indexes reveal about a row together (CipherSweet's exponent)."""
        return sum(index.leakage_bits for index in self.indexes)

    @property
    def coincidences(self) -> float:
        """CipherSweet's ``C`` for the whole table: the rows expected to share all of a row's
        index values (at least ``min_coincidence``)."""
        return self.population / 2**self.leakage_bits

    @property
    def false_positives(self) -> float:
        """Rows of other values a lookup on every index at once returns."""
        return self.population / 2 ** sum(index.bits for index in self.indexes)

    def __getitem__(self, name: str) -> IndexPlan:
        for index in self.indexes:
            if index.name == name:
                return index
        raise KeyError(name)


def budget_bits(population: int, min_coincidence: float = MIN_COINCIDENCE) -> int:
    """The largest ``B`` with ``min_coincidence * 2**B <= population`` (-1 if none), computed
    exactly: scaling by a power of two is exact in floating point."""
    budget = -1
    while min_coincidence * 2.0 ** (budget + 1) <= population:
        budget += 1
    return budget


def index_ceiling(index: IndexSpec, ceiling: int = CEILING_BITS) -> int:
    """The widest this index may be: the storage's ceiling, and no wider than its values."""
    if index.value_space is None:
        return ceiling
    return min(ceiling, index.value_space.bit_length() - 1)  # floor(log2), exactly


def plan_indexes(
    population: int,
    indexes: Sequence[IndexSpec],
    *,
    min_coincidence: float = MIN_COINCIDENCE,
    floor: int = FLOOR_BITS,
    ceiling: int = CEILING_BITS,
) -> TablePlan:
    """The widths of a table's blind indexes (in declaration order) for ``population`` rows:
    the module's rule. Raises ``PlanningError`` when no width is safe."""
    if not indexes:
        raise PlanningError("A table with no blind index has nothing to plan.")
    if len({index.name for index in indexes}) != len(indexes):
        raise PlanningError("Two blind indexes of a table have the same name.")
    if not 1 <= floor <= ceiling <= CEILING_BITS:
        raise PlanningError(f"Widths are planned between 1 and {CEILING_BITS} bits.")
    if min_coincidence < 1:
        raise PlanningError("At least one row must share a row's index values (itself).")
    for index in indexes:
        if index.value_space is not None and index.value_space < 2:
            raise PlanningError(f"{index.name}: an index over fewer than two values says all.")
    if population < MIN_POPULATION:
        raise PlanningError(
            f"A population of {population} is too small to plan for (at least {MIN_POPULATION})."
        )

    caps = [index_ceiling(index, ceiling) for index in indexes]
    for index, cap in zip(indexes, caps, strict=True):
        if cap < floor:
            raise PlanningError(
                f"{index.name} has too few values ({index.value_space}) for a {floor}-bit index: "
                "index it only in combination with another field."
            )
    budget = budget_bits(population, min_coincidence)
    widths = [floor] * len(indexes)
    if sum(widths) > budget:
        raise PlanningError(
            f"{len(indexes)} indexes of at least {floor} bits need a population of "
            f"{_smallest_population(sum(widths), min_coincidence)} or more for "
            f"{min_coincidence:g} coincidences; {population} is too small."
        )
    remaining = budget - sum(widths)
    while remaining > 0 and any(width < cap for width, cap in zip(widths, caps, strict=True)):
        for position, cap in enumerate(caps):
            if remaining > 0 and widths[position] < cap:
                widths[position] += 1
                remaining -= 1

    total = sum(widths)
    planned = tuple(
        _index_plan(index, bits, population) for index, bits in zip(indexes, widths, strict=True)
    )
    return TablePlan(
        population=population,
        min_coincidence=min_coincidence,
        indexes=planned,
        smallest_population=max(MIN_POPULATION, _smallest_population(total, min_coincidence)),
        next_population=(
            None if total == sum(caps) else _smallest_population(total + 1, min_coincidence)
        ),
    )


def describe(plan: TablePlan) -> str:
    """The plan in a few lines, for the documentation and the command's output."""
    lines = [
        f"{plan.population:,} rows: {plan.leakage_bits:.4g} bits revealed together, "
        f"{plan.coincidences:.3g} rows share a row's index values, "
        f"{plan.false_positives:.3g} false positives a lookup on all indexes; "
        f"the rule's widths from {plan.smallest_population:,} rows"
        + ("" if plan.next_population is None else f" to {plan.next_population - 1:,}")
    ]
    lines.extend(
        f"  {index.name}: {index.bits} bits, {index.false_positives:.4g} false positives a "
        f"lookup, {index.leakage_bits:.4g} bits revealed, {index.coincidences:.4g} coincidences"
        for index in plan.indexes
    )
    return "\n".join(lines)


def _index_plan(index: IndexSpec, bits: int, population: int) -> IndexPlan:
    leakage = min(float(bits), index.value_bits)
    return IndexPlan(
        name=index.name,
        bits=bits,
        value_bits=index.value_bits,
        false_positives=population / 2**bits,
        leakage_bits=leakage,
        coincidences=population / 2**leakage,
    )


def _smallest_population(total_bits: int, min_coincidence: float) -> int:
    """The fewest rows for which ``total_bits`` bits keep ``min_coincidence`` coincidences."""
    return math.ceil(min_coincidence * 2.0**total_bits)
