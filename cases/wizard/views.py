"""The outgoing application wizard's pages: the start (requested State and application type),
the task list, one page per section posting to its own URL, the check-answers page with the
Convention forms and the recording of the transmission.

Thin like the other views: forms parse, ``services`` write, selectors read (an unknown case or
one of another State is a 404). Every page works without JavaScript.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.permissions import can_work_cases
from cases import services
from cases.convention_forms.views import forms_panel
from cases.engine import case_findings, current_state, legal_basis_between, state_today
from cases.errors import CaseError
from cases.forms import add_case_error
from cases.models import Case
from cases.selectors import (
    CaseRecords,
    authority_details_latest,
    case_get_for_user,
    case_records_for_user,
    party_get_for_user,
    party_shows_restricted,
)
from cases.templatetags.cases_ui import country_name
from cases.wizard import steps
from cases.wizard.forms import (
    ApplicantForm,
    AuthorityForm,
    ConsentForm,
    DecisionForm,
    GroundsForm,
    OutgoingNewForm,
    PaymentForm,
    PersonConcernedForm,
    TransmitForm,
    WizardDocumentForm,
    WizardPartyForm,
)
from convention.validation import Severity
from convention.vocabulary import DocumentKind, PartyRole
from convention.workflow import CaseState


def _require_worker(user) -> None:
    if not can_work_cases(user):
        raise PermissionDenied


def _see_other(url: str) -> HttpResponseRedirect:
    """After a successful POST: 303 See Other, so that the browser follows with a GET."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def _render(request, template, context, *, status=200):
    return render(request, template, context, status=status)


def _outgoing_case(request, case_id) -> Case:
    case = case_get_for_user(user=request.user, case_id=case_id)
    if case.direction != "outgoing":
        raise Http404
    return case


def _disclosed(user, parties) -> list:
    return [p for p in parties if p.non_disclosure and party_shows_restricted(user=user, party=p)]


# --- Start ----------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def outgoing_new(request):
    """Choose the requested State (the engine tells the legal basis) and the application type or
    the specific measures; creates the case and opens its task list."""
    if request.method == "POST":
        _require_worker(request.user)
        form = OutgoingNewForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                case = services.case_create_outgoing(
                    user=request.user,
                    requested_state=data["requested_state"],
                    application_type=data["application_type"] or None,
                    specific_measures=data["specific_measures"],
                    partner_authority=data["partner_authority"],
                )
            except CaseError as error:
                add_case_error(form, error)
            else:
                messages.success(
                    request,
                    _("Case %(reference)s created. Complete the application.")
                    % {"reference": case.reference},
                )
                return _see_other(reverse("cases:application", args=[case.pk]))
        return _render(
            request,
            "cases/wizard/outgoing_new.html",
            {
                "form": form,
                "instrument": _instrument(request.POST.get("requested_state")),
                "can_work": True,
            },
            status=422,
        )
    # "Check the legal basis" submits the choices by GET (a State code, no personal value).
    checked = request.GET.get("requested_state", "")
    form = OutgoingNewForm(initial=request.GET.dict() if checked else None)
    if checked:
        form.initial["specific_measures"] = request.GET.getlist("specific_measures")
    return _render(
        request,
        "cases/wizard/outgoing_new.html",
        {
            "form": form,
            "instrument": _instrument(checked),
            "can_work": can_work_cases(request.user),
        },
    )


def _instrument(code: str | None):
    from convention.states import default_registry

    code = (code or "").upper()
    if code not in default_registry() or code == current_state().code:
        return None
    return legal_basis_between(current_state().code, code, on=state_today())


# --- Task list ------------------------------------------------------------------------------------


def _application_context(request, records: CaseRecords) -> dict:
    case, parties = records.case, records.parties
    findings = case_findings(records)
    sections = steps.build_sections(records, findings)
    general = [f for f in findings if steps.finding_section(case, f, parties) is None]
    completed = sum(1 for s in sections if s.status == steps.COMPLETED)
    return {
        "case": case,
        "records": records,
        "parties": parties,
        "findings": findings,
        "general_findings": general,
        "sections": sections,
        "completed": completed,
        "has_errors": any(f.severity is Severity.ERROR for f in findings),
        "editable": case.state == CaseState.NEW.value and can_work_cases(request.user),
        "can_work": can_work_cases(request.user),
    }


