"""The caseworker pages. Thin: parse the input with a form, read through ``selectors`` (which
raise Http404 for an unknown case or one of another State), change through ``services``, render.

Every page and action is a real link or form that works without JavaScript; htmx only changes
where a response goes (the case list's results region). Names never reach a URL: the case list's
search by a party's name is posted and kept in the session.
"""

import dataclasses
import datetime
import io
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import (
    can_manage_users,
    can_reassign_cases,
    can_see_team_workload,
    can_view_cases,
    can_work_cases,
)
from cases import selectors, services
from cases.convention_forms.views import forms_panel
from cases.engine import state_today
from cases.errors import CaseError, StaleCaseError
from cases.forms import (
    AcknowledgeForm,
    CaseActionForm,
    CaseFilterForm,
    CasePersonSearchForm,
    DocumentForm,
    DocumentFormSet,
    EnforcementMeasureForm,
    IncomingCaseForm,
    NoteForm,
    NotifyPartiesForm,
    PartnerAcknowledgementForm,
    PartyFormSet,
    PersonSearchForm,
    ReassignForm,
    RefuseForm,
    RequestDocumentsForm,
    TaskForm,
    add_case_error,
)
from cases.selectors import (
    case_deadlines,
    case_decision,
    case_get_for_user,
    case_list_for_user,
    case_parties,
    case_timeline,
    case_workers_for_user,
    dashboard_for_user,
    document_get_for_user,
    document_list_for_user,
    party_shows_restricted,
    person_get_for_user,
    person_search_for_user,
    task_get_for_user,
)
from cases.services import AcknowledgementOutcome
from convention.deadlines import DeadlineRule
from convention.vocabulary import Direction
from convention.workflow import CaseEvent, allowed_events

CASES_PER_PAGE = 25
PERSON_SEARCH_SESSION_KEY = "cases_list_person_search"


def _require_worker(user) -> None:
    if not can_work_cases(user):
        raise PermissionDenied


@login_required
def home(request):
    """The landing page of a State's host once signed in: officials who read cases start from
    their dashboard, anyone else sees their account's home page."""
    if can_view_cases(request.user):
        return redirect("cases:dashboard")
    return render(request, "accounts/home.html")


# --- Persons ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def person_search(request):
    """Search by family name and/or date of birth. POST, so that no name reaches a URL."""
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = person_search_for_user(user=request.user, **form.cleaned_data)
    return render(request, "cases/person_search.html", {"form": form, "result": result})


@login_required
def person_detail(request, person_id: uuid.UUID):
    person = person_get_for_user(user=request.user, person_id=person_id)
    return render(request, "cases/person_detail.html", {"person": person})


# --- Dashboard ----------------------------------------------------------------------------------


@login_required
def dashboard(request):
    """What is due first: overdue deadlines and those due within seven days, then the user's
    open cases and tasks, the latest events; the team's workload for supervisors."""
    board = dashboard_for_user(user=request.user)
    return render(
        request,
        "cases/dashboard.html",
        {
            "board": board,
            "today": board.today,
            "show_workload": can_see_team_workload(request.user) and board.workload is not None,
            "can_manage_users": can_manage_users(request.user),
        },
    )


# --- Case list ----------------------------------------------------------------------------------


def _person_search_from_session(request) -> dict:
    stored = request.session.get(PERSON_SEARCH_SESSION_KEY) or {}
    date_of_birth = None
    if stored.get("date_of_birth"):
        try:
            date_of_birth = datetime.date.fromisoformat(stored["date_of_birth"])
        except ValueError:
            date_of_birth = None
    return {"family_name": stored.get("family_name") or "", "date_of_birth": date_of_birth}


def _list_url(query: str) -> str:
    url = reverse("cases:case_list")
    # Only the list's own query string comes back here; it carries no personal value.
    return f"{url}?{query}" if query and "\n" not in query else url


