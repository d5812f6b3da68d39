"""Reading a State's cases and persons, for a user: every read checks access first, so no view or
API endpoint can forget. An object that does not exist in this State's schema and one the user
may not see both end in ``Http404``; a user without any role of the State gets
``PermissionDenied``."""

import dataclasses
import datetime
import uuid
from collections.abc import Sequence

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Count, Exists, F, Lookup, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from accounts.permissions import (
    can_see_team_workload,
    can_view_cases,
    can_view_persons,
    can_view_restricted_information,
)
from cases.engine import state_today
from cases.models import (
    ApplicationParticulars,
    Case,
    Deadline,
    Decision,
    Document,
    Note,
    Party,
    Person,
    Task,
    TimelineEvent,
)
from convention.workflow import CaseState
from encryption.search import search_values


def require_reader(user) -> None:
    if not can_view_cases(user):
        raise PermissionDenied


def person_get_for_user(*, user, person_id: uuid.UUID) -> Person:
    if not can_view_persons(user):
        raise PermissionDenied
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


@dataclasses.dataclass(frozen=True)
class PersonDisclosure:
    """Whether a person's address, e-mail and telephone are restricted (Art 40: a party of any
    case refers to the person under a non-disclosure determination) and whether this user may
    see them (``can_view_restricted_information``), as ``party_shows_restricted`` decides for a
    party."""

    restricted_parties: list[Party]
    shows_restricted: bool

    @property
    def restricted(self) -> bool:
        return bool(self.restricted_parties)

    @property
    def disclosed_parties(self) -> list[Party]:
        """The restricted parties whose values a page showing the person discloses (each such
        view is audited)."""
        return self.restricted_parties if self.shows_restricted else []


def person_disclosure_for_user(*, user, person: Person) -> PersonDisclosure:
    """Art 40 for a person the user has already been given (through ``person_get_for_user``):
    the parties that restrict the person's contact details, and whether the user may see them.
    A person is restricted as soon as one party of any case, this user's or not, is under a
    non-disclosure determination."""
    if not can_view_persons(user):
        raise PermissionDenied
    restricted_parties = list(
        person.parties.filter(non_disclosure=True).only("id", "case_id", "person_id")
    )
    return PersonDisclosure(
        restricted_parties=restricted_parties,
        shows_restricted=not restricted_parties or can_view_restricted_information(user),
    )


PERSONS_SHOWN = 50


@dataclasses.dataclass(frozen=True)
class PersonSearchResult:
    """How many persons match, and the first ``PERSONS_SHOWN`` of them (the earliest recorded),
    sorted by name: a common family name is borne by a thousand persons, too many to read, so
    the page asks for a date of birth to narrow the search rather than decrypt them all."""

    total: int
    persons: list[Person]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.persons)


def person_search_for_user(
    *, user, family_name: str = "", date_of_birth: datetime.date | None = None
) -> PersonSearchResult:
    if not can_view_persons(user):
        raise PermissionDenied
    # The ids of the matches first (only the searched columns are decrypted), then the persons
    # shown, whole.
    ids = search_values(
        Person.objects.order_by("created_at", "id"),
        "pk",
        flat=True,
        family_name=family_name,
        date_of_birth=date_of_birth,
    )
    shown = list(Person.objects.filter(pk__in=ids[:PERSONS_SHOWN]))
    shown.sort(key=lambda p: ((p.family_name or "").casefold(), (p.given_names or "").casefold()))
    return PersonSearchResult(total=len(ids), persons=shown)


def case_get_for_user(*, user, case_id: uuid.UUID | str, for_update: bool = False) -> Case:
    require_reader(user)
    try:
        case_id = uuid.UUID(str(case_id))
    except ValueError:
        raise Http404 from None
    # The decision and the particulars come in the same query (a case has at most one of each):
    # the case's pages, the engine and the Convention forms read them.
    queryset = Case.objects.select_related("responsible", "decision", "particulars")
    case = queryset.filter(pk=case_id).first()
    if case is None:
        raise Http404
    return case


