"""Builders for the Convention engine's tests (a uniquely named module: no ``conftest`` clash)."""

from __future__ import annotations

from datetime import date

from convention.states import (
    ContractingState,
    DeclaredRequirement,
    Participation,
    ScopeExtension,
)
from convention.vocabulary import MaintenanceObligation, RecognitionBasis

EIF = date(2014, 8, 1)


def make_state(
    code: str,
    *,
    name: str | None = None,
    convention_from: date | None = EIF,
    regulation: str | None = None,
    age_limit: int = 21,
    scope_extensions: tuple[ScopeExtension, ...] = (),
    declared_requirements: tuple[DeclaredRequirement, ...] = (),
    child_means_test: bool = False,
    accepts_abstract: bool | None = True,
    reserves_against_arrangements: bool = False,
    recognition_basis_reservations: frozenset[RecognitionBasis] = frozenset(),
    official_languages: tuple[str, ...] = ("en",),
    unconfirmed: frozenset[str] = frozenset(),
    timelines: dict | None = None,
) -> ContractingState:
    """A State whose every value is "confirmed", for rules tests independent of the seed data."""
    start = convention_from or EIF
    values = {
        "age_limit": age_limit,
        "scope_extensions": scope_extensions,
        "declared_requirements": declared_requirements,
        "child_means_test": child_means_test,
        "alternative_procedure": False,
        "accepted_languages": (),
        "objects_to_language": None,
        "recognition_basis_reservations": recognition_basis_reservations,
        "reserves_against_arrangements": reserves_against_arrangements,
        "accepts_abstract": accepts_abstract,
    }
    all_timelines = {key: ((start, value),) for key, value in values.items()}
    all_timelines.update(timelines or {})
    return ContractingState(
        code=code,
        name=name or f"State {code}",
        time_zone="UTC",
        official_languages=official_languages,
        convention=(Participation(convention_from),) if convention_from else (),
        regulation=(Participation(date(2011, 6, 18), extent=regulation),) if regulation else (),
        eu_membership=(Participation(date(1995, 1, 1)),) if regulation else (),
        other_instruments=(),
        unconfirmed=unconfirmed,
        note="test data",
        timelines=all_timelines,
    )


SPOUSAL_EXTENSION = ScopeExtension(MaintenanceObligation.SPOUSAL_SUPPORT, frozenset({"II", "III"}))
