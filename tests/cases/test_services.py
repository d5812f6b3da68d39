import datetime

import pytest
from django.core.exceptions import PermissionDenied

from accounts.roles import StateRole
from audit.models import AuditEntry
from audit.services import audit_verify
from cases import services
from cases.models import Case, Deadline
from convention.deadlines import DeadlineSettings, acknowledgement_due, status_report_due
from convention.vocabulary import LegalBasis
from tests.cases.conftest import PDF


def test_outgoing_case_gets_the_states_next_reference_and_legal_basis(caseworker_a, make_outgoing):
    first = make_outgoing(caseworker_a, parties=False)
    second = make_outgoing(caseworker_a, parties=False)
    year = datetime.date.today().year
    assert first.reference.startswith(f"PT-{year}-")
    assert int(second.reference.rsplit("-", 1)[1]) == int(first.reference.rsplit("-", 1)[1]) + 1
    assert first.legal_basis == LegalBasis.HAGUE_2007.value
    assert first.state == "new"
    assert first.responsible == caseworker_a


def test_incoming_registration_starts_acknowledgement_clock_in_state_time_zone_art_12_3(
    caseworker_a, make_incoming
):
    received = datetime.date.today() - datetime.timedelta(days=3)
    case = make_incoming(caseworker_a, received_on=received)
    deadline = case.deadlines.get()
    expected = acknowledgement_due(received, settings=DeadlineSettings(time_zone="Europe/Lisbon"))
    assert (deadline.rule, deadline.anchor, deadline.due) == (
        "acknowledgement",
        received,
        expected.due,
    )
    assert deadline.time_zone == "Europe/Lisbon"
    assert case.state == "received"


def test_acknowledging_as_complete_starts_the_status_report_clock_art_12_4(
    caseworker_a, make_incoming
):
    case = make_incoming(caseworker_a)
    today = datetime.date.today()
    case = services.case_acknowledge(user=caseworker_a, case=case, outcome="complete", on=today)
    open_rules = {d.rule: d for d in case.deadlines.filter(met_at__isnull=True)}
    assert set(open_rules) == {"status_report"}
    expected = status_report_due(today, settings=DeadlineSettings(time_zone="Europe/Lisbon"))
    assert (open_rules["status_report"].anchor, open_rules["status_report"].due) == (
        today,
        expected.due,
    )
    assert case.deadlines.get(rule="acknowledgement").met_at is not None


def test_refusal_needs_reasons_art_12_8(caseworker_a, make_incoming):
    case = make_incoming(caseworker_a)
    with pytest.raises(services.CaseError) as error:
        services.case_acknowledge(user=caseworker_a, case=case, outcome="refused")
    assert error.value.field == "reasons"
    case.refresh_from_db()
    assert case.state == "received"
    refused = services.case_acknowledge(
        user=caseworker_a, case=case, outcome="refused", reasons="Not a maintenance matter."
    )
    assert refused.state == "refused"


def test_documents_requested_opens_the_missing_documents_clock_art_12_9(
    caseworker_a, make_incoming
):
    case = make_incoming(caseworker_a)
    case = services.case_acknowledge(
        user=caseworker_a,
        case=case,
        outcome="documents_requested",
        documents_requested=["decision_text"],
    )
    assert case.state == "documents_requested"
    assert set(case.deadlines.filter(met_at__isnull=True).values_list("rule", flat=True)) == {
        "status_report",
        "missing_documents",
    }


def test_transmission_needs_a_valid_application_and_the_transmittal_art_12_2(
    caseworker_a, make_outgoing
):
    case = make_outgoing(caseworker_a, parties=False)
    with pytest.raises(services.CaseError) as error:
        services.case_transmit(
            user=caseworker_a, case=case, method="post", sent_on=datetime.date.today()
        )
    assert error.value.code == "findings"
    assert Case.objects.get(pk=case.pk).state == "new"


def test_auditor_cannot_create_or_change_cases(state_a, make_user, caseworker_a, make_outgoing):
    auditor = make_user(state_a, StateRole.AUDITOR)
    with pytest.raises(PermissionDenied):
        services.case_create_outgoing(
            user=auditor, requested_state="NO", application_type="art_10_1_c"
        )
    case = make_outgoing(caseworker_a, parties=False)
    with pytest.raises(PermissionDenied):
        services.note_add(user=auditor, case=case, text="x")


