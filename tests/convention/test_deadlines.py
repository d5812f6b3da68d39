"""The clocks: Art 12(3), 12(4), 12(5), 12(9), 23(6); Regulation 4/2009 Art 58."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convention.deadlines import (
    DeadlineRule,
    DeadlineSettings,
    Duration,
    NoPeriodError,
    acknowledgement_due,
    add_months,
    challenge_due,
    compute_deadline,
    further_status_report_due,
    local_date,
    may_stop_processing,
    missing_documents_due,
    status_report_due,
)
from convention.states import default_registry
from convention.vocabulary import LegalBasis

REGULATION = LegalBasis.EU_REGULATION_4_2009
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))
zones = st.sampled_from(
    ["UTC", "Europe/Berlin", "America/Sao_Paulo", "Pacific/Kiritimati", "Pacific/Pago_Pago"]
)


# --- the Convention's periods --------------------------------------------------------------------
def test_acknowledgement_due_six_weeks_after_receipt_art_12_3():
    deadline = acknowledgement_due(date(2025, 3, 3))
    assert deadline.due == date(2025, 4, 14)
    assert deadline.article == "12(3)"
    assert deadline.rule is DeadlineRule.ACKNOWLEDGEMENT
    assert not deadline.is_overdue(on=date(2025, 4, 14))
    assert deadline.is_overdue(on=date(2025, 4, 15))


def test_acknowledgement_due_30_days_under_the_regulation_reg_58_3():
    deadline = acknowledgement_due(date(2025, 3, 3), legal_basis=REGULATION)
    assert deadline.due == date(2025, 4, 2)
    assert deadline.article == "Reg. 58(3)"
    assert not deadline.unconfirmed


def test_status_report_due_three_months_after_acknowledgement_art_12_4():
    assert status_report_due(date(2025, 1, 15)).due == date(2025, 4, 15)


def test_status_report_month_arithmetic_clamps_to_month_end_art_12_4():
    assert status_report_due(date(2025, 11, 30)).due == date(2026, 2, 28)
    assert status_report_due(date(2027, 11, 30)).due == date(2028, 2, 29)
    assert status_report_due(date(2025, 5, 31)).due == date(2025, 8, 31)


def test_status_report_60_days_under_the_regulation_is_marked_unconfirmed_reg_58_4():
    deadline = status_report_due(date(2025, 1, 15), legal_basis=REGULATION)
    assert deadline.due == date(2025, 3, 16)
    assert deadline.unconfirmed


def test_missing_documents_due_within_three_months_art_12_9():
    deadline = missing_documents_due(date(2025, 1, 31))
    assert deadline.due == date(2025, 4, 30)
    assert deadline.article == "12(9)"


def test_missing_documents_longer_period_set_by_requested_authority_art_12_9():
    deadline = missing_documents_due(date(2025, 1, 31), specified_period=Duration(months=4))
    assert deadline.due == date(2025, 5, 31)


def test_missing_documents_period_cannot_be_shortened_art_12_9():
    with pytest.raises(ValueError, match="longer"):
        missing_documents_due(date(2025, 1, 31), specified_period=Duration(days=30))


def test_missing_documents_90_days_under_the_regulation_reg_58_9():
    deadline = missing_documents_due(date(2025, 1, 1), legal_basis=REGULATION)
    assert deadline.due == date(2025, 4, 1)
    assert deadline.unconfirmed


def test_processing_may_stop_only_after_the_period_art_12_9():
    deadline = missing_documents_due(date(2025, 1, 31))
    assert not may_stop_processing(deadline, on=date(2025, 4, 30))
    assert may_stop_processing(deadline, on=date(2025, 5, 1))
    with pytest.raises(ValueError):
        may_stop_processing(acknowledgement_due(date(2025, 1, 1)), on=date(2026, 1, 1))


def test_challenge_within_30_days_of_notification_art_23_6():
    deadline = challenge_due(date(2025, 6, 2), contesting_party_resident_abroad=False)
    assert deadline.due == date(2025, 7, 2)


def test_challenge_within_60_days_for_a_party_resident_abroad_art_23_6():
    deadline = challenge_due(date(2025, 6, 2), contesting_party_resident_abroad=True)
    assert deadline.due == date(2025, 8, 1)
    assert deadline.article == "23(6)"


def test_further_status_reports_have_no_convention_period_art_12_5():
    assert further_status_report_due(date(2025, 1, 1)) is None
    settings = DeadlineSettings(further_status_report_interval=Duration(months=6))
    deadline = further_status_report_due(date(2025, 1, 1), settings=settings)
    assert deadline is not None
    assert deadline.due == date(2025, 7, 1)
    assert deadline.article == "12(5)"


def test_other_legal_bases_have_no_period():
    with pytest.raises(NoPeriodError):
        compute_deadline(
            DeadlineRule.ACKNOWLEDGEMENT,
            legal_basis=LegalBasis.BILATERAL_OR_RECIPROCITY,
            start=date(2025, 1, 1),
        )


# --- time zones ----------------------------------------------------------------------------------
def test_receipt_instant_counts_in_the_requested_authority_time_zone_art_12_3():
    # 23:30 UTC on 2 March is already 3 March in Berlin (and still 2 March in São Paulo).
    received = datetime(2025, 3, 2, 23, 30, tzinfo=UTC)
    berlin = DeadlineSettings(time_zone="Europe/Berlin")
    sao_paulo = DeadlineSettings(time_zone="America/Sao_Paulo")
    assert acknowledgement_due(received, settings=berlin).start == date(2025, 3, 3)
    assert acknowledgement_due(received, settings=berlin).due == date(2025, 4, 14)
    assert acknowledgement_due(received, settings=sao_paulo).due == date(2025, 4, 13)


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        acknowledgement_due(datetime(2025, 3, 2, 12, 0))


def test_an_unknown_time_zone_is_refused():
    with pytest.raises(Exception):  # noqa: B017  (zoneinfo raises its own error type)
        DeadlineSettings(time_zone="Mars/Olympus_Mons")


# --- weekends and holidays ---------------------------------------------------------------------
def test_due_dates_are_not_shifted_by_default_art_12_3():
    # 2025-02-10 + 6 weeks = Monday 24 March; 2025-02-08 + 6 weeks = Saturday 22 March.
    assert acknowledgement_due(date(2025, 2, 8)).due == date(2025, 3, 22)


def test_shift_to_next_working_day_is_a_per_state_setting_art_12_3():
    settings = DeadlineSettings(shift_to_working_day=True)
    deadline = acknowledgement_due(date(2025, 2, 8), settings=settings)
    assert deadline.unshifted_due == date(2025, 3, 22)
    assert deadline.due == date(2025, 3, 24)


def test_shift_skips_public_holidays_of_the_state_art_23_6():
    germany = DeadlineSettings.for_state(default_registry()["DE"], shift_to_working_day=True)
    assert germany.time_zone == "Europe/Berlin"
    # Notified 25 November 2025: day 30 is Thursday 25 December, then Boxing Day, a weekend.
    deadline = challenge_due(
        date(2025, 11, 25), contesting_party_resident_abroad=False, settings=germany
    )
    assert deadline.unshifted_due == date(2025, 12, 25)
    assert deadline.due == date(2025, 12, 29)


def test_holiday_subdivision_is_honoured():
    # Epiphany (6 January) is a holiday in Bavaria, not in Berlin.
    bavaria = DeadlineSettings(
        shift_to_working_day=True, holiday_country="DE", holiday_subdivision="BY"
    )
    berlin = DeadlineSettings(
        shift_to_working_day=True, holiday_country="DE", holiday_subdivision="BE"
    )
    assert not bavaria.is_working_day(date(2027, 1, 6))
    assert berlin.is_working_day(date(2027, 1, 6))


# --- properties of the date arithmetic ---------------------------------------------------------
@given(dates, st.integers(min_value=0, max_value=240))
def test_add_months_lands_in_the_right_month_clamped_to_its_end(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)
    assert result >= day


@given(dates, st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=60))
def test_add_months_composes_when_no_clamping_happens(day, first, second):
    day = day.replace(day=min(day.day, 28))
    assert add_months(add_months(day, first), second) == add_months(day, first + second)


@given(dates)
def test_acknowledgement_is_always_42_days_after_receipt_art_12_3(day):
    assert acknowledgement_due(day).due - day == timedelta(days=42)


@given(dates, dates)
def test_later_receipt_never_gives_earlier_due_dates_art_12_4(first, second):
    early, late = sorted((first, second))
    assert status_report_due(early).due <= status_report_due(late).due
    assert missing_documents_due(early).due <= missing_documents_due(late).due


@given(dates)
def test_status_report_falls_within_three_months_art_12_4(day):
    due = status_report_due(day).due
    assert 89 <= (due - day).days <= 92


@given(dates)
def test_party_abroad_always_has_thirty_more_days_art_23_6(day):
    home = challenge_due(day, contesting_party_resident_abroad=False).due
    abroad = challenge_due(day, contesting_party_resident_abroad=True).due
    assert abroad - home == timedelta(days=30)


@given(dates)
def test_shifted_due_is_the_first_working_day_on_or_after_the_unshifted_one(day):
    settings = DeadlineSettings(shift_to_working_day=True, holiday_country="PT")
    deadline = acknowledgement_due(day, settings=settings)
    assert deadline.due >= deadline.unshifted_due
    assert settings.is_working_day(deadline.due)
    probe = deadline.unshifted_due
    while probe < deadline.due:
        assert not settings.is_working_day(probe)
        probe += timedelta(days=1)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 1, 1)), zones)
def test_local_date_is_the_wall_calendar_date_in_the_zone(moment, zone):
    aware = moment.replace(tzinfo=UTC)
    assert local_date(aware, zone) == aware.astimezone(ZoneInfo(zone)).date()
    assert abs((local_date(aware, zone) - aware.date()).days) <= 1


def test_every_seed_state_has_a_valid_time_zone_and_holiday_calendar():
    for state in default_registry().values():
        settings = DeadlineSettings.for_state(state, shift_to_working_day=True)
        assert settings.next_working_day(date(2025, 12, 25)) > date(2025, 12, 25), state.code
