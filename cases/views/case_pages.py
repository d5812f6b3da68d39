"""The case page and its sections (overview, parties, documents, deadlines, timeline, forms,
notes, tasks), each audited as a view of the case, and the workflow steps a page offers."""

import dataclasses
import io
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import (
    can_reassign_cases,
    can_work_cases,
)
from cases import selectors, services
from cases.convention_forms.views import forms_panel
from cases.engine import state_today
from cases.errors import CaseError
from cases.forms import (
    AcknowledgeForm,
    CaseActionForm,
    DocumentForm,
    EnforcementMeasureForm,
    NoteForm,
    NotifyPartiesForm,
    PartnerAcknowledgementForm,
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
    case_parties,
    case_timeline,
    case_workers_for_user,
    document_get_for_user,
    document_list_for_user,
    party_shows_restricted,
    task_get_for_user,
)
from convention.deadlines import DeadlineRule
from convention.vocabulary import Direction
from convention.workflow import CaseEvent, allowed_events


def require_worker(user) -> None:
    if not can_work_cases(user):
        raise PermissionDenied


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
NOT_ACTIONS = frozenset({CaseEvent.TRANSMIT, CaseEvent.RECEIVE})
_ACTION_FORMS = {
    CaseEvent.ACKNOWLEDGE: AcknowledgeForm,
    CaseEvent.REFUSE: RefuseForm,
    CaseEvent.REQUEST_DOCUMENTS: RequestDocumentsForm,
    CaseEvent.NOTIFY_PARTIES: NotifyPartiesForm,
    CaseEvent.TAKE_ENFORCEMENT_MEASURE: EnforcementMeasureForm,
}
# Steps that end or refuse something: the confirmation page warns before them.
WARN_EVENTS = frozenset(
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


def action_form_class(case, event: CaseEvent):
    if event is CaseEvent.ACKNOWLEDGE and case.direction == Direction.OUTGOING.value:
        return PartnerAcknowledgementForm
    return _ACTION_FORMS.get(event, CaseActionForm)


def offered_actions(case, deadlines, today) -> list[CaseEvent]:
    """The events the Convention engine allows now that this page can record."""
    events = allowed_events(
        case.direction_enum, case.state_enum, application_type=case.application_type_enum
    )
    offered = []
    for event in events:
        if event in NOT_ACTIONS:
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
        "actions": [CaseAction.of(case, event) for event in offered_actions(case, deadlines, today)]
        if can_work
        else [],
    }


def render_case_page(
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
    return render_case_page(
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
    return render_case_page(
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
        require_worker(request.user)
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
    return render_case_page(
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
    return render_case_page(request, case, "case_deadlines", "cases/case_deadlines.html")


@login_required
def case_timeline_view(request, case_id: uuid.UUID):
    case = case_get_for_user(user=request.user, case_id=case_id)
    events = case_timeline(user=request.user, case=case)
    return render_case_page(
        request, case, "case_timeline", "cases/case_timeline.html", {"events": events}
    )


@login_required
def case_forms(request, case_id: uuid.UUID):
    """The Convention forms of the case: those generated, and the form to generate another."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    documents = document_list_for_user(user=request.user, case=case)
    panel = forms_panel(user=request.user, case=case, documents=documents)
    return render_case_page(
        request, case, "case_forms", "cases/case_forms.html", {"forms_panel": panel}
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_notes(request, case_id: uuid.UUID):
    case = case_get_for_user(user=request.user, case_id=case_id)
    status = 200
    if request.method == "POST":
        require_worker(request.user)
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
    return render_case_page(
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
        require_worker(request.user)
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
    return render_case_page(
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
    require_worker(request.user)
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
    return render_case_page(
        request, case, "case_detail", "cases/case_reassign.html", {"form": form}, status=status
    )
