"""One workflow step of a case on its own page: the form, a confirmation with the answers, then
the step through the services."""

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import services
from cases.engine import state_today
from cases.errors import CaseError, StaleCaseError
from cases.forms import (
    add_case_error,
)
from cases.selectors import (
    case_deadlines,
    case_get_for_user,
)
from cases.services import AcknowledgementOutcome
from cases.views.case_pages import (
    NOT_ACTIONS,
    WARN_EVENTS,
    CaseAction,
    action_form_class,
    offered_actions,
    render_case_page,
    require_worker,
)
from convention.workflow import CaseEvent

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
    if event in NOT_ACTIONS:
        raise Http404
    require_worker(request.user)
    form_class = action_form_class(case, event)
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
        if event not in offered_actions(case, deadlines, state_today()):
            raise Http404
        form = form_class(initial={"version": case.version})
    warn = event in WARN_EVENTS or (
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
    return render_case_page(
        request, case, "case_detail", template, extra, deadlines=deadlines, status=status
    )
