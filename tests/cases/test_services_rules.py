"""Rules the case services enforce themselves, whatever calls them (UI, API, commands):

- an application has at most one applicant (``party_add`` refuses a second one);
- cases and tasks are given only to an active caseworker or supervisor account of the current
  State (``require_state_worker``): never to an auditor, a deactivated account or an account of
  another State.

Every refusal writes nothing: no row, no version change, no audit entry."""

import datetime

import pytest

from accounts.roles import StateRole
from audit.models import AuditEntry
from cases import services
from cases.models import Case, CaseReferenceCounter, Deadline, Party, Task, TimelineEvent


@pytest.fixture
def auditor_a(state_a, make_user):
    return make_user(state_a, StateRole.AUDITOR)


@pytest.fixture
def supervisor_a(state_a, make_user):
    return make_user(state_a, StateRole.SUPERVISOR)


@pytest.fixture
def inactive_caseworker_a(state_a, make_user):
    return make_user(state_a, StateRole.CASEWORKER, is_active=False)


@pytest.fixture
def worker_of_state_b(state_a, state_b, make_user, in_state):
    """A caseworker account of Norway; the connection is switched back to Portugal."""
    user = make_user(state_b, StateRole.CASEWORKER)
    in_state(state_a)
    return user


def _snapshot():
    """The counts a refused service must leave as they were, in the current schema."""
    return {
        "cases": Case.objects.count(),
        "parties": Party.objects.count(),
        "tasks": Task.objects.count(),
        "deadlines": Deadline.objects.count(),
        "timeline": TimelineEvent.objects.count(),
        "audit": AuditEntry.objects.count(),
        "reference_counters": list(
            CaseReferenceCounter.objects.order_by("pk").values_list("pk", "last_number")
        ),
    }


def _assert_not_a_caseworker(error, field):
    assert error.value.code == "not_a_caseworker"
    assert error.value.field == field


# --- One applicant per application -----------------------------------------------------------


def test_party_add_refuses_a_second_applicant_and_writes_nothing(
    caseworker_a, make_outgoing, in_state, state_a
):
    case = make_outgoing(caseworker_a)  # has an applicant creditor already
    assert case.parties.filter(is_applicant=True).count() == 1
    parties_before = list(case.parties.order_by("pk").values_list("pk", flat=True))
    version_before = case.version
    before = _snapshot()

    with pytest.raises(services.CaseError) as error:
        services.party_add(
            user=caseworker_a,
            case=case,
            roles=["creditor"],
            is_applicant=True,
            family_name="Costa",
            given_names="Maria",
            date_of_birth=datetime.date(1990, 1, 1),
        )

    assert error.value.code == "applicant_exists"
    assert error.value.field == "is_applicant"
    case.refresh_from_db()
    assert case.version == version_before
    assert list(case.parties.order_by("pk").values_list("pk", flat=True)) == parties_before
    assert case.parties.filter(is_applicant=True).count() == 1
    assert _snapshot() == before


def test_party_add_accepts_a_non_applicant_party_beside_the_applicant(caseworker_a, make_outgoing):
    """The one-applicant rule refuses only a second applicant, not other parties."""
    case = make_outgoing(caseworker_a)
    count, version = case.parties.count(), case.version
    services.party_add(
        user=caseworker_a, case=case, roles=["creditor"], is_applicant=False, family_name="Costa"
    )
    case.refresh_from_db()
    assert case.parties.count() == count + 1
    assert case.parties.filter(is_applicant=True).count() == 1
    assert case.version == version + 1


# --- Cases are given only to this State's active caseworkers or supervisors -------------------

# Who may not be given a case or a task: an auditor, a deactivated caseworker, a caseworker of
# another State (the fixtures of this module).
NOT_WORKERS = ["auditor_a", "inactive_caseworker_a", "worker_of_state_b"]


