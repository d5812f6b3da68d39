"""Registering an application received on paper or by e-mail (Art 12(3))."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases import services
from cases.errors import CaseError
from cases.forms import (
    DocumentFormSet,
    IncomingCaseForm,
    PartyFormSet,
    add_case_error,
)
from cases.selectors import (
    case_deadlines,
)
from cases.views.case_pages import require_worker

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
    require_worker(request.user)
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
