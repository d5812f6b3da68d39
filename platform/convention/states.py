"""Contracting States as effective-dated reference data, and which instrument governs a pair.

The data ship in ``convention/data/contracting_states.json``. Every State records the periods in
which it is bound by the Convention (Art 58 to 60; through the EU under Art 59(3)) and applies
Regulation (EC) No 4/2009, and its declarations and reservations as timelines (Art 62, 63):

* Art 2(2) under-18 reservation (``age_limit``), Art 2(3) extensions (``scope_extensions``);
* Art 11(1)(g) declared requirements, Art 16 child-means test, Art 24 alternative procedure;
* Art 20(2) reservations, Art 30(8) reservation, Art 25(3)(b) acceptance of an abstract;
* Art 44(1) accepted languages and the Art 44(3) objection to English or French.

A value that could not be confirmed from the project brief or the Convention text is listed in
the State's ``unconfirmed`` fields; rules built on such a value say so (see ``validation``).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from convention.vocabulary import LegalBasis, MaintenanceObligation, RecognitionBasis

DATA_FILE = Path(__file__).resolve().parent / "data" / "contracting_states.json"

#: The parts of the Convention Central Authorities work under: administrative co-operation
#: (Chapter II) and applications through Central Authorities (Chapter III). Art 2(1)(c).
CENTRAL_AUTHORITY_CHAPTERS = frozenset({"II", "III"})

#: Art 2(1)(a): the Convention's age limit for child support.
CONVENTION_AGE_LIMIT = 21


class UnknownStateError(KeyError):
    """The reference data have no State with this code."""


class RegulationExtent:
    """How far a Member State applies Regulation (EC) No 4/2009."""

    FULL = "full"
    # Denmark: only as the Regulation amends Brussels I, so not its Central Authority chapter.
    WITHOUT_CENTRAL_AUTHORITIES = "without_central_authorities"


@dataclass(frozen=True)
class Participation:
    """A participation period; ``until`` is inclusive and ``None`` means open-ended."""

    start: date
    until: date | None = None
    via: str | None = None
    extent: str | None = None

    def contains(self, day: date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)


@dataclass(frozen=True)
class ScopeExtension:
    """An Art 2(3) declaration: an obligation and the Chapters (or ``"all"``) it extends."""

    obligation: MaintenanceObligation
    chapters: frozenset[str]

    def covers(self, obligation: MaintenanceObligation, chapters: Iterable[str]) -> bool:
        return self.obligation is obligation and (
            "all" in self.chapters or set(chapters) <= self.chapters
        )


@dataclass(frozen=True)
class DeclaredRequirement:
    """Information or a document the State requires by declaration (Art 11(1)(g), Art 63)."""

    code: str
    description: str


@dataclass(frozen=True)
class ContractingState:
    """One State's reference data. Methods answer "what applied on this date?"."""

    code: str
    name: str
    time_zone: str
    official_languages: tuple[str, ...]
    convention: tuple[Participation, ...]
    regulation: tuple[Participation, ...]
    eu_membership: tuple[Participation, ...]
    other_instruments: tuple[LegalBasis, ...]
    unconfirmed: frozenset[str]
    note: str
    timelines: Mapping[str, tuple[tuple[date, Any], ...]] = field(repr=False)

    # --- participation -------------------------------------------------------------------------
    def convention_period_on(self, day: date) -> Participation | None:
        """The period in which the Convention binds this State on ``day`` (Art 60), if any."""
        return next((p for p in self.convention if p.contains(day)), None)

    def is_bound_by_convention_on(self, day: date) -> bool:
        return self.convention_period_on(day) is not None

    def regulation_extent_on(self, day: date) -> str | None:
        """``RegulationExtent`` value if the State applies Regulation 4/2009 on ``day``."""
        period = next((p for p in self.regulation if p.contains(day)), None)
        return period.extent if period else None

    def is_eu_member_on(self, day: date) -> bool:
        return any(p.contains(day) for p in self.eu_membership)

    # --- declarations and reservations (Art 62, 63) ---------------------------------------------
    def declared_value(self, name: str, day: date) -> Any:
        """The value of a declaration timeline on ``day``; ``None`` before its first period."""
        value = None
        for start, period_value in self.timelines.get(name, ()):
            if start <= day:
                value = period_value
        return value

    def age_limit_on(self, day: date) -> int:
        """Art 2(1)(a), 2(2): 21, or 18 where the State has made the under-18 reservation."""
        return self.declared_value("age_limit", day) or CONVENTION_AGE_LIMIT

    def scope_extensions_on(self, day: date) -> tuple[ScopeExtension, ...]:
        """Art 2(3) declarations in effect on ``day``."""
        return self.declared_value("scope_extensions", day) or ()

    def declared_requirements_on(self, day: date) -> tuple[DeclaredRequirement, ...]:
        """Art 11(1)(g) requirements in effect on ``day``."""
        return self.declared_value("declared_requirements", day) or ()

    def child_means_test_on(self, day: date) -> bool:
        """Art 16(1) declaration: free legal assistance subject to a child-means test."""
        return bool(self.declared_value("child_means_test", day))

    def alternative_procedure_on(self, day: date) -> bool:
        """Art 24(1) declaration: the alternative procedure for recognition and enforcement."""
        return bool(self.declared_value("alternative_procedure", day))

    def accepted_languages_on(self, day: date) -> tuple[str, ...]:
        """Official languages plus languages accepted by declaration (Art 44(1))."""
        return (*self.official_languages, *(self.declared_value("accepted_languages", day) or ()))

    def communication_languages_on(self, day: date) -> tuple[str, ...]:
        """Art 44(3): official languages, English and French, less any reserved-against one."""
        objected = self.declared_value("objects_to_language", day)
        extra = tuple(lang for lang in ("en", "fr") if lang != objected)
        return tuple(dict.fromkeys((*self.official_languages, *extra)))

    def recognition_basis_reservations_on(self, day: date) -> frozenset[RecognitionBasis]:
        """Art 20(2) reservations in effect on ``day``."""
        return self.declared_value("recognition_basis_reservations", day) or frozenset()

    def reserves_against_arrangements_on(self, day: date) -> bool:
        """Art 30(8) reservation: no recognition and enforcement of maintenance arrangements."""
        return bool(self.declared_value("reserves_against_arrangements", day))

    def accepts_abstract_on(self, day: date) -> bool | None:
        """Art 25(3)(b) specification; ``None`` when unknown."""
        return self.declared_value("accepts_abstract", day)

    def is_confirmed(self, name: str) -> bool:
        """Whether the value of field ``name`` was confirmed from the brief or the Convention."""
        return name not in self.unconfirmed