@login_required
@require_http_methods(["GET", "POST"])
def case_list(request):
    """The State's cases with filters in the query string; a search by a party's family name or
    date of birth is posted and kept in the session. An htmx request gets the results only."""
    if request.method == "POST":
        query = request.POST.get("query", "")
        if "clear_person_search" in request.POST:
            request.session.pop(PERSON_SEARCH_SESSION_KEY, None)
            return HttpResponseRedirect(_list_url(query), status=303)
        person_form = CasePersonSearchForm(request.POST)
        if person_form.is_valid():
            date_of_birth = person_form.cleaned_data.get("date_of_birth")
            request.session[PERSON_SEARCH_SESSION_KEY] = {
                "family_name": person_form.cleaned_data.get("family_name") or "",
                "date_of_birth": date_of_birth.isoformat() if date_of_birth else "",
            }
            return HttpResponseRedirect(_list_url(query), status=303)
    else:
        person_form = CasePersonSearchForm()

    person_search = _person_search_from_session(request)
    workers = case_workers_for_user(user=request.user)
    filter_form = CaseFilterForm(request.GET or None, workers=workers)
    filters = filter_form.filters(**person_search)
    page = Paginator(case_list_for_user(user=request.user, filters=filters), CASES_PER_PAGE)
    page_obj = page.get_page(request.GET.get("page"))
    context = {
        "filter_form": filter_form,
        "person_form": person_form,
        "error_forms": [filter_form, person_form],
        "person_search": person_search,
        "page_obj": page_obj,
        "cases": page_obj.object_list,
        "today": state_today(),
        "query": request.GET.urlencode(),
    }
    template = "cases/case_list.html"
    if request.htmx and request.method == "GET":
        template += "#results"
    status = 422 if request.method == "POST" else 200
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


# --- The case page and its sections ---------------------------------------------------------------

SECTIONS = (
    ("case_detail", gettext_lazy("Overview")),
    ("case_parties", gettext_lazy("Parties")),
    ("case_documents", gettext_lazy("Documents")),
    ("case_deadlines", gettext_lazy("Deadlines")),
    ("case_timeline", gettext_lazy("Timeline")),
    ("case_forms", gettext_lazy("Forms")),
    ("case_notes", gettext_lazy("Notes")),
    ("case_tasks", gettext_lazy("Tasks")),
)

# Events with a page of their own elsewhere (the outgoing wizard transmits; registration
# receives) are not offered among the case's actions.
_NOT_ACTIONS = frozenset({CaseEvent.TRANSMIT, CaseEvent.RECEIVE})
_ACTION_FORMS = {
    CaseEvent.ACKNOWLEDGE: AcknowledgeForm,
    CaseEvent.REFUSE: RefuseForm,
    CaseEvent.REQUEST_DOCUMENTS: RequestDocumentsForm,
    CaseEvent.NOTIFY_PARTIES: NotifyPartiesForm,
    CaseEvent.TAKE_ENFORCEMENT_MEASURE: EnforcementMeasureForm,
}
# Steps that end or refuse something: the confirmation page warns before them.
_WARN_EVENTS = frozenset(
    {
        CaseEvent.REFUSE,
        CaseEvent.REFUSE_RECOGNITION,
        CaseEvent.REFUSE_ON_CHALLENGE,
        CaseEvent.STOP,
        CaseEvent.CLOSE,
    }
)


# On an outgoing case the requested Authority acknowledges or refuses (Art 12(3), 12(8)); this
# Authority records what it received, so the steps are named for that.
_OUTGOING_ACTION_LABELS = {
    CaseEvent.ACKNOWLEDGE: gettext_lazy("Record the requested Authority's acknowledgement"),
    CaseEvent.REFUSE: gettext_lazy("Record the requested Authority's refusal"),
}


@dataclasses.dataclass(frozen=True)
class CaseAction:
    """A workflow step offered on the case page, named for the case's direction."""

    event: CaseEvent
    label: str

    @classmethod
    def of(cls, case, event: CaseEvent) -> "CaseAction":
        if case.direction == Direction.OUTGOING.value and event in _OUTGOING_ACTION_LABELS:
            return cls(event, _OUTGOING_ACTION_LABELS[event])
        return cls(event, event.label)