@dataclasses.dataclass(frozen=True)
class CaseRecords:
    """The records of one case that its pages, the Convention engine and the Convention forms
    read, each loaded once (``case_records_for_user``): the parties with their persons, the
    documents the user may see (an Art 40 restricted page only to those allowed), the decision
    and the application's particulars. A page loads them once and passes them on; neither a
    view nor the engine nor the forms reads a case's related records on its own."""

    case: Case
    parties: list[Party]
    documents: list[Document]
    decision: Decision | None
    particulars: ApplicationParticulars | None

    @property
    def supporting_documents(self) -> list[Document]:
        """The documents that are not a generated Convention form."""
        return [document for document in self.documents if not document.generated_form]

    @property
    def applicant(self) -> Party | None:
        return next((party for party in self.parties if party.is_applicant), None)

    def section(self, key: str) -> dict:
        """One section of the application's particulars (empty when none was recorded)."""
        return self.particulars.section(key) if self.particulars else {}

    def has_generated(self, form_code: str) -> bool:
        return any(document.generated_form == form_code for document in self.documents)


def _one_to_one(case: Case, name: str):
    """The case's decision or particulars (None if it has none), from the case query when
    ``case_get_for_user`` loaded it with the case, else read now."""
    try:
        return getattr(case, name)
    except ObjectDoesNotExist:
        return None


def case_decision(*, user, case: Case) -> Decision | None:
    """The decision of a case the user has already been given (through ``case_get_for_user``,
    which reads it with the case)."""
    require_reader(user)
    return _one_to_one(case, "decision")


def case_records_for_user(*, user, case: Case) -> CaseRecords:
    """The records of a case the user has already been given (through ``case_get_for_user``)."""
    return CaseRecords(
        case=case,
        parties=case_parties(user=user, case=case),
        documents=document_list_for_user(user=user, case=case),
        decision=_one_to_one(case, "decision"),
        particulars=_one_to_one(case, "particulars"),
    )


def case_get_by_reference_for_user(*, user, reference: str) -> Case:
    require_reader(user)
    case = Case.objects.select_related("responsible").filter(reference=reference).first()
    if case is None:
        raise Http404
    return case


@dataclasses.dataclass(frozen=True)
class CaseFilters:
    """What a case list may be narrowed by. Empty values do not filter."""

    reference: str = ""
    partner_reference: str = ""
    family_name: str = ""
    date_of_birth: datetime.date | None = None
    direction: str = ""
    states: tuple[str, ...] = ()
    application_type: str = ""
    partner_state: str = ""
    responsible: str = ""  # a user id, "me" or "unassigned"
    overdue: bool = False
    open_only: bool = False

    def is_empty(self) -> bool:
        return self == CaseFilters()


def _open_deadlines():
    return Deadline.objects.filter(case=OuterRef("pk"), met_at__isnull=True)


class _AnyId(Lookup):
    """``column = ANY(%s::uuid[])`` with the ids as one array literal. ``IN (...)`` renders
    one literal per value, which Django builds and PostgreSQL parses one by one; a list
    parameter is quoted element by element on the client. For the hundreds of ids a common
    family name finds, each costs milliseconds. The values are ``uuid.UUID`` (read from the
    database), so their text needs no quoting inside the literal."""

    lookup_name = "any_id"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        ids = "{" + ",".join(str(value) for value in self.rhs) + "}"
        return f"{lhs} = ANY(%s::uuid[])", (*params, ids)


def case_ids_with_party(*, family_name: str, date_of_birth: datetime.date | None) -> list:
    """The ids of the cases with a party who bears this family name and/or date of birth, case
    and accents folded (as ``Person.objects.search``).

    Two steps. The persons first: their blind indexes narrow them and ``search_values``
    confirms the candidates by decrypting only the searched columns (a common name has a
    thousand candidates, and as many false positives as the index's width lets through). Then
    their parties' case ids, probing the parties' person index with one array of ids. Asked as
    one join, the planner hashes every party of the State once a blind-index value is common
    (a sequential scan of 300,000 parties: 37 ms at the median for the most common name, against
    4 ms for the persons' step). The case ids are resolved here, before the cases are filtered:
    with the parties as a subquery of the case query, the planner may walk all cases newest first
    and probe each one's parties (250 ms for a common name at 100,000 cases)."""
    person_ids = search_values(
        Person.objects.order_by(),
        "pk",
        flat=True,
        family_name=family_name,
        date_of_birth=date_of_birth,
    )
    if not person_ids:
        return []
    return list(
        Party.objects.filter(_AnyId(F("person_id"), person_ids))
        .order_by()
        .values_list("case_id", flat=True)
        .distinct()
    )