def test_bad_input_writes_nothing(caseworker_a):
    before = Case.objects.count()
    for kwargs in (
        {"requested_state": "XX", "application_type": "art_10_1_c"},
        {"requested_state": "PT", "application_type": "art_10_1_c"},
        {"requested_state": "NO", "application_type": "nonsense"},
        {"requested_state": "NO"},
        {
            "requested_state": "NO",
            "application_type": "art_10_1_c",
            "specific_measures": ["art_6_2_b"],
        },
    ):
        with pytest.raises(services.CaseError):
            services.case_create_outgoing(user=caseworker_a, **kwargs)
    assert Case.objects.count() == before


def test_document_is_stored_encrypted_and_read_back(caseworker_a, make_outgoing, settings):
    case = make_outgoing(caseworker_a, parties=False)
    document = services.document_add(
        user=caseworker_a,
        case=case,
        content=PDF,
        file_name="../../etc/decision.pdf",
        content_type="application/pdf",
        kind="decision_text",
        language="pt",
    )
    assert document.file_name == "decision.pdf"
    from django.core.files.storage import storages

    with storages["documents"].open(document.storage_name, "rb") as stored:
        assert PDF not in stored.read()
    assert services.document_content(user=caseworker_a, document=document) == PDF


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty_file"),
        (b"MZ\x90\x00 executable", "file_type"),
        (b"%PDF" + b"x" * 64, "file_too_large"),
    ],
)
def test_bad_uploads_are_refused(caseworker_a, make_outgoing, settings, content, code):
    settings.ISUPPORT_MAX_DOCUMENT_BYTES = 32
    case = make_outgoing(caseworker_a, parties=False)
    with pytest.raises(services.CaseError) as error:
        services.document_add(
            user=caseworker_a,
            case=case,
            content=content,
            file_name="x.pdf",
            content_type="application/pdf",
            kind="decision_text",
            language="pt",
        )
    assert error.value.code == code
    assert not case.documents.exists()


def test_audit_verification_detects_an_edited_entry(caseworker_a, make_incoming):
    make_incoming(caseworker_a)
    assert audit_verify() == []
    entry = AuditEntry.objects.in_chain_order().first()
    AuditEntry.objects.filter(pk=entry.pk).update(action="view")
    problems = audit_verify()
    assert [p.sequence for p in problems] == [entry.sequence]


def test_audit_verification_detects_a_deleted_entry(caseworker_a, make_incoming):
    make_incoming(caseworker_a)
    make_incoming(caseworker_a)
    entries = list(AuditEntry.objects.in_chain_order())
    AuditEntry.objects.filter(pk=entries[1].pk).delete()
    assert audit_verify()
    AuditEntry.objects.filter(pk=entries[-1].pk).delete()
    assert any("removed" in p.problem for p in audit_verify())


def test_overdue_filter_uses_the_state_day(caseworker_a, make_incoming):
    from cases.selectors import CaseFilters, case_list_for_user

    old = make_incoming(
        caseworker_a, received_on=datetime.date.today() - datetime.timedelta(days=60)
    )
    fresh = make_incoming(caseworker_a)
    overdue = case_list_for_user(user=caseworker_a, filters=CaseFilters(overdue=True))
    assert list(overdue) == [old]
    assert fresh not in overdue
    assert Deadline.objects.filter(case=old, met_at__isnull=True).count() == 1


def _transmitted(user, make_transmittable):
    case = make_transmittable(user)
    return services.case_transmit(
        user=user, case=case, method="post", sent_on=datetime.date.today()
    )


def test_partners_acknowledgement_of_an_outgoing_case_is_recorded_with_their_reference(
    caseworker_a, make_transmittable
):
    """Art 12(3): the requested Authority acknowledges; the requesting one records the
    Acknowledgement form it received. The status-report clock then runs in the partner's time
    zone, watched."""
    case = _transmitted(caseworker_a, make_transmittable)
    today = datetime.date.today()
    case = services.case_acknowledge(
        user=caseworker_a, case=case, outcome="complete", on=today, partner_reference=" NO-77/26 "
    )
    assert (case.state, case.partner_reference) == ("acknowledged", "NO-77/26")
    assert case.deadlines.get(rule="acknowledgement").met_at is not None
    report = case.deadlines.get(rule="status_report")
    expected = status_report_due(today, settings=DeadlineSettings(time_zone="Europe/Oslo"))
    assert (report.anchor, report.due, report.time_zone, report.watched) == (
        today,
        expected.due,
        "Europe/Oslo",
        True,
    )