def _action_form_class(case, event: CaseEvent):
    if event is CaseEvent.ACKNOWLEDGE and case.direction == Direction.OUTGOING.value:
        return PartnerAcknowledgementForm
    return _ACTION_FORMS.get(event, CaseActionForm)


def _case_actions(case, deadlines, today) -> list[CaseEvent]:
    """The events the Convention engine allows now that this page can record."""
    events = allowed_events(
        case.direction_enum, case.state_enum, application_type=case.application_type_enum
    )
    offered = []
    for event in events:
        if event in _NOT_ACTIONS:
            continue
        if event is CaseEvent.REFUSE and CaseEvent.ACKNOWLEDGE in events:
            continue  # the acknowledgement page offers the refusal (Art 12(8)) among its outcomes
        if event is CaseEvent.STOP and not any(
            deadline.rule == DeadlineRule.MISSING_DOCUMENTS.value
            and deadline.is_open
            and today > deadline.due
            for deadline in deadlines
        ):
            continue  # Art 12(9): only once the period for the documents has run out
        offered.append(event)
    return offered


def _case_context(request, case, section: str, *, parties=None, deadlines=None) -> dict:
    """What every page of a case shows: the case header (identity bar), the sections and the
    actions."""
    user = request.user
    parties = parties if parties is not None else case_parties(user=user, case=case)
    deadlines = deadlines if deadlines is not None else case_deadlines(user=user, case=case)
    today = state_today()
    open_deadlines = sorted((d for d in deadlines if d.is_open), key=lambda d: d.due)
    can_work = can_work_cases(user)
    return {
        "case": case,
        "section": section,
        "sections": SECTIONS,
        "parties": parties,
        "deadlines": deadlines,
        "next_deadline": open_deadlines[0] if open_deadlines else None,
        "restricted_information": any(party.non_disclosure for party in parties),
        "today": today,
        "can_work": can_work,
        "can_reassign": can_reassign_cases(user),
        "actions": [CaseAction.of(case, event) for event in _case_actions(case, deadlines, today)]
        if can_work
        else [],
    }


def _render_case_page(
    request, case, section, template, extra=None, *, restricted=(), status=200, **known
):
    """Render a page of the case and audit the view (and each Art 40 disclosure in it)."""
    context = _case_context(request, case, section, **known)
    context.update(extra or {})
    services.record_view(user=request.user, case=case, restricted_parties=list(restricted))
    response = render(request, template, context, status=status)
    return response