def case_list_for_user(*, user, filters: CaseFilters = CaseFilters()) -> QuerySet[Case]:
    """The cases matching ``filters``, newest first, with ``next_due`` (the earliest open
    deadline) annotated. Searching by family name or date of birth goes through the blind
    indexes: only the few candidate persons are decrypted, never a whole table."""
    require_reader(user)
    # A correlated subquery, not a Min over a join: PostgreSQL computes it for the rows a page
    # shows only, and a count() leaves it out, where an aggregate groups every matching case
    # before the sort and the limit (400 ms for the first page of 100,000 cases).
    cases = Case.objects.select_related("responsible").annotate(
        next_due=Subquery(_open_deadlines().order_by("due").values("due")[:1])
    )
    if filters.reference:
        cases = cases.filter(reference__iexact=filters.reference.strip())
    if filters.partner_reference:
        cases = cases.filter(partner_reference__iexact=filters.partner_reference.strip())
    if filters.family_name or filters.date_of_birth:
        case_ids = case_ids_with_party(
            family_name=filters.family_name.strip(), date_of_birth=filters.date_of_birth
        )
        cases = cases.filter(_AnyId(F("pk"), case_ids)) if case_ids else cases.none()
    if filters.direction:
        cases = cases.filter(direction=filters.direction)
    if filters.states:
        cases = cases.filter(state__in=filters.states)
    if filters.open_only:
        cases = cases.exclude(state=CaseState.CLOSED.value)
    if filters.application_type:
        cases = cases.filter(application_type=filters.application_type)
    if filters.partner_state:
        code = filters.partner_state.upper()
        cases = cases.filter(
            Q(direction="outgoing", requested_state=code)
            | Q(direction="incoming", requesting_state=code)
        )
    if filters.responsible == "me":
        cases = cases.filter(responsible=user)
    elif filters.responsible == "unassigned":
        cases = cases.filter(responsible__isnull=True)
    elif filters.responsible:
        try:
            cases = cases.filter(responsible_id=uuid.UUID(filters.responsible))
        except ValueError:
            cases = cases.none()
    if filters.overdue:
        cases = cases.filter(Exists(_open_deadlines().filter(due__lt=state_today())))
    return cases.order_by("-created_at", "-id")


def case_parties(*, user, case: Case) -> list[Party]:
    """The parties of a case the user has already been given (through ``case_get_for_user``)."""
    require_reader(user)
    return list(case.parties.select_related("person", "represents"))


def party_shows_restricted(*, user, party: Party) -> bool:
    """Whether the user may see this party's address and contact details (Art 40)."""
    return not party.non_disclosure or can_view_restricted_information(user)


def party_get_for_user(*, user, case: Case, party_id) -> Party:
    require_reader(user)
    try:
        party = case.parties.select_related("person").filter(pk=uuid.UUID(str(party_id))).first()
    except ValueError:
        party = None
    if party is None:
        raise Http404
    return party


def _documents_for(user, case: Case) -> QuerySet:
    """The documents of the case the user may see: a generated form's Art 40 restricted page
    only for users allowed to see restricted information."""
    require_reader(user)
    documents = case.documents.order_by("created_at", "id")
    if not can_view_restricted_information(user):
        documents = documents.exclude(generated_form__endswith=Document.RESTRICTED_FORM_SUFFIX)
    return documents


def document_list_for_user(*, user, case: Case) -> list[Document]:
    """The documents of a case the user has already been given (through ``case_get_for_user``)."""
    return list(_documents_for(user, case))


def document_get_for_user(*, user, case: Case, document_id) -> Document:
    try:
        document = _documents_for(user, case).filter(pk=uuid.UUID(str(document_id))).first()
    except ValueError:
        document = None
    if document is None:
        raise Http404
    return document


def task_get_for_user(*, user, case: Case, task_id) -> Task:
    require_reader(user)
    try:
        task = case.tasks.filter(pk=uuid.UUID(str(task_id))).first()
    except ValueError:
        task = None
    if task is None:
        raise Http404
    return task


def case_notes(*, user, case: Case) -> list[Note]:
    """The notes of a case, newest first, with their authors."""
    require_reader(user)
    return list(case.notes.select_related("author").order_by("-created_at"))