def test_documents_the_partner_requests_are_this_authoritys_to_supply_art_12_9(
    caseworker_a, make_transmittable, make_incoming
):
    outgoing = services.case_acknowledge(
        user=caseworker_a,
        case=_transmitted(caseworker_a, make_transmittable),
        outcome="documents_requested",
        documents_requested=["decision_text"],
    )
    assert outgoing.deadlines.get(rule="missing_documents").watched is False
    incoming = services.case_acknowledge(
        user=caseworker_a,
        case=make_incoming(caseworker_a),
        outcome="documents_requested",
        documents_requested=["decision_text"],
    )
    assert incoming.deadlines.get(rule="missing_documents").watched is True
    assert incoming.deadlines.get(rule="status_report").watched is False


def test_partners_refusal_of_an_outgoing_case_is_recorded_art_12_8(
    caseworker_a, make_transmittable
):
    case = _transmitted(caseworker_a, make_transmittable)
    refused = services.case_acknowledge(
        user=caseworker_a, case=case, outcome="refused", reasons="Outside the Convention."
    )
    assert refused.state == "refused"
    assert not refused.deadlines.filter(met_at__isnull=True).exists()


def test_partner_reference_is_refused_on_an_incoming_acknowledgement_and_when_too_long(
    caseworker_a, make_transmittable, make_incoming
):
    incoming = make_incoming(caseworker_a)
    with pytest.raises(services.CaseError) as error:
        services.case_acknowledge(
            user=caseworker_a, case=incoming, outcome="complete", partner_reference="X-1"
        )
    assert (error.value.code, error.value.field) == ("not_outgoing", "partner_reference")
    outgoing = _transmitted(caseworker_a, make_transmittable)
    with pytest.raises(services.CaseError) as error:
        services.case_acknowledge(
            user=caseworker_a, case=outgoing, outcome="complete", partner_reference="R" * 65
        )
    assert error.value.code == "too_long"
    assert Case.objects.get(pk=incoming.pk).state == "received"
    assert Case.objects.get(pk=outgoing.pk).state == "transmitted"


def test_too_long_partner_values_at_registration_write_nothing(caseworker_a):
    before = Case.objects.count()
    for values in ({"partner_reference": "R" * 65}, {"partner_authority": "A" * 201}):
        with pytest.raises(services.CaseError) as error:
            services.case_register_incoming(
                user=caseworker_a,
                requesting_state="NO",
                received_on=datetime.date.today(),
                method="post",
                application_type="art_10_1_c",
                **values,
            )
        assert error.value.code == "too_long"
    assert Case.objects.count() == before


@pytest.mark.parametrize(
    ("missing", "value"),
    [
        ("starts_on", None),
        ("decision_date", None),
        ("authority", ""),
        ("frequency", "every_full_moon"),
        ("authority", "x" * 201),
    ],
)
def test_decision_with_a_missing_or_wrong_item_is_refused_by_the_service(
    caseworker_a, make_outgoing, missing, value
):
    """The service refuses what the database would (a message may reach it without a form)."""
    case = make_outgoing(caseworker_a)
    values = {
        "authority": "Tribunal de Lisboa",
        "decision_date": datetime.date(2024, 5, 2),
        "state_of_origin": "PT",
        "amount": 250,
        "currency": "EUR",
        "frequency": "monthly",
        "starts_on": datetime.date(2024, 6, 1),
        missing: value,
    }
    entries = AuditEntry.objects.count()
    with pytest.raises(services.CaseError) as error:
        services.decision_record(user=caseworker_a, case=case, **values)
    assert error.value.field == missing
    assert not hasattr(Case.objects.get(pk=case.pk), "decision")
    assert AuditEntry.objects.count() == entries