@login_required
def application(request, case_id: uuid.UUID):
    """The task list: the sections of the application with their status, then check answers."""
    case = _outgoing_case(request, case_id)
    context = _application_context(request, case_records_for_user(user=request.user, case=case))
    check_ready = all(
        s.status == steps.COMPLETED or s.key == steps.DOCUMENTS for s in context["sections"]
    )
    context["check_status"] = (
        steps.NOT_STARTED if check_ready and not context["has_errors"] else steps.CANNOT_START
    )
    context["check_status_label"] = steps.STATUS_LABELS[context["check_status"]]
    services.record_view(user=request.user, case=case)
    return _render(request, "cases/wizard/task_list.html", context)


# --- Sections -------------------------------------------------------------------------------------


def _section_form(records: CaseRecords, key, data=None, files=None):
    """The form of a section, bound to ``data`` or filled with what the case holds."""
    case = records.case
    if key == steps.APPLICANT:
        return ApplicantForm(data, case=case)
    if key in (steps.PERSONS, steps.OTHER_PARTY):
        return WizardPartyForm(data)
    if key == steps.PERSON_CONCERNED:
        return PersonConcernedForm(data)
    if key == steps.DECISION:
        initial = None
        if data is None and records.decision is not None:
            decision = records.decision
            initial = {name: getattr(decision, name) for name in services.DECISION_FIELDS}
        return DecisionForm(data, initial=initial)
    if key == steps.GROUNDS:
        return GroundsForm(data, case=case, initial=records.section(key))
    if key == steps.PAYMENT:
        return PaymentForm(data, initial=records.section(key))
    if key == steps.AUTHORITY:
        initial = records.section(key) or authority_details_latest(exclude_case=case)
        return AuthorityForm(data, initial=initial)
    if key == steps.CONSENT:
        initial = {"consent": "yes"} if case.applicant_consent else None
        return ConsentForm(data, initial=initial)
    if key == steps.DOCUMENTS:
        return WizardDocumentForm(data, files, case=case, documents=records.supporting_documents)
    raise Http404


def _save_section(request, case, key, form) -> None:
    """Write the section through the services (``CaseError`` on refusal)."""
    user = request.user
    if key == steps.APPLICANT:
        services.party_add(
            user=user, case=case, roles=form.roles(), is_applicant=True, **form.service_values()
        )
    elif key == steps.PERSONS:
        services.party_add(
            user=user,
            case=case,
            roles=[PartyRole.PERSON_FOR_WHOM_MAINTENANCE_IS_SOUGHT.value],
            **form.service_values(),
        )
    elif key == steps.OTHER_PARTY:
        services.party_add(
            user=user, case=case, roles=[steps.respondent_role(case).value], **form.service_values()
        )
    elif key == steps.PERSON_CONCERNED:
        services.party_add(
            user=user,
            case=case,
            roles=[form.cleaned_data["concerned_role"]],
            **form.service_values(),
        )
    elif key == steps.DECISION:
        services.decision_record(user=user, case=case, **form.cleaned_data)
    elif key in (steps.GROUNDS, steps.PAYMENT, steps.AUTHORITY):
        values = (
            form.service_values()
            if key == steps.GROUNDS
            else {k: v for k, v in form.cleaned_data.items() if v}
        )
        services.application_particulars_record(user=user, case=case, section=key, values=values)
    elif key == steps.CONSENT:
        services.case_consent_record(
            user=user, case=case, consent=form.cleaned_data["consent"] == "yes"
        )
    elif key == steps.DOCUMENTS:
        services.document_add(user=user, case=case, **form.service_values())


# Sections that hold several items come back to themselves after a save ("add another").
_LIST_SECTIONS = (steps.PERSONS, steps.OTHER_PARTY, steps.PERSON_CONCERNED, steps.DOCUMENTS)


@login_required
@require_http_methods(["GET", "POST"])
def application_section(request, case_id: uuid.UUID, section: str):
    """One section of the application: what it holds, the engine's findings about it, and its
    form, posting here."""
    case = _outgoing_case(request, case_id)
    if section not in steps.section_keys(case):
        raise Http404
    if case.state != CaseState.NEW.value:
        messages.info(request, _("The application has been transmitted; it can no longer change."))
        return _see_other(reverse("cases:application_check", args=[case.pk]))
    records = case_records_for_user(user=request.user, case=case)
    status = 200
    if request.method == "POST":
        _require_worker(request.user)
        form = _section_form(records, section, request.POST, request.FILES)
        if form.is_valid():
            try:
                _save_section(request, case, section, form)
            except CaseError as error:
                add_case_error(form, error)
            else:
                messages.success(request, _("Saved."))
                target = (
                    "cases:application_section"
                    if section in _LIST_SECTIONS
                    else "cases:application"
                )
                args = [case.pk, section] if section in _LIST_SECTIONS else [case.pk]
                return _see_other(reverse(target, args=args))
        status = 422
    else:
        form = _section_form(records, section)
    context = _application_context(request, records)
    current = next(s for s in context["sections"] if s.key == section)
    parties = context["parties"]
    items = steps.parties_of_section(case, section, parties)
    context.update(
        {
            "form": form,
            "section": current,
            "party_rows": [
                {"party": p, "shows_restricted": party_shows_restricted(user=request.user, party=p)}
                for p in items
            ],
            "has_applicant": any(p.is_applicant for p in parties),
            "documents": records.supporting_documents,
            "article_25_kinds": (
                _article_25_checklist(records) if section == steps.DOCUMENTS else []
            ),
        }
    )
    services.record_view(
        user=request.user, case=case, restricted_parties=_disclosed(request.user, items)
    )
    return _render(request, "cases/wizard/section.html", context, status=status)


