"""Workflow steps on the case page: only what the Convention engine allows is offered, every
step is confirmed first, a stale form is refused, bad input writes nothing."""

import datetime

import pytest
from django.db import connection

from cases import services
from cases.models import Case, Deadline, TimelineEvent
from convention.deadlines import DeadlineSettings, add_months, challenge_due
from tests.conftest import HOST_A, HOST_B, client_for


@pytest.fixture
def client(caseworker_a):
    connection.set_schema_to_public()
    return client_for(HOST_A, caseworker_a)


@pytest.fixture
def received(caseworker_a, make_incoming):
    case = make_incoming(caseworker_a, application_type="art_10_1_a")
    connection.set_schema_to_public()
    return case


def _state(state_a, case) -> Case:
    connection.set_tenant(state_a)
    fresh = Case.objects.get(pk=case.pk)
    connection.set_schema_to_public()
    return fresh


def test_case_page_offers_only_the_steps_the_engine_allows(client, received):
    page = client.get(f"/cases/{received.pk}/").content.decode()
    assert f'href="/cases/{received.pk}/actions/acknowledge/"' in page
    assert f'href="/cases/{received.pk}/actions/close/"' in page
    assert "/actions/challenge/" not in page
    assert "/actions/transmit/" not in page
    assert "/actions/refuse/" not in page  # the acknowledgement page offers the refusal