@pytest.mark.parametrize("who", NOT_WORKERS)
def test_case_create_outgoing_refuses_a_responsible_who_is_not_a_worker_here(
    caseworker_a, request, who
):
    responsible = request.getfixturevalue(who)
    before = _snapshot()
    with pytest.raises(services.CaseError) as error:
        services.case_create_outgoing(
            user=caseworker_a,
            requested_state="NO",
            application_type="art_10_1_c",
            responsible=responsible,
        )
    _assert_not_a_caseworker(error, "responsible")
    assert _snapshot() == before


def test_case_create_outgoing_gives_the_case_to_its_creator_by_default(caseworker_a):
    before = Case.objects.count()
    case = services.case_create_outgoing(
        user=caseworker_a, requested_state="NO", application_type="art_10_1_c"
    )
    assert Case.objects.count() == before + 1
    assert Case.objects.get(pk=case.pk).responsible == caseworker_a


def test_case_create_outgoing_accepts_a_supervisor_of_this_state_as_responsible(
    caseworker_a, supervisor_a
):
    case = services.case_create_outgoing(
        user=caseworker_a,
        requested_state="NO",
        application_type="art_10_1_c",
        responsible=supervisor_a,
    )
    assert Case.objects.get(pk=case.pk).responsible == supervisor_a


@pytest.mark.parametrize("who", ["auditor_a", "worker_of_state_b"])
def test_case_register_incoming_refuses_a_responsible_who_is_not_a_worker_here(
    caseworker_a, request, who
):
    responsible = request.getfixturevalue(who)
    before = _snapshot()
    with pytest.raises(services.CaseError) as error:
        services.case_register_incoming(
            user=caseworker_a,
            requesting_state="NO",
            received_on=datetime.date.today() - datetime.timedelta(days=1),
            method="post",
            application_type="art_10_1_c",
            partner_reference="NO-REF-1",
            responsible=responsible,
        )
    _assert_not_a_caseworker(error, "responsible")
    assert _snapshot() == before


@pytest.mark.parametrize("who", NOT_WORKERS)
def test_case_reassign_refuses_a_person_who_is_not_a_worker_here(
    caseworker_a, supervisor_a, make_incoming, request, who
):
    responsible = request.getfixturevalue(who)
    case = make_incoming(caseworker_a)
    version = case.version
    before = _snapshot()
    with pytest.raises(services.CaseError) as error:
        services.case_reassign(user=supervisor_a, case=case, responsible=responsible)
    _assert_not_a_caseworker(error, "responsible")
    case.refresh_from_db()
    assert (case.responsible, case.version) == (caseworker_a, version)
    assert _snapshot() == before


def test_case_reassign_accepts_a_caseworker_of_this_state(
    caseworker_a, supervisor_a, make_user, state_a, make_incoming
):
    colleague = make_user(state_a, StateRole.CASEWORKER)
    case = make_incoming(caseworker_a)
    version = case.version
    services.case_reassign(user=supervisor_a, case=case, responsible=colleague)
    case.refresh_from_db()
    assert (case.responsible, case.version) == (colleague, version + 1)


# --- Tasks are assigned only to this State's active caseworkers or supervisors ----------------


@pytest.mark.parametrize("who", ["auditor_a", "worker_of_state_b"])
def test_task_add_refuses_an_assignee_who_is_not_a_worker_here(
    caseworker_a, make_incoming, request, who
):
    assignee = request.getfixturevalue(who)
    case = make_incoming(caseworker_a)
    before = _snapshot()
    with pytest.raises(services.CaseError) as error:
        services.task_add(
            user=caseworker_a, case=case, title="Call the court", assigned_to=assignee
        )
    _assert_not_a_caseworker(error, "assigned_to")
    assert not case.tasks.exists()
    assert _snapshot() == before


def test_task_add_assigns_the_task_to_its_creator_by_default(caseworker_a, make_incoming):
    case = make_incoming(caseworker_a)
    task = services.task_add(user=caseworker_a, case=case, title="Call the court")
    assert Task.objects.get(pk=task.pk).assigned_to == caseworker_a
