"""The clocks of the Convention (Art 12, 23(6)) and of Regulation (EC) No 4/2009 (Art 58).

Every period runs in calendar days, weeks or months from a start date in the time zone of the
Central Authority whose clock it is (the requested Authority for Art 12). Month arithmetic
clamps to the end of the month (30 November + 3 months = 28 or 29 February): the Convention
does not say, this is the project's reading (DOMAIN.md 15). The Convention does not move a due
date that falls on a weekend or a public holiday; a State may choose to (``DeadlineSettings``),
off by default. The Convention fixes no period for status reports after the first one
(Art 12(5): "keep each other informed", "timely"); a State may set one.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from django.utils.translation import gettext_lazy as _

from convention.states import ContractingState
from convention.vocabulary import ConventionEnum, LegalBasis


class DeadlineRule(ConventionEnum):
    """The deadlines the platform tracks; the workflow's transitions start and close them."""

    ACKNOWLEDGEMENT = ("acknowledgement", _("Acknowledgement of receipt"), "12(3)")
    STATUS_REPORT = ("status_report", _("Status report"), "12(4)")
    FURTHER_STATUS_REPORT = ("further_status_report", _("Further status report"), "12(5)")
    MISSING_DOCUMENTS = (
        "missing_documents",
        _("Additional documents or information"),
        "12(9)",
    )
    CHALLENGE = ("challenge", _("Challenge or appeal"), "23(6)")


class NoPeriodError(ValueError):
    """The instrument sets no period for this deadline (e.g. a bilateral basis)."""


@dataclass(frozen=True)
class Duration:
    """A period of calendar months, weeks and days (applied in that order)."""

    months: int = 0
    weeks: int = 0
    days: int = 0

    def __post_init__(self) -> None:
        if min(self.months, self.weeks, self.days) < 0:
            raise ValueError("A deadline period cannot be negative.")

    def after(self, start: date) -> date:
        return add_months(start, self.months) + timedelta(weeks=self.weeks, days=self.days)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clamped to the last day of the target month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def local_date(moment: date | datetime, time_zone: str) -> date:
    """The calendar date of ``moment`` in ``time_zone``.

    A ``date`` is taken as already local. A ``datetime`` must be timezone-aware: a naive one
    would silently be read in the server's zone, so it is refused.
    """
    if isinstance(moment, datetime):
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError("A deadline's start instant must be a timezone-aware datetime.")
        return moment.astimezone(ZoneInfo(time_zone)).date()
    return moment


