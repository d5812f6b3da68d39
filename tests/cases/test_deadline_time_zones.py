"""A date the caseworker types is the day a deadline starts, in whichever zone the deadline is
counted: the partner's for an outgoing case (Art 12(3), 12(4): the requested Authority's clock),
this State's own for an incoming one. Midnight in Helsinki is 23:00 the day before in Oslo, so a
typed date turned into Finnish midnight and counted in Norway started the period a day early.

The expected deadlines come from the Convention engine given the typed date itself; the
timestamps recorded on the case stay that date in this State's zone."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from accounts.roles import StateRole
from cases import services
from convention.deadlines import DeadlineRule, DeadlineSettings, compute_deadline
from convention.vocabulary import LegalBasis
from tests.conftest import client_for, onboard_test_state

HOST_FI = "fi.localhost"
HELSINKI = ZoneInfo("Europe/Helsinki")

# The last day of a month, and an acknowledgement four weeks later: started a day early, the
# periods would end on 11 December and 27 February instead of 12 December and 28 February.
SENT_ON = datetime.date(2025, 10, 31)
ACKNOWLEDGED_ON = datetime.date(2025, 11, 28)


@pytest.fixture
def state_fi(db):
    """Finland, east of Norway and Portugal: onboarded inside the test's transaction."""
    connection.set_schema_to_public()
    return onboard_test_state("FI", "Finland", HOST_FI, "Europe/Helsinki")


@pytest.fixture
def caseworker_fi(state_fi, make_user):
    return make_user(state_fi, StateRole.CASEWORKER)


def _assert_deadline(deadline, rule: DeadlineRule, start: datetime.date, time_zone: str) -> None:
    """The stored deadline is the engine's, started on ``start`` in ``time_zone``."""
    expected = compute_deadline(
        rule,
        legal_basis=LegalBasis(deadline.legal_basis),
        start=start,
        settings=DeadlineSettings(time_zone=time_zone),
    )
    assert deadline.anchor == start  # the typed date, not the day before or after
    assert (deadline.anchor, deadline.due, deadline.time_zone) == (
        expected.start,
        expected.due,
        time_zone,
    )


def test_outgoing_deadlines_start_on_the_typed_dates_when_requesting_state_is_east_art_12_3(
    caseworker_fi, make_transmittable
):
    """Finland (Helsinki) requests from Norway (Oslo): the partner's clocks start on the day the
    application was sent and the day the acknowledgement is dated, not a day earlier."""
    case = make_transmittable(caseworker_fi)
    assert (case.requesting_state, case.requested_state) == ("FI", "NO")
    case = services.case_transmit(user=caseworker_fi, case=case, method="post", sent_on=SENT_ON)
    acknowledgement = case.deadlines.get(rule="acknowledgement")
    _assert_deadline(acknowledgement, DeadlineRule.ACKNOWLEDGEMENT, SENT_ON, "Europe/Oslo")
    assert acknowledgement.due == datetime.date(2025, 12, 12)  # six weeks after 31 October

    case = services.case_acknowledge(
        user=caseworker_fi, case=case, outcome="complete", on=ACKNOWLEDGED_ON
    )
    report = case.deadlines.get(rule="status_report")
    _assert_deadline(report, DeadlineRule.STATUS_REPORT, ACKNOWLEDGED_ON, "Europe/Oslo")
    assert report.due == datetime.date(2026, 2, 28)  # three months after 28 November
    assert report.watched

    # The case records the typed dates as they are in Finland, the acknowledgement deadline
    # met on the acknowledgement's date.
    case.refresh_from_db()
    assert case.transmitted_at.astimezone(HELSINKI).date() == SENT_ON
    assert case.acknowledged_at.astimezone(HELSINKI).date() == ACKNOWLEDGED_ON
    acknowledgement.refresh_from_db()
    assert acknowledgement.met_at.astimezone(HELSINKI).date() == ACKNOWLEDGED_ON
    timeline = {
        event.workflow_event: event.occurred_at.astimezone(HELSINKI).date()
        for event in case.timeline.filter(kind="workflow")
    }
    assert timeline == {"transmit": SENT_ON, "acknowledge": ACKNOWLEDGED_ON}

    # ... and the case page shows those dates, not the day before.
    connection.set_schema_to_public()
    page = client_for(HOST_FI, caseworker_fi).get(f"/cases/{case.pk}/").content.decode()
    assert "31 October 2025" in page or "October 31, 2025" in page
    assert "28 November 2025" in page or "November 28, 2025" in page