def test_acknowledgement_is_confirmed_then_recorded_art_12_3(client, received, state_a):
    url = f"/cases/{received.pk}/actions/acknowledge/"
    form = client.get(url).content.decode()
    assert f'name="version" value="{received.version}"' in form
    data = {"version": received.version, "outcome": "complete"}
    confirm = client.post(url, data)
    page = confirm.content.decode()
    assert confirm.status_code == 200 and "Check your answers" in page
    assert 'name="confirmed" value="yes"' in page
    assert _state(state_a, received).state == "received"  # nothing written yet
    done = client.post(url, {**data, "confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == f"/cases/{received.pk}/"
    case = _state(state_a, received)
    assert case.state == "acknowledged"
    connection.set_tenant(state_a)
    assert set(
        Deadline.objects.filter(case=case, met_at__isnull=True).values_list("rule", flat=True)
    ) == {"status_report"}


def test_refusal_needs_reasons_and_warns_before_it_is_recorded_art_12_8(client, received, state_a):
    url = f"/cases/{received.pk}/actions/acknowledge/"
    response = client.post(url, {"version": received.version, "outcome": "refused"})
    assert response.status_code == 422
    assert "Give the reasons for the refusal (Art 12(8))." in response.content.decode()
    data = {"version": received.version, "outcome": "refused", "reasons": "Not maintenance."}
    confirm = client.post(url, data).content.decode()
    assert "govuk-warning-text" in confirm and "cannot be undone" in confirm
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    assert _state(state_a, received).state == "refused"


def test_documents_requested_with_a_longer_period_art_12_9(client, received, state_a):
    url = f"/cases/{received.pk}/actions/acknowledge/"
    data = {
        "version": received.version,
        "outcome": "documents_requested",
        "documents_requested": ["statement_of_enforceability"],
        "missing_documents_period_months": "4",
        "confirmed": "yes",
    }
    assert client.post(url, data).status_code == 302
    connection.set_tenant(state_a)
    deadline = Deadline.objects.get(case_id=received.pk, rule="missing_documents")
    assert deadline.due == add_months(deadline.anchor, 4)


def test_too_short_a_period_for_documents_is_refused_art_12_9(client, received, state_a):
    url = f"/cases/{received.pk}/actions/acknowledge/"
    data = {
        "version": received.version,
        "outcome": "documents_requested",
        "documents_requested": ["statement_of_enforceability"],
        "missing_documents_period_months": "2",
        "confirmed": "yes",
    }
    response = client.post(url, data)
    assert response.status_code == 422
    assert "three months or more" in response.content.decode()
    assert _state(state_a, received).state == "received"


def test_a_stale_form_is_refused_with_a_clear_message(client, received, caseworker_a, state_a):
    url = f"/cases/{received.pk}/actions/acknowledge/"
    stale_version = received.version
    connection.set_tenant(state_a)
    # Someone else adds a party meanwhile, which changes the case's version.
    services.party_add(user=caseworker_a, case=received, roles=["debtor"], family_name="Hansen")
    connection.set_schema_to_public()
    response = client.post(
        url, {"version": stale_version, "outcome": "complete", "confirmed": "yes"}
    )
    assert response.status_code == 422
    assert "Someone else changed this case" in response.content.decode()
    assert _state(state_a, received).state == "received"


@pytest.mark.parametrize(
    "data",
    [
        {"outcome": "maybe"},
        {"outcome": "complete", "on_day": "32", "on_month": "1", "on_year": "2026"},
        {"outcome": "complete", "version": "abc"},
    ],
)
def test_bad_input_to_a_step_is_refused_and_writes_nothing(client, received, state_a, data):
    url = f"/cases/{received.pk}/actions/acknowledge/"
    response = client.post(url, {"version": received.version, **data, "confirmed": "yes"})
    assert response.status_code == 422
    assert "govuk-error-summary" in response.content.decode()
    assert _state(state_a, received).state == "received"


def test_a_future_event_date_is_refused(client, received, state_a):
    future = datetime.date.today() + datetime.timedelta(days=5)
    response = client.post(
        f"/cases/{received.pk}/actions/close/",
        {
            "version": received.version,
            "on_day": future.day,
            "on_month": future.month,
            "on_year": future.year,
            "confirmed": "yes",
        },
    )
    assert response.status_code == 422
    assert "cannot be in the future" in response.content.decode()
    assert _state(state_a, received).state == "received"


@pytest.fixture
def declared(caseworker_a, received, state_a):
    connection.set_tenant(state_a)
    case = services.case_acknowledge(user=caseworker_a, case=received, outcome="complete")
    for event in ("send_to_competent_authority", "declare_enforceable"):
        case = services.case_apply_event(user=caseworker_a, case=case, event=event)
    connection.set_schema_to_public()
    return case


def test_notifying_a_party_abroad_gives_sixty_days_to_challenge_art_23_6(client, declared, state_a):
    url = f"/cases/{declared.pk}/actions/notify_parties/"
    assert client.get(url).status_code == 200
    data = {"version": declared.version, "resident_abroad": "on", "confirmed": "yes"}
    assert client.post(url, data).status_code == 302
    connection.set_tenant(state_a)
    deadline = Deadline.objects.get(case_id=declared.pk, rule="challenge")
    expected = challenge_due(
        deadline.anchor,
        contesting_party_resident_abroad=True,
        settings=DeadlineSettings(time_zone="Europe/Lisbon"),
    )
    assert deadline.due == expected.due


def test_enforcement_measure_is_chosen_from_article_34(client, declared, state_a):
    url = f"/cases/{declared.pk}/actions/take_enforcement_measure/"
    page = client.get(url).content.decode()
    assert "Wage withholding (Art 34(2)(a))" in page
    bad = client.post(url, {"version": declared.version, "measure": "torture", "confirmed": "yes"})
    assert bad.status_code == 422
    good = {"version": declared.version, "measure": "wage_withholding", "confirmed": "yes"}
    assert client.post(url, good).status_code == 302
    connection.set_tenant(state_a)
    assert Case.objects.get(pk=declared.pk).state == "enforcing"
    event = TimelineEvent.objects.filter(case_id=declared.pk).order_by("-recorded_at").first()
    assert event.details == {"measure": "wage_withholding"}


def test_stop_is_offered_only_after_the_period_for_documents_ran_out_art_12_9(
    client, caseworker_a, make_incoming, state_a
):
    case = make_incoming(
        caseworker_a, received_on=datetime.date.today() - datetime.timedelta(days=200)
    )
    services.case_acknowledge(
        user=caseworker_a,
        case=case,
        outcome="documents_requested",
        documents_requested=["decision_text"],
        on=datetime.date.today() - datetime.timedelta(days=1),
    )
    connection.set_schema_to_public()
    assert "/actions/stop/" not in client.get(f"/cases/{case.pk}/").content.decode()
    assert client.get(f"/cases/{case.pk}/actions/stop/").status_code == 404
    connection.set_tenant(state_a)
    Deadline.objects.filter(case=case, rule="missing_documents").update(
        due=datetime.date.today() - datetime.timedelta(days=2)
    )
    connection.set_schema_to_public()
    assert "/actions/stop/" in client.get(f"/cases/{case.pk}/").content.decode()


@pytest.fixture
def transmitted(caseworker_a, make_transmittable, state_a):
    """An outgoing request, transmitted by post today."""
    connection.set_tenant(state_a)
    case = services.case_transmit(
        user=caseworker_a,
        case=make_transmittable(caseworker_a),
        method="post",
        sent_on=datetime.date.today(),
    )
    connection.set_schema_to_public()
    return case


def test_partners_acknowledgement_is_offered_and_recorded_on_an_outgoing_case_art_12_3(
    client, transmitted, state_a
):
    page = client.get(f"/cases/{transmitted.pk}/").content.decode()
    assert "Record the requested Authority&#x27;s acknowledgement" in page
    assert "/actions/refuse/" not in page  # among the acknowledgement's outcomes
    url = f"/cases/{transmitted.pk}/actions/acknowledge/"
    form = client.get(url).content.decode()
    assert 'name="partner_reference"' in form
    assert "They request documents or information" in form
    assert "Refuse only an application manifestly outside" not in form  # not ours to refuse
    data = {
        "version": transmitted.version,
        "outcome": "documents_requested",
        "documents_requested": ["decision_text"],
        "partner_reference": "NO-2026-4411",
    }
    confirm = client.post(url, data).content.decode()
    assert "NO-2026-4411" in confirm and "Check your answers" in confirm
    done = client.post(url, {**data, "confirmed": "yes"})
    assert done.status_code == 302
    case = _state(state_a, transmitted)
    assert (case.state, case.partner_reference) == ("documents_requested", "NO-2026-4411")
    connection.set_tenant(state_a)
    deadline = Deadline.objects.get(case=case, rule="missing_documents")
    assert deadline.watched is False  # Art 12(9): the documents are ours to supply


def test_partners_refusal_of_an_outgoing_case_is_recorded_with_their_reasons_art_12_8(
    client, transmitted, state_a
):
    url = f"/cases/{transmitted.pk}/actions/acknowledge/"
    data = {"version": transmitted.version, "outcome": "refused", "confirmed": "yes"}
    response = client.post(url, data)
    assert response.status_code == 422
    assert _state(state_a, transmitted).state == "transmitted"
    response = client.post(url, {**data, "reasons": "No legal basis between the States."})
    assert response.status_code == 302
    assert _state(state_a, transmitted).state == "refused"


def test_partner_reference_too_long_or_on_an_incoming_case_writes_nothing(
    client, received, transmitted, state_a
):
    url = f"/cases/{transmitted.pk}/actions/acknowledge/"
    data = {
        "version": transmitted.version,
        "outcome": "complete",
        "partner_reference": "N" * 65,
        "confirmed": "yes",
    }
    assert client.post(url, data).status_code == 422
    assert _state(state_a, transmitted).partner_reference == ""
    # The incoming acknowledgement has no such field: the value is ignored, not stored.
    incoming = f"/cases/{received.pk}/actions/acknowledge/"
    assert 'name="partner_reference"' not in client.get(incoming).content.decode()


def test_another_state_cannot_record_an_acknowledgement_on_a_case(
    transmitted, caseworker_b, state_a
):
    connection.set_schema_to_public()
    other = client_for(HOST_B, caseworker_b)
    url = f"/cases/{transmitted.pk}/actions/acknowledge/"
    assert other.get(url).status_code == 404
    data = {"version": transmitted.version, "outcome": "complete", "confirmed": "yes"}
    assert other.post(url, data).status_code == 404
    assert _state(state_a, transmitted).state == "transmitted"