@login_required
def case_detail(request, case_id: uuid.UUID):
    """The case's overview: its particulars, the decision and the actions."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    decision = case_decision(user=request.user, case=case)
    return _render_case_page(
        request, case, "case_detail", "cases/case_detail.html", {"decision": decision}
    )


@login_required
def case_parties_view(request, case_id: uuid.UUID):
    """The parties; address and contact details of a party under an Art 40 determination only
    for users allowed to see them, and every such disclosure is audited."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    parties = case_parties(user=request.user, case=case)
    rows = [
        {"party": party, "shows_restricted": party_shows_restricted(user=request.user, party=party)}
        for party in parties
    ]
    disclosed = [
        row["party"] for row in rows if row["party"].non_disclosure and row["shows_restricted"]
    ]
    return _render_case_page(
        request,
        case,
        "case_parties",
        "cases/case_parties.html",
        {"party_rows": rows},
        restricted=disclosed,
        parties=parties,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_documents(request, case_id: uuid.UUID):
    """The documents, and the upload form."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    documents = document_list_for_user(user=request.user, case=case)
    status = 200
    if request.method == "POST":
        _require_worker(request.user)
        form = DocumentForm(request.POST, request.FILES, documents=documents)
        if form.is_valid():
            try:
                services.document_add(user=request.user, case=case, **form.service_values())
            except CaseError as error:
                add_case_error(form, error)
            else:
                messages.success(request, _("The document has been added."))
                return redirect("cases:case_documents", case_id=case.pk)
        status = 422
    else:
        form = DocumentForm(documents=documents)
    return _render_case_page(
        request,
        case,
        "case_documents",
        "cases/case_documents.html",
        {"documents": documents, "form": form},
        status=status,
    )


@login_required
def document_download(request, case_id: uuid.UUID, document_id: uuid.UUID):
    """The document's content, decrypted (the download is audited); never cached."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    document = document_get_for_user(user=request.user, case=case, document_id=document_id)
    content = services.document_content(user=request.user, document=document)
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=document.file_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def case_deadlines_view(request, case_id: uuid.UUID):
    case = case_get_for_user(user=request.user, case_id=case_id)
    return _render_case_page(request, case, "case_deadlines", "cases/case_deadlines.html")


@login_required
def case_timeline_view(request, case_id: uuid.UUID):
    case = case_get_for_user(user=request.user, case_id=case_id)
    events = case_timeline(user=request.user, case=case)
    return _render_case_page(
        request, case, "case_timeline", "cases/case_timeline.html", {"events": events}
    )


@login_required
def case_forms(request, case_id: uuid.UUID):
    """The Convention forms of the case: those generated, and the form to generate another."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    documents = document_list_for_user(user=request.user, case=case)
    panel = forms_panel(user=request.user, case=case, documents=documents)
    return _render_case_page(
        request, case, "case_forms", "cases/case_forms.html", {"forms_panel": panel}
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_notes(request, case_id: uuid.UUID):
    case = case_get_for_user(user=request.user, case_id=case_id)
    status = 200
    if request.method == "POST":
        _require_worker(request.user)
        form = NoteForm(request.POST)
        if form.is_valid():
            try:
                services.note_add(user=request.user, case=case, text=form.cleaned_data["text"])
            except CaseError as error:
                add_case_error(form, error)
            else:
                messages.success(request, _("The note has been added."))
                return redirect("cases:case_notes", case_id=case.pk)
        status = 422
    else:
        form = NoteForm()
    notes = selectors.case_notes(user=request.user, case=case)
    return _render_case_page(
        request,
        case,
        "case_notes",
        "cases/case_notes.html",
        {"notes": notes, "form": form},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_tasks(request, case_id: uuid.UUID):
    case = case_get_for_user(user=request.user, case_id=case_id)
    status = 200
    if request.method == "POST":
        _require_worker(request.user)
        form = TaskForm(request.POST)
        if form.is_valid():
            try:
                services.task_add(
                    user=request.user,
                    case=case,
                    title=form.cleaned_data["title"],
                    due=form.cleaned_data.get("due"),
                )
            except CaseError as error:
                add_case_error(form, error)
            else:
                messages.success(request, _("The task has been added."))
                return redirect("cases:case_tasks", case_id=case.pk)
        status = 422
    else:
        form = TaskForm()
    tasks = selectors.case_tasks(user=request.user, case=case)
    return _render_case_page(
        request,
        case,
        "case_tasks",
        "cases/case_tasks.html",
        {"tasks": tasks, "form": form},
        status=status,
    )


@login_required
@require_POST
def task_done(request, case_id: uuid.UUID, task_id: uuid.UUID):
    case = case_get_for_user(user=request.user, case_id=case_id)
    task = task_get_for_user(user=request.user, case=case, task_id=task_id)
    _require_worker(request.user)
    services.task_complete(user=request.user, task=task)
    messages.success(request, _("The task is done."))
    return redirect("cases:case_tasks", case_id=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def case_reassign(request, case_id: uuid.UUID):
    """Supervisors give the case to another caseworker of the State."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    if not can_reassign_cases(request.user):
        raise PermissionDenied
    workers = case_workers_for_user(user=request.user)
    status = 200
    if request.method == "POST":
        form = ReassignForm(request.POST, workers=workers)
        if form.is_valid():
            try:
                services.case_reassign(
                    user=request.user, case=case, responsible=form.responsible_user()
                )
            except CaseError as error:
                add_case_error(form, error)
            else:
                messages.success(request, _("The case has been reassigned."))
                return redirect("cases:case_detail", case_id=case.pk)
        status = 422
    else:
        initial = {"responsible": str(case.responsible_id)} if case.responsible_id else {}
        form = ReassignForm(initial=initial, workers=workers)
    return _render_case_page(
        request, case, "case_detail", "cases/case_reassign.html", {"form": form}, status=status
    )


# --- Case actions -------------------------------------------------------------------------------


def _answers(form) -> list[tuple[str, str]]:
    """The form's answers, labelled, for the confirmation page."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or field.widget.is_hidden:
            continue
        value = form.cleaned_data.get(name)
        choices = dict(getattr(field, "choices", []) or [])
        if isinstance(value, list):
            shown = "; ".join(str(choices.get(item, item)) for item in value)
        elif isinstance(value, bool):
            shown = _("Yes") if value else _("No")
        elif isinstance(value, datetime.date):
            from cases.templatetags.cases_ui import day

            shown = day(value, "long")
        elif value in (None, ""):
            shown = _("Today") if name == "on" else ""
        else:
            shown = str(choices.get(value, value))
        if shown:
            rows.append((str(field.label), shown))
    return rows


def _apply_action(request, case, event: CaseEvent, form) -> None:
    data = form.cleaned_data
    common = {"user": request.user, "case": case, "expected_version": data["version"]}
    if event is CaseEvent.ACKNOWLEDGE:
        services.case_acknowledge(
            **common,
            outcome=data["outcome"],
            on=data.get("on"),
            reasons=data.get("reasons") or "",
            documents_requested=data.get("documents_requested") or [],
            missing_documents_period_months=data.get("missing_documents_period_months"),
            partner_reference=data.get("partner_reference") or "",
        )
    elif event is CaseEvent.REFUSE:
        services.case_acknowledge(
            **common,
            outcome=AcknowledgementOutcome.REFUSED,
            on=data.get("on"),
            reasons=data["reasons"],
        )
    else:
        services.case_apply_event(**common, event=event, at=data.get("on"), **form.event_values())


@login_required
@require_http_methods(["GET", "POST"])
def case_action(request, case_id: uuid.UUID, event: str):
    """One workflow step of the case, on its own page: the form, a confirmation page with the
    answers, then the step through the services. The case's version travels with the form, so
    that a step taken on a case someone changed meanwhile is refused."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    try:
        event = CaseEvent(event)
    except ValueError:
        raise Http404 from None
    if event in _NOT_ACTIONS:
        raise Http404
    _require_worker(request.user)
    form_class = _action_form_class(case, event)
    action = CaseAction.of(case, event)
    deadlines = case_deadlines(user=request.user, case=case)
    template = "cases/case_action.html"
    status = 200
    confirming = False
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            if request.POST.get("confirmed") == "yes":
                try:
                    _apply_action(request, case, event, form)
                except StaleCaseError as error:
                    add_case_error(form, error)
                    form.stale = True
                except CaseError as error:
                    add_case_error(form, error)
                else:
                    messages.success(request, _("Recorded: %(event)s.") % {"event": action.label})
                    return redirect("cases:case_detail", case_id=case.pk)
                status = 422
            else:
                confirming = True
        else:
            status = 422
    else:
        if event not in _case_actions(case, deadlines, state_today()):
            raise Http404
        form = form_class(initial={"version": case.version})
    warn = event in _WARN_EVENTS or (
        confirming
        and event is CaseEvent.ACKNOWLEDGE
        and form.cleaned_data.get("outcome") == AcknowledgementOutcome.REFUSED
    )
    extra = {
        "event": event,
        "action": action,
        "form": form,
        "confirming": confirming,
        "answers": _answers(form) if confirming else [],
        "posted": [
            (name, value)
            for name, values in request.POST.lists()
            if name not in ("csrfmiddlewaretoken", "confirmed")
            for value in values
        ]
        if confirming
        else [],
        "warn": warn,
    }
    return _render_case_page(
        request, case, "case_detail", template, extra, deadlines=deadlines, status=status
    )


# --- Registering an incoming application ----------------------------------------------------------


def _retyped(formset_class, bound, *, prefix: str, add: bool):
    """The values typed so far in a fresh (unbound) formset, with one more blank form when
    ``add``: the "add another" pattern without JavaScript. Files are not kept (no page may fill
    a file input), which the page says."""
    initial = [
        {
            name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
            for name, field in form.fields.items()
            if name != "file"
        }
        for form in bound.forms
    ]
    if add or not initial:
        initial.append({})
    return formset_class(prefix=prefix, initial=initial)


@login_required
@require_http_methods(["GET", "POST"])
def incoming_new(request):
    """Register an application received on paper or by e-mail (Art 12(3)): the case, its parties
    (the first is the applicant) and documents, all or nothing."""
    _require_worker(request.user)
    status = 200
    if request.method == "POST":
        form = IncomingCaseForm(request.POST)
        parties = PartyFormSet(request.POST, prefix="parties")
        documents = DocumentFormSet(request.POST, request.FILES, prefix="documents")
        adding_party = "add_party" in request.POST
        if adding_party or "add_document" in request.POST:
            parties = _retyped(PartyFormSet, parties, prefix="parties", add=adding_party)
            documents = _retyped(
                DocumentFormSet, documents, prefix="documents", add=not adding_party
            )
            form = IncomingCaseForm(initial=_typed(form))
        elif form.is_valid() & parties.is_valid() & documents.is_valid():
            case = _register_incoming(request, form, parties, documents)
            if case is not None:
                deadline = next(
                    (d for d in case_deadlines(user=request.user, case=case) if d.is_open), None
                )
                from cases.templatetags.cases_ui import day

                messages.success(
                    request,
                    _("Case %(reference)s registered. Acknowledge receipt by %(due)s (Art 12(3)).")
                    % {
                        "reference": case.reference,
                        "due": day(deadline.due, "long") if deadline else "-",
                    },
                )
                return redirect("cases:case_detail", case_id=case.pk)
            status = 422
        else:
            status = 422
    else:
        form = IncomingCaseForm()
        parties = PartyFormSet(prefix="parties")
        documents = DocumentFormSet(prefix="documents", initial=[{}])
    return render(
        request,
        "cases/incoming_new.html",
        {
            "form": form,
            "parties": parties,
            "documents": documents,
            "all_forms": [form, parties, documents],
        },
        status=status,
    )


def _typed(form) -> dict:
    return {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }


def _register_incoming(request, form, parties, documents):
    """The case, its parties and documents in one transaction; a refusal by a service is put
    on the form it concerns and nothing is written."""
    data = form.cleaned_data
    current = form
    try:
        with transaction.atomic():
            case = services.case_register_incoming(
                user=request.user,
                requesting_state=data["requesting_state"],
                received_on=data["received_on"],
                method=data["method"],
                application_type=data.get("application_type") or None,
                specific_measures=data.get("specific_measures") or [],
                partner_reference=data.get("partner_reference") or "",
                partner_authority=data.get("partner_authority") or "",
            )
            for index, party_form in enumerate(parties.forms):
                if not party_form.has_changed() and index > 0:
                    continue
                current = party_form
                services.party_add(
                    user=request.user,
                    case=case,
                    is_applicant=index == 0,
                    **party_form.service_values(),
                )
            for document_form in documents.forms:
                if not document_form.has_changed():
                    continue
                current = document_form
                services.document_add(
                    user=request.user, case=case, **document_form.service_values()
                )
    except CaseError as error:
        add_case_error(current, error)
        return None
    return case