class StateRegistry(Mapping[str, ContractingState]):
    """The Contracting States by ISO 3166-1 alpha-2 code."""

    def __init__(self, states: Iterable[ContractingState]) -> None:
        self._states = {state.code: state for state in states}

    def __getitem__(self, code: str) -> ContractingState:
        try:
            return self._states[code.upper()]
        except KeyError:
            raise UnknownStateError(f"No reference data for the State {code!r}.") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._states)

    def __len__(self) -> int:
        return len(self._states)


# --- loading -------------------------------------------------------------------------------------
def _day(text: str) -> date:
    return date.fromisoformat(text)


def _periods(items: list[dict[str, Any]]) -> tuple[Participation, ...]:
    return tuple(
        Participation(
            start=_day(item["from"]),
            until=_day(item["until"]) if item.get("until") else None,
            via=item.get("via"),
            extent=item.get("extent"),
        )
        for item in items
    )


_DECLARATION_PARSERS = {
    "age_limit": int,
    "scope_extensions": lambda items: tuple(
        ScopeExtension(MaintenanceObligation(i["obligation"]), frozenset(i["chapters"]))
        for i in items
    ),
    "declared_requirements": lambda items: tuple(
        DeclaredRequirement(i["code"], i["description"]) for i in items
    ),
    "child_means_test": bool,
    "alternative_procedure": bool,
    "accepted_languages": tuple,
    "objects_to_language": lambda value: value,
    "recognition_basis_reservations": lambda items: frozenset(RecognitionBasis(i) for i in items),
    "reserves_against_arrangements": bool,
    "accepts_abstract": lambda value: value,
}