@dataclass(frozen=True)
class DeadlineSettings:
    """A Central Authority's deadline settings; the tenant layer stores one per Authority.

    * ``time_zone``: IANA zone in which start instants become dates.
    * ``shift_to_working_day``: move a due date on a weekend or public holiday to the next
      working day. Off by default: the Convention counts calendar days.
    * ``holiday_country`` / ``holiday_subdivision``: the ``holidays`` package's codes.
    * ``weekend``: ISO weekday numbers of rest days (Monday is 1).
    * ``further_status_report_interval``: period after a status report within which the next
      one is due; ``None`` means the Authority tracks no such period (Art 12(5) sets none).
    """

    time_zone: str = "UTC"
    shift_to_working_day: bool = False
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    weekend: frozenset[int] = frozenset({6, 7})
    further_status_report_interval: Duration | None = None

    def __post_init__(self) -> None:
        ZoneInfo(self.time_zone)  # raises for an unknown zone
        if self.holiday_country is not None:
            _holiday_calendar(self.holiday_country, self.holiday_subdivision)

    @classmethod
    def for_state(cls, state: ContractingState, **overrides: object) -> DeadlineSettings:
        """Defaults for a State's Authority: its reference time zone and its holidays."""
        values: dict[str, object] = {"time_zone": state.time_zone, "holiday_country": state.code}
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]

    def is_working_day(self, day: date) -> bool:
        if day.isoweekday() in self.weekend:
            return False
        if self.holiday_country is None:
            return True
        return day not in _holiday_calendar(self.holiday_country, self.holiday_subdivision)

    def next_working_day(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        for _offset in range(366):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("No working day within a year: check the weekend setting.")


@cache
def _holiday_calendar(country: str, subdivision: str | None) -> holidays.HolidayBase:
    return holidays.country_holidays(country, subdiv=subdivision)


@dataclass(frozen=True)
class Deadline:
    """A computed deadline: the last day on which the act is still in time."""

    rule: DeadlineRule
    legal_basis: LegalBasis
    article: str
    start: date
    period: Duration
    unshifted_due: date
    due: date
    unconfirmed: bool = False

    def is_overdue(self, *, on: date) -> bool:
        return on > self.due

    def days_left(self, *, on: date) -> int:
        return (self.due - on).days


@dataclass(frozen=True)
class _Rule:
    period: Duration
    article: str
    unconfirmed: bool = False


# Convention periods (Art 12(3), 12(4), 12(9), 23(6)).
_CONVENTION = {
    DeadlineRule.ACKNOWLEDGEMENT: _Rule(Duration(weeks=6), "12(3)"),
    DeadlineRule.STATUS_REPORT: _Rule(Duration(months=3), "12(4)"),
    DeadlineRule.MISSING_DOCUMENTS: _Rule(Duration(months=3), "12(9)"),
    DeadlineRule.CHALLENGE: _Rule(Duration(days=30), "23(6)"),
}
_CONVENTION_CHALLENGE_ABROAD = _Rule(Duration(days=60), "23(6)")

# Regulation (EC) No 4/2009, Art 58(3), (4), (9): 30 days is confirmed by DOMAIN.md; 60 and 90
# days are the Regulation's text as recalled and are marked unconfirmed. The challenge periods
# (Art 32(5): 30 days, 45 days for a party resident in another Member State) concern only
# decisions that still need a declaration of enforceability; unconfirmed as well.
_REGULATION = {
    DeadlineRule.ACKNOWLEDGEMENT: _Rule(Duration(days=30), "Reg. 58(3)"),
    DeadlineRule.STATUS_REPORT: _Rule(Duration(days=60), "Reg. 58(4)", unconfirmed=True),
    DeadlineRule.MISSING_DOCUMENTS: _Rule(Duration(days=90), "Reg. 58(9)", unconfirmed=True),
    DeadlineRule.CHALLENGE: _Rule(Duration(days=30), "Reg. 32(5)", unconfirmed=True),
}
_REGULATION_CHALLENGE_ABROAD = _Rule(Duration(days=45), "Reg. 32(5)", unconfirmed=True)


def _rule_for(
    rule: DeadlineRule,
    legal_basis: LegalBasis,
    *,
    settings: DeadlineSettings,
    contesting_party_resident_abroad: bool,
) -> _Rule | None:
    if rule is DeadlineRule.FURTHER_STATUS_REPORT:
        # Art 12(5) fixes no period: the Authority's own setting, if any.
        interval = settings.further_status_report_interval
        return _Rule(interval, "12(5)") if interval is not None else None
    if legal_basis is LegalBasis.HAGUE_2007:
        if rule is DeadlineRule.CHALLENGE and contesting_party_resident_abroad:
            return _CONVENTION_CHALLENGE_ABROAD
        return _CONVENTION[rule]
    if legal_basis is LegalBasis.EU_REGULATION_4_2009:
        if rule is DeadlineRule.CHALLENGE and contesting_party_resident_abroad:
            return _REGULATION_CHALLENGE_ABROAD
        return _REGULATION[rule]
    raise NoPeriodError(f"{legal_basis.label} sets no period for {rule.label}.")


def compute_deadline(
    rule: DeadlineRule,
    *,
    legal_basis: LegalBasis,
    start: date | datetime,
    settings: DeadlineSettings | None = None,
    contesting_party_resident_abroad: bool = False,
    specified_period: Duration | None = None,
) -> Deadline | None:
    """The deadline ``rule`` started by the event at ``start``.

    ``start`` is the event that starts the clock: receipt (acknowledgement), acknowledgement
    (status report), the last status report (further status report), the request for documents
    (missing documents), the notification (challenge). ``specified_period`` is the longer period
    a requested Authority may set for missing documents (Art 12(9)). Returns ``None`` only for a
    further status report when the Authority has set no interval.
    """
    settings = settings or DeadlineSettings()
    chosen = _rule_for(
        rule,
        legal_basis,
        settings=settings,
        contesting_party_resident_abroad=contesting_party_resident_abroad,
    )
    if chosen is None:
        return None
    start_day = local_date(start, settings.time_zone)
    period = chosen.period
    if specified_period is not None:
        if rule is not DeadlineRule.MISSING_DOCUMENTS:
            raise ValueError("Only the missing-documents period may be specified (Art 12(9)).")
        # Art 12(9): "three months or a longer period specified by the requested Authority".
        if specified_period.after(start_day) < period.after(start_day):
            raise ValueError(
                f"A specified period may only be longer than the default (Art {chosen.article})."
            )
        period = specified_period
    unshifted = period.after(start_day)
    due = settings.next_working_day(unshifted) if settings.shift_to_working_day else unshifted
    return Deadline(
        rule=rule,
        legal_basis=legal_basis,
        article=chosen.article,
        start=start_day,
        period=period,
        unshifted_due=unshifted,
        due=due,
        unconfirmed=chosen.unconfirmed,
    )


def _with_period(deadline: Deadline | None) -> Deadline:
    """Only a further status report may lack a period (Art 12(5)); every other rule has one."""
    if deadline is None:  # pragma: no cover - compute_deadline returns None only for 12(5)
        raise AssertionError("a Convention or Regulation period was expected")
    return deadline


def acknowledgement_due(
    received: date | datetime,
    *,
    legal_basis: LegalBasis = LegalBasis.HAGUE_2007,
    settings: DeadlineSettings | None = None,
) -> Deadline:
    """Art 12(3): acknowledge within six weeks of receipt (Reg. 58(3): 30 days)."""
    return _with_period(
        compute_deadline(
            DeadlineRule.ACKNOWLEDGEMENT, legal_basis=legal_basis, start=received, settings=settings
        )
    )


def status_report_due(
    acknowledged: date | datetime,
    *,
    legal_basis: LegalBasis = LegalBasis.HAGUE_2007,
    settings: DeadlineSettings | None = None,
) -> Deadline:
    """Art 12(4): report the status within three months after the acknowledgement."""
    return _with_period(
        compute_deadline(
            DeadlineRule.STATUS_REPORT,
            legal_basis=legal_basis,
            start=acknowledged,
            settings=settings,
        )
    )


def further_status_report_due(
    last_report: date | datetime,
    *,
    legal_basis: LegalBasis = LegalBasis.HAGUE_2007,
    settings: DeadlineSettings | None = None,
) -> Deadline | None:
    """Art 12(5) sets no period: ``None`` unless the Authority has set an interval."""
    return compute_deadline(
        DeadlineRule.FURTHER_STATUS_REPORT,
        legal_basis=legal_basis,
        start=last_report,
        settings=settings,
    )


def missing_documents_due(
    requested: date | datetime,
    *,
    legal_basis: LegalBasis = LegalBasis.HAGUE_2007,
    specified_period: Duration | None = None,
    settings: DeadlineSettings | None = None,
) -> Deadline:
    """Art 12(9): documents are due within three months or a longer period the Authority sets."""
    return _with_period(
        compute_deadline(
            DeadlineRule.MISSING_DOCUMENTS,
            legal_basis=legal_basis,
            start=requested,
            settings=settings,
            specified_period=specified_period,
        )
    )


def challenge_due(
    notified: date | datetime,
    *,
    contesting_party_resident_abroad: bool,
    legal_basis: LegalBasis = LegalBasis.HAGUE_2007,
    settings: DeadlineSettings | None = None,
) -> Deadline:
    """Art 23(6): 30 days after notification, 60 when the contesting party lives abroad.

    "Abroad" means not resident in the State in which the declaration or registration was made
    or refused. Under the alternative procedure (Art 24) appeals follow national law instead.
    """
    return _with_period(
        compute_deadline(
            DeadlineRule.CHALLENGE,
            legal_basis=legal_basis,
            start=notified,
            settings=settings,
            contesting_party_resident_abroad=contesting_party_resident_abroad,
        )
    )


def may_stop_processing(missing_documents: Deadline, *, on: date) -> bool:
    """Art 12(9): the requested Authority may stop only once the period has run out."""
    if missing_documents.rule is not DeadlineRule.MISSING_DOCUMENTS:
        raise ValueError("Stopping under Art 12(9) depends on the missing-documents deadline.")
    return missing_documents.is_overdue(on=on)