def test_missing_documents_period_starts_on_the_typed_date_art_12_9(
    caseworker_fi, make_transmittable
):
    """The documents the partner asks for are counted from the acknowledgement's date too."""
    case = services.case_transmit(
        user=caseworker_fi, case=make_transmittable(caseworker_fi), method="post", sent_on=SENT_ON
    )
    case = services.case_acknowledge(
        user=caseworker_fi,
        case=case,
        outcome="documents_requested",
        documents_requested=["decision_text"],
        on=ACKNOWLEDGED_ON,
    )
    documents = case.deadlines.get(rule="missing_documents")
    _assert_deadline(documents, DeadlineRule.MISSING_DOCUMENTS, ACKNOWLEDGED_ON, "Europe/Oslo")


def test_outgoing_deadlines_start_on_the_typed_dates_when_requesting_state_is_west_art_12_3(
    caseworker_a, make_transmittable
):
    """Portugal (Lisbon) requests from Finland (Helsinki), under the EU Regulation's periods:
    no day is gained either."""
    case = make_transmittable(caseworker_a, requested_state="FI")
    assert case.legal_basis == LegalBasis.EU_REGULATION_4_2009.value
    case = services.case_transmit(user=caseworker_a, case=case, method="post", sent_on=SENT_ON)
    _assert_deadline(
        case.deadlines.get(rule="acknowledgement"),
        DeadlineRule.ACKNOWLEDGEMENT,
        SENT_ON,
        "Europe/Helsinki",
    )
    case = services.case_acknowledge(
        user=caseworker_a, case=case, outcome="complete", on=ACKNOWLEDGED_ON
    )
    _assert_deadline(
        case.deadlines.get(rule="status_report"),
        DeadlineRule.STATUS_REPORT,
        ACKNOWLEDGED_ON,
        "Europe/Helsinki",
    )
    case.refresh_from_db()
    lisbon = ZoneInfo("Europe/Lisbon")
    assert case.transmitted_at.astimezone(lisbon).date() == SENT_ON
    assert case.acknowledged_at.astimezone(lisbon).date() == ACKNOWLEDGED_ON


def test_incoming_deadlines_start_on_the_typed_dates_in_the_states_own_zone_art_12_3(
    caseworker_fi, make_incoming
):
    """Finland receives from Norway: its own clocks, in Helsinki, from the typed dates."""
    case = make_incoming(caseworker_fi, from_state="NO", received_on=SENT_ON)
    _assert_deadline(
        case.deadlines.get(rule="acknowledgement"),
        DeadlineRule.ACKNOWLEDGEMENT,
        SENT_ON,
        "Europe/Helsinki",
    )
    case = services.case_acknowledge(
        user=caseworker_fi, case=case, outcome="complete", on=ACKNOWLEDGED_ON
    )
    report = case.deadlines.get(rule="status_report")
    _assert_deadline(report, DeadlineRule.STATUS_REPORT, ACKNOWLEDGED_ON, "Europe/Helsinki")
    assert not report.watched
    case.refresh_from_db()
    assert case.received_at.astimezone(HELSINKI).date() == SENT_ON
    assert case.acknowledged_at.astimezone(HELSINKI).date() == ACKNOWLEDGED_ON


def test_an_instant_given_is_counted_on_its_date_in_the_deadlines_zone(
    caseworker_fi, make_transmittable
):
    """An aware instant (the API may send one) is a moment, not a typed day: 00:30 in Helsinki
    on 1 November is still 31 October in Oslo, where the partner's clock runs."""
    case = services.case_transmit(
        user=caseworker_fi, case=make_transmittable(caseworker_fi), method="post", sent_on=SENT_ON
    )
    instant = datetime.datetime(2025, 11, 1, 0, 30, tzinfo=HELSINKI)
    case = services.case_acknowledge(user=caseworker_fi, case=case, outcome="complete", on=instant)
    report = case.deadlines.get(rule="status_report")
    _assert_deadline(report, DeadlineRule.STATUS_REPORT, datetime.date(2025, 10, 31), "Europe/Oslo")
    case.refresh_from_db()
    assert case.acknowledged_at == instant


def test_a_typed_date_in_the_future_is_refused(caseworker_fi, make_transmittable):
    case = make_transmittable(caseworker_fi)
    tomorrow = datetime.datetime.now(HELSINKI).date() + datetime.timedelta(days=1)
    with pytest.raises(services.CaseError) as error:
        services.case_transmit(user=caseworker_fi, case=case, method="post", sent_on=tomorrow)
    assert error.value.code == "future_date"
    case.refresh_from_db()
    assert case.state == "new" and not case.deadlines.exists()