def _article_25_checklist(records: CaseRecords) -> list[dict]:
    """For recognition (Art 10(1)(a), 10(2)(a)): the Art 25 and 30(3) documents, and whether the
    case has each."""
    application_type = records.case.application_type_enum
    if application_type is None or not application_type.accompanied_only_by_article_25_documents:
        return []
    present = {d.kind for d in records.supporting_documents}
    return [
        {"kind": kind, "present": kind.value in present}
        for kind in DocumentKind
        if kind.listed_in_article_25
    ]


@login_required
@require_POST
def application_party_remove(request, case_id: uuid.UUID, party_id: uuid.UUID):
    case = _outgoing_case(request, case_id)
    _require_worker(request.user)
    party = party_get_for_user(user=request.user, case=case, party_id=party_id)
    section = request.POST.get("section", "")
    try:
        services.party_remove(user=request.user, case=case, party=party)
    except CaseError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The person has been removed from the application."))
    if section in steps.section_keys(case):
        return _see_other(reverse("cases:application_section", args=[case.pk, section]))
    return _see_other(reverse("cases:application", args=[case.pk]))


# --- Check answers and transmission ---------------------------------------------------------------


def _check_context(request, case) -> dict:
    records = case_records_for_user(user=request.user, case=case)
    context = _application_context(request, records)
    parties = context["parties"]
    context.update(
        {
            "party_rows": [
                {
                    "party": p,
                    "section": steps.party_section(case, p, parties),
                    "shows_restricted": party_shows_restricted(user=request.user, party=p),
                }
                for p in parties
            ],
            "decision": records.decision,
            "partner_authority_name": case.partner_authority or country_name(case.requested_state),
            "grounds": records.section(steps.GROUNDS),
            "payment": records.section(steps.PAYMENT),
            "authority": records.section(steps.AUTHORITY),
            "documents": records.supporting_documents,
            "transmittal_generated": records.has_generated(case.covering_form),
            "forms_panel": forms_panel(
                user=request.user, case=case, documents=records.documents, return_to="check"
            ),
        }
    )
    return context


@login_required
def application_check(request, case_id: uuid.UUID):
    """Check answers: every finding (errors block), the answers with Change links, the forms,
    and the recording of the transmission."""
    case = _outgoing_case(request, case_id)
    context = _check_context(request, case)
    context["transmit_form"] = TransmitForm(initial={"method": "post"})
    services.record_view(
        user=request.user,
        case=case,
        restricted_parties=_disclosed(request.user, context["parties"]),
    )
    return _render(request, "cases/wizard/check.html", context)


@login_required
@require_POST
def application_transmit(request, case_id: uuid.UUID):
    """Record the sending (post or e-mail, the date sent), after an interruption that asks the
    caseworker to confirm this irreversible step."""
    case = _outgoing_case(request, case_id)
    _require_worker(request.user)
    form = TransmitForm(request.POST)
    if form.is_valid():
        if request.POST.get("confirmed") != "yes":
            return _render(
                request,
                "cases/wizard/transmit_confirm.html",
                {
                    "case": case,
                    "form": form,
                    "data": form.cleaned_data,
                    "method_label": dict(form.fields["method"].choices)[
                        form.cleaned_data["method"]
                    ],
                },
            )
        try:
            services.case_transmit(
                user=request.user,
                case=case,
                method=form.cleaned_data["method"],
                sent_on=form.cleaned_data["sent_on"],
            )
        except CaseError as error:
            add_case_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "The transmission has been recorded. The acknowledgement is awaited "
                    "(Art 12(3))."
                ),
            )
            return _see_other(reverse("cases:case_detail", args=[case.pk]))
    context = _check_context(request, case)
    context["transmit_form"] = form
    return _render(request, "cases/wizard/check.html", context, status=422)