def _state(raw: dict[str, Any]) -> ContractingState:
    timelines = {
        name: tuple(
            (_day(p["from"]), None if p["value"] is None else parse(p["value"]))
            for p in sorted(raw.get(name, []), key=lambda p: p["from"])
        )
        for name, parse in _DECLARATION_PARSERS.items()
    }
    unknown = set(raw["unconfirmed"]) - {*raw, "regulation_4_2009"}
    if unknown:
        raise ValueError(f"{raw['code']}: 'unconfirmed' names unknown fields {sorted(unknown)}")
    return ContractingState(
        code=raw["code"],
        name=raw["name"],
        time_zone=raw["time_zone"],
        official_languages=tuple(raw["official_languages"]),
        convention=_periods(raw["convention"]),
        regulation=_periods(raw["regulation_4_2009"]),
        eu_membership=_periods(raw["eu_membership"]),
        other_instruments=tuple(LegalBasis(i) for i in raw["other_instruments"]),
        unconfirmed=frozenset(raw["unconfirmed"]),
        note=raw["note"],
        timelines=timelines,
    )


def load_states(path: Path = DATA_FILE) -> StateRegistry:
    """Read a reference data file (the shipped one by default)."""
    with path.open(encoding="utf-8") as file:
        raw = json.load(file)
    return StateRegistry(_state(item) for item in raw["states"])


@cache
def default_registry() -> StateRegistry:
    """The shipped reference data, read once."""
    return load_states()


def _resolve(state: ContractingState | str, registry: StateRegistry | None) -> ContractingState:
    if isinstance(state, ContractingState):
        return state
    return (registry or default_registry())[state]


# --- pairs of States -----------------------------------------------------------------------------
def convention_entry_into_force_between(
    first: ContractingState | str,
    second: ContractingState | str,
    *,
    on: date,
    registry: StateRegistry | None = None,
) -> date | None:
    """The date from which the Convention has applied between two States, as seen on ``on``.

    ``None`` if it does not apply between them on ``on``. Art 56(1): the Convention applies to
    requests and applications received after this date. Periods in which a State was bound
    without interruption (e.g. the United Kingdom, first through the EU, then in its own right)
    count as one.
    """
    a, b = _resolve(first, registry), _resolve(second, registry)
    starts = []
    for state in (a, b):
        if not state.is_bound_by_convention_on(on):
            return None
        starts.append(_continuous_start(state.convention, on))
    return max(starts)


def _continuous_start(periods: tuple[Participation, ...], day: date) -> date:
    started: list[Participation] = sorted(
        (p for p in periods if p.start <= day), key=lambda p: p.start
    )
    start = started[0].start  # the caller checked that ``day`` lies in some period
    for earlier, later in itertools.pairwise(started):
        if not _adjacent(earlier, later):
            start = later.start
    return start


def _adjacent(earlier: Participation, later: Participation) -> bool:
    return earlier.until is None or (later.start - earlier.until).days <= 1


def convention_in_force_between(
    first: ContractingState | str,
    second: ContractingState | str,
    *,
    on: date,
    registry: StateRegistry | None = None,
) -> bool:
    """Whether the Convention binds both States on ``on`` (Art 56(1), 60)."""
    return convention_entry_into_force_between(first, second, on=on, registry=registry) is not None