def case_tasks(*, user, case: Case) -> list[Task]:
    require_reader(user)
    return list(case.tasks.select_related("assigned_to"))


def deadline_list_for_user(*, user, overdue: bool = False, open_only: bool = True) -> QuerySet:
    """Deadlines across the State's cases, with their case; overdue ones are open and past
    their due date in the State's time zone."""
    require_reader(user)
    deadlines = Deadline.objects.select_related("case")
    if open_only or overdue:
        deadlines = deadlines.filter(met_at__isnull=True)
    if overdue:
        deadlines = deadlines.filter(due__lt=state_today())
    return deadlines


def case_timeline_events(*, case: Case, events: Sequence[str]) -> list[TimelineEvent]:
    """The case's workflow events of these kinds, oldest first (for the Convention forms that
    report them); the caller was given the case through ``case_get_for_user``."""
    return list(case.timeline.filter(workflow_event__in=list(events)).order_by("occurred_at"))


def case_latest_generated(*, case: Case, form_code: str) -> Document | None:
    """The newest generated Convention form of this code on the case (for a status report's
    "subsequent" mark); the caller was given the case through ``case_get_for_user``."""
    return case.documents.filter(generated_form=form_code).order_by("-created_at").first()


def case_deadlines(*, user, case: Case) -> list[Deadline]:
    require_reader(user)
    return list(case.deadlines.order_by("met_at", "due"))


def case_timeline(*, user, case: Case) -> list[TimelineEvent]:
    require_reader(user)
    return list(case.timeline.select_related("actor"))


@dataclasses.dataclass(frozen=True)
class Dashboard:
    today: datetime.date
    overdue: list[Deadline]
    due_this_week: list[Deadline]
    my_cases: list[Case]
    my_tasks: list[Task]
    recent_events: list[TimelineEvent]
    workload: list[dict] | None


def dashboard_for_user(*, user, limit: int = 20) -> Dashboard:
    """What a caseworker sees first: overdue deadlines and those due within seven days (their
    own cases first), their open cases and tasks, the latest events; supervisors also see the
    team's workload."""
    require_reader(user)
    today = state_today()
    open_deadlines = (
        Deadline.objects.filter(met_at__isnull=True)
        .select_related("case", "case__responsible")
        .order_by("due")
    )
    workload = None
    if can_see_team_workload(user):
        workload = list(
            Case.objects.open()
            .values("responsible__email")
            .annotate(
                open_cases=Count("id"),
                overdue=Count(
                    "deadlines",
                    filter=Q(deadlines__met_at__isnull=True, deadlines__due__lt=today),
                ),
            )
            .order_by("responsible__email")
        )
    return Dashboard(
        today=today,
        overdue=list(open_deadlines.filter(due__lt=today)[:limit]),
        due_this_week=list(
            open_deadlines.filter(due__gte=today, due__lte=today + datetime.timedelta(days=7))[
                :limit
            ]
        ),
        my_cases=list(
            case_list_for_user(user=user, filters=CaseFilters(responsible="me", open_only=True))[
                :limit
            ]
        ),
        my_tasks=list(
            Task.objects.filter(assigned_to=user, done_at__isnull=True)
            .select_related("case")
            .order_by("due")[:limit]
        ),
        recent_events=list(
            TimelineEvent.objects.select_related("case", "actor").order_by("-recorded_at")[:limit]
        ),
        workload=workload,
    )


def case_workers_for_user(*, user) -> list:
    """The State's active caseworkers and supervisors, to give cases and tasks to (ordered by
    e-mail address). The roles are those ``permissions.can_work_cases`` accepts."""
    from django.contrib.auth import get_user_model

    from accounts.roles import StateRole

    require_reader(user)
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[StateRole.CASEWORKER.value, StateRole.SUPERVISOR.value],
        )
        .distinct()
        .order_by("email")
    )


def authority_details_latest(*, exclude_case: Case | None = None) -> dict:
    """The Central Authority's contact details (address, telephone, contact person) as last
    recorded on a case of this State, so that the forms' wizard asks for them once. They are the
    Authority's own, not personal data of a party."""
    latest = ApplicationParticulars.objects.order_by("-updated_at").only("values")
    if exclude_case is not None:
        latest = latest.exclude(case=exclude_case)
    for particulars in latest[:5]:
        details = particulars.section("authority")
        if details:
            return details
    return {}
