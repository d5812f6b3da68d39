"""Contracting States reference data and the instrument governing a pair of States."""

from __future__ import annotations

import json
from datetime import date

import pytest
from convention_builders import SPOUSAL_EXTENSION, make_state

from convention.states import (
    DATA_FILE,
    StateRegistry,
    UnknownStateError,
    age_limit_between,
    convention_entry_into_force_between,
    convention_in_force_between,
    default_registry,
    governing_instrument,
    load_states,
    scope_extended_between,
)
from convention.vocabulary import LegalBasis, MaintenanceObligation

ISUPPORT_STATES = {
    "AT", "BR", "CZ", "EE", "FI", "FR", "DE", "GR", "HU", "NL", "NO", "PT", "SK", "SE", "CH", "GB",
    "US",
}  # fmt: skip
TODAY = date(2025, 1, 31)


def test_seed_data_covers_the_isupport_states_and_denmark():
    assert ISUPPORT_STATES | {"DK"} <= set(default_registry())


def test_every_seed_state_explains_its_unconfirmed_values():
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    for entry in raw["states"]:
        assert entry["note"].strip(), entry["code"]
        assert set(entry["unconfirmed"]) <= set(entry), entry["code"]


def test_unconfirmed_must_name_real_fields(tmp_path):
    raw = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    raw["states"][0]["unconfirmed"].append("no_such_field")
    path = tmp_path / "states.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    with pytest.raises(ValueError, match="no_such_field"):
        load_states(path)


def test_united_states_in_force_from_2017_confirmed_art_60():
    us = default_registry()["US"]
    assert us.is_confirmed("convention")
    assert not us.is_bound_by_convention_on(date(2016, 12, 31))
    assert us.is_bound_by_convention_on(date(2017, 1, 1))


def test_convention_applies_after_entry_into_force_between_both_states_art_56_1():
    assert not convention_in_force_between("NO", "US", on=date(2016, 12, 31))
    assert convention_in_force_between("NO", "US", on=date(2017, 1, 1))
    assert convention_entry_into_force_between("NO", "US", on=TODAY) == date(2017, 1, 1)


def test_switzerland_is_not_a_contracting_state_art_58():
    switzerland = default_registry()["CH"]
    assert not switzerland.is_bound_by_convention_on(TODAY)
    assert "convention" in switzerland.unconfirmed
    result = governing_instrument("CH", "DE", on=TODAY)
    assert result.legal_basis is None
    assert not result.central_authority_cooperation
    assert governing_instrument("DE", "CH", on=TODAY).legal_basis is None


def test_between_eu_member_states_the_regulation_governs_art_51_4():
    result = governing_instrument("DE", "FR", on=TODAY)
    assert result.legal_basis is LegalBasis.EU_REGULATION_4_2009
    assert result.central_authority_cooperation
    assert result.article == "51(4)"


def test_eu_member_state_and_third_state_use_the_convention_art_59_3():
    for pair in (("DE", "US"), ("NO", "PT"), ("BR", "SE")):
        assert governing_instrument(*pair, on=TODAY).legal_basis is LegalBasis.HAGUE_2007, pair


def test_denmark_applies_the_regulation_without_central_authorities_art_51_4():
    result = governing_instrument("DK", "DE", on=TODAY)
    assert result.legal_basis is LegalBasis.EU_REGULATION_4_2009
    assert not result.central_authority_cooperation
    # Not bound by the Convention through the EU: no Convention relationship with third States.
    assert governing_instrument("DK", "US", on=TODAY).legal_basis is None


def test_united_kingdom_moves_from_regulation_to_convention_in_2021_art_56_1():
    assert governing_instrument("GB", "DE", on=date(2020, 12, 31)).legal_basis is (
        LegalBasis.EU_REGULATION_4_2009
    )
    assert governing_instrument("GB", "DE", on=date(2021, 1, 1)).legal_basis is (
        LegalBasis.HAGUE_2007
    )
    # Bound without interruption, first through the EU, then in its own right.
    assert convention_entry_into_force_between("GB", "US", on=TODAY) == date(2017, 1, 1)
    assert convention_entry_into_force_between("GB", "NO", on=TODAY) == date(2014, 8, 1)


def test_under_18_reservation_has_reciprocal_effect_art_2_2():
    registry = StateRegistry([make_state("XA", age_limit=18), make_state("XB")])
    assert age_limit_between("XA", "XB", on=TODAY, registry=registry) == 18
    assert age_limit_between("XB", "XA", on=TODAY, registry=registry) == 18
    assert age_limit_between("XB", "XB", on=TODAY, registry=registry) == 21


def test_scope_extension_binds_only_where_both_declarations_cover_it_art_2_3():
    registry = StateRegistry(
        [
            make_state("XA", scope_extensions=(SPOUSAL_EXTENSION,)),
            make_state("XB", scope_extensions=(SPOUSAL_EXTENSION,)),
            make_state("XC"),
        ]
    )
    spousal = MaintenanceObligation.SPOUSAL_SUPPORT
    assert scope_extended_between("XA", "XB", spousal, on=TODAY, registry=registry)
    assert not scope_extended_between("XA", "XC", spousal, on=TODAY, registry=registry)
    assert not scope_extended_between(
        "XA", "XB", MaintenanceObligation.VULNERABLE_PERSON, on=TODAY, registry=registry
    )
    # A declaration for Chapters II and III does not extend Chapter V.
    assert not scope_extended_between(
        "XA", "XB", spousal, on=TODAY, chapters={"V"}, registry=registry
    )


def test_declarations_are_effective_dated_art_63():
    state = make_state(
        "XA",
        timelines={"age_limit": ((date(2014, 8, 1), 21), (date(2020, 1, 1), 18))},
    )
    assert state.age_limit_on(date(2019, 12, 31)) == 21
    assert state.age_limit_on(date(2020, 1, 1)) == 18


def test_communication_languages_drop_the_reserved_one_art_44_3():
    us = default_registry()["US"]
    assert "fr" not in us.communication_languages_on(TODAY)
    assert "en" in us.communication_languages_on(TODAY)
    assert set(default_registry()["DE"].communication_languages_on(TODAY)) == {"de", "en", "fr"}


def test_unknown_state_is_a_clear_error():
    with pytest.raises(UnknownStateError, match="ZZ"):
        default_registry()["ZZ"]
    assert default_registry()["de"].code == "DE"
