"""Registering an incoming application through the web page (Art 12(3)): all or nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from cases import services
from cases.models import Case, Deadline, Document, Party
from convention.deadlines import DeadlineSettings, acknowledgement_due
from tests.cases.conftest import PDF
from tests.conftest import HOST_A, client_for


@pytest.fixture
def client(caseworker_a):
    connection.set_schema_to_public()
    return client_for(HOST_A, caseworker_a)


def _date(prefix: str, day: datetime.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _data(received: datetime.date, **overrides) -> dict:
    data = {
        "requesting_state": "NO",
        "application_type": "art_10_1_a",
        "partner_reference": "NO-2026-77",
        "partner_authority": "NAV Innkreving",
        **_date("received_on", received),
        "method": "post",
        "parties-TOTAL_FORMS": "2",
        "parties-INITIAL_FORMS": "0",
        "parties-MIN_NUM_FORMS": "1",
        "parties-MAX_NUM_FORMS": "20",
        "parties-0-roles": ["creditor"],
        "parties-0-family_name": "Nilsen",
        "parties-0-given_names": "Kari",
        "parties-0-habitual_residence": "NO",
        "parties-0-address": "Storgata 1, Oslo",
        "parties-1-roles": [],
        "documents-TOTAL_FORMS": "1",
        "documents-INITIAL_FORMS": "0",
        "documents-MIN_NUM_FORMS": "0",
        "documents-MAX_NUM_FORMS": "20",
        "documents-0-file": SimpleUploadedFile("vedtak.pdf", PDF, "application/pdf"),
        "documents-0-kind": "decision_text",
        "documents-0-language": "nb",
        "register": "1",
    }
    data.update(overrides)
    return data


def _counts(state) -> tuple[int, int, int]:
    connection.set_tenant(state)
    counts = (Case.objects.count(), Party.objects.count(), Document.objects.count())
    connection.set_schema_to_public()
    return counts


def test_registration_creates_the_acknowledgement_deadline_in_lisbon_time_art_12_3(
    client, state_a, in_state
):
    received = datetime.date.today() - datetime.timedelta(days=2)
    response = client.post("/cases/incoming/new/", _data(received))
    assert response.status_code == 302
    in_state(state_a)
    case = Case.objects.get(partner_reference="NO-2026-77")
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (case.direction, case.state, case.requesting_state) == ("incoming", "received", "NO")
    deadline = Deadline.objects.get(case=case)
    expected = acknowledgement_due(
        services.local_start_of_day(received), settings=DeadlineSettings(time_zone="Europe/Lisbon")
    )
    assert (deadline.rule, deadline.due, deadline.time_zone) == (
        "acknowledgement",
        expected.due,
        "Europe/Lisbon",
    )
    party = Party.objects.get(case=case)
    assert party.is_applicant and party.roles == ["creditor"]
    assert Document.objects.get(case=case).language == "nb"
    connection.set_schema_to_public()
    page = client.get(response["Location"]).content.decode()
    assert "Acknowledge receipt by" in page
    assert "Acknowledgement of receipt (Art <bdi>12(3)</bdi>)" in page


def test_registration_page_offers_other_states_only(client):
    page = client.get("/cases/incoming/new/").content.decode()
    start = page.index('name="requesting_state"')
    requesting = page[start : page.index("</select>", start)]
    assert '<option value="NO">Norway</option>' in requesting
    assert '<option value="PT">' not in requesting
    assert "govuk-date-input" in page and "<legend" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"received_on_day": "31", "received_on_month": "2"}, "Enter a real date"),
        ({"received_on_year": "yyyy"}, "Enter a real date"),
        (_date("received_on", datetime.date.today() + datetime.timedelta(days=3)), "future"),
        ({"application_type": "art_99"}, "Select a valid choice"),
        ({"application_type": ""}, "Choose either an application type or one or more"),
        ({"method": "pigeon"}, "Select a valid choice"),
        ({"requesting_state": "PT"}, "Select a valid choice"),
        ({"parties-0-family_name": ""}, "Give the family name."),
        ({"parties-0-roles": []}, "Choose at least one role."),
        ({"documents-0-kind": "bogus"}, "Select a valid choice"),
        (
            {"documents-0-file": SimpleUploadedFile("empty.pdf", b"", "application/pdf")},
            "The file is empty.",
        ),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(client, state_a, overrides, message):
    before = _counts(state_a)
    received = datetime.date.today() - datetime.timedelta(days=1)
    response = client.post("/cases/incoming/new/", _data(received, **overrides))
    page = response.content.decode()
    assert response.status_code == 422
    assert "govuk-error-summary" in page
    assert message in page
    assert _counts(state_a) == before


def test_a_file_the_service_refuses_rolls_back_the_whole_registration(client, state_a):
    """The case and its party are written before the document is checked by its content: the
    refusal must undo them."""
    before = _counts(state_a)
    received = datetime.date.today() - datetime.timedelta(days=1)
    upload = SimpleUploadedFile("fake.pdf", b"MZ this is no PDF", "application/pdf")
    response = client.post("/cases/incoming/new/", _data(received, **{"documents-0-file": upload}))
    assert response.status_code == 422
    assert "Only PDF, PNG, JPEG, TIFF and XML files are accepted." in response.content.decode()
    assert _counts(state_a) == before


def test_errors_are_translated(client, state_a):
    received = datetime.date.today() + datetime.timedelta(days=3)
    response = client.post("/cases/incoming/new/", _data(received), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 422
    assert 'lang="fr"' in response.content.decode()
    assert (
        "Il y a un problème" in response.content.decode() or "problème" in response.content.decode()
    )


def test_add_another_party_keeps_what_was_typed_and_writes_nothing(client, state_a):
    before = _counts(state_a)
    received = datetime.date.today() - datetime.timedelta(days=1)
    data = _data(received, **{"parties-TOTAL_FORMS": "1", "add_party": "1"})
    del data["register"]
    response = client.post("/cases/incoming/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Nilsen"' in page
    assert 'name="parties-1-family_name"' in page
    assert 'name="parties-TOTAL_FORMS" value="2"' in page
    assert "govuk-error-summary" not in page
    assert _counts(state_a) == before


def test_two_parties_and_specific_measures_are_registered(client, state_a, in_state):
    received = datetime.date.today() - datetime.timedelta(days=1)
    data = _data(
        received,
        application_type="",
        specific_measures=["art_6_2_b"],
        **{
            "parties-1-roles": ["debtor"],
            "parties-1-family_name": "Pereira",
            "parties-1-non_disclosure": "on",
            **_date("parties-1-date_of_birth", datetime.date(1980, 4, 1)),
        },
    )
    response = client.post("/cases/incoming/new/", data)
    assert response.status_code == 302
    in_state(state_a)
    case = Case.objects.get(partner_reference="NO-2026-77")
    assert case.specific_measures == ["art_6_2_b"]
    debtor = Party.objects.get(case=case, is_applicant=False)
    assert debtor.roles == ["debtor"] and debtor.non_disclosure
    assert debtor.person.date_of_birth == datetime.date(1980, 4, 1)


def test_other_states_user_registers_in_their_own_state_only(caseworker_b, state_a):
    connection.set_schema_to_public()
    before = _counts(state_a)
    client = client_for("no.localhost", caseworker_b)
    received = datetime.date.today() - datetime.timedelta(days=1)
    response = client.post("/cases/incoming/new/", _data(received, requesting_state="PT"))
    assert response.status_code == 302
    assert _counts(state_a) == before