def age_limit_between(
    first: ContractingState | str,
    second: ContractingState | str,
    *,
    on: date,
    registry: StateRegistry | None = None,
) -> int:
    """The age limit for child support between two States (Art 2(1)(a), 2(2)).

    A State that reserved the right to limit the Convention to persons under 18 "shall not be
    entitled to claim the application of the Convention" to older persons, so between it and any
    other State the lower limit applies, whichever way the case travels.
    """
    a, b = _resolve(first, registry), _resolve(second, registry)
    return min(a.age_limit_on(on), b.age_limit_on(on))


def scope_extended_between(
    first: ContractingState | str,
    second: ContractingState | str,
    obligation: MaintenanceObligation,
    *,
    on: date,
    chapters: Iterable[str] = CENTRAL_AUTHORITY_CHAPTERS,
    registry: StateRegistry | None = None,
) -> bool:
    """Whether both States' Art 2(3) declarations cover ``obligation`` for ``chapters``.

    Art 2(3): a declaration gives rise to obligations between two States "only in so far as their
    declarations cover the same maintenance obligations and parts of the Convention".
    """
    a, b = _resolve(first, registry), _resolve(second, registry)
    chapters = frozenset(chapters)
    return all(
        any(ext.covers(obligation, chapters) for ext in state.scope_extensions_on(on))
        for state in (a, b)
    )


@dataclass(frozen=True)
class GoverningInstrument:
    """Which instrument governs a case between two States on a date.

    ``legal_basis`` is ``None`` when neither the Convention nor the Regulation applies; then
    ``other_instruments`` lists what the reference data know of both States' other treaties
    (a hint, not a finding: a bilateral agreement or reciprocity may also apply).
    """

    legal_basis: LegalBasis | None
    central_authority_cooperation: bool
    article: str
    reason: Any
    other_instruments: tuple[LegalBasis, ...] = ()


def governing_instrument(
    requesting: ContractingState | str,
    requested: ContractingState | str,
    *,
    on: date,
    registry: StateRegistry | None = None,
) -> GoverningInstrument:
    """The instrument governing a case between ``requesting`` and ``requested`` on ``on``.

    * Both apply Regulation 4/2009 on that date: the Regulation, which the Convention leaves
      unaffected between Member States (Art 51(4)). Denmark applies it without the Central
      Authority chapter, so ``central_authority_cooperation`` is then ``False``.
    * Otherwise, the Convention if it is in force between them (Art 56(1), 60); an EU Member
      State and a third State deal under the Convention, by which the EU binds its Member States
      (Art 59(3)), Denmark excepted.
    * Otherwise no legal basis this package knows.
    """
    a, b = _resolve(requesting, registry), _resolve(requested, registry)
    extents = {a.regulation_extent_on(on), b.regulation_extent_on(on)}
    if None not in extents:
        if RegulationExtent.WITHOUT_CENTRAL_AUTHORITIES in extents:
            return GoverningInstrument(
                legal_basis=LegalBasis.EU_REGULATION_4_2009,
                central_authority_cooperation=False,
                article="51(4)",
                reason=_(
                    "Regulation (EC) No 4/2009 applies between these Member States, but without "
                    "cooperation through Central Authorities (Denmark)."
                ),
            )
        return GoverningInstrument(
            legal_basis=LegalBasis.EU_REGULATION_4_2009,
            central_authority_cooperation=True,
            article="51(4)",
            reason=_("Both States are bound by Regulation (EC) No 4/2009 (Article 51(4))."),
        )
    if convention_in_force_between(a, b, on=on):
        return GoverningInstrument(
            legal_basis=LegalBasis.HAGUE_2007,
            central_authority_cooperation=True,
            article="56(1)",
            reason=_("The 2007 Convention is in force between both States (Article 56(1))."),
        )
    others = tuple(i for i in a.other_instruments if i in b.other_instruments)
    return GoverningInstrument(
        legal_basis=None,
        central_authority_cooperation=False,
        article="56(1)",
        reason=_(
            "Neither the 2007 Convention nor Regulation (EC) No 4/2009 applies between these "
            "States on this date (Article 56(1))."
        ),
        other_instruments=others,
    )
