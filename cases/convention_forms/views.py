"""Generating a Convention form of any case (PDF or XML, in a language the partner accepts),
from the case's Forms section or the wizard's check-answers page, where the page returns."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can_work_cases
from cases import convention_forms
from cases.convention_forms.forms import FormGenerateForm
from cases.errors import CaseError
from cases.forms import add_case_error
from cases.selectors import case_get_for_user
from cases.templatetags.cases_ui import language_name


def forms_panel(*, user, case, documents, return_to: str = "forms") -> dict:
    """What the Forms panel of a case page (``cases/includes/forms_panel.html``) shows to
    ``user``: the generated Convention forms among ``documents`` (those the user may see, as
    ``selectors.document_list_for_user`` gives them: an Art 40 restricted page only to users
    allowed to see restricted information) and, for those who work cases, a form to generate
    one of the forms applicable to the case."""
    rows = []
    for document in documents:
        if not document.generated_form:
            continue
        code = document.generated_form.partition(":")[0]
        rows.append(
            {
                "document": document,
                "name": convention_forms.FORM_NAMES.get(code, code),
                "restricted": document.is_restricted,
                "format": "XML" if document.content_type.endswith("xml") else "PDF",
            }
        )
    choices = form_choices(case) if can_work_cases(user) else []
    languages = convention_forms.form_languages(case) if choices else []
    return {
        "rows": rows,
        "form": FormGenerateForm(form_choices=choices, languages=languages) if choices else None,
        "default_language": language_name(languages[0]) if languages else "",
        "return_to": return_to if return_to in _RETURN_TO else "forms",
    }


def form_choices(case) -> list[tuple[str, str]]:
    return [
        (code, str(convention_forms.FORM_NAMES.get(code, code)))
        for code in convention_forms.applicable_form_codes(case)
    ]


_RETURN_TO = {"check": "cases:application_check", "forms": "cases:case_forms"}


@login_required
@require_POST
def form_generate(request, case_id: uuid.UUID):
    """Generate a Convention form of the case (PDF or XML, in a language the partner accepts) and
    store it as a document of the case."""
    case = case_get_for_user(user=request.user, case_id=case_id)
    if not can_work_cases(request.user):
        raise PermissionDenied
    return_to = request.POST.get("return_to", "forms")
    if return_to not in _RETURN_TO or (return_to == "check" and case.direction != "outgoing"):
        return_to = "forms"
    form = FormGenerateForm(
        request.POST,
        form_choices=form_choices(case),
        languages=convention_forms.form_languages(case),
    )
    if form.is_valid():
        try:
            convention_forms.case_form_generate(
                user=request.user,
                case=case,
                form_code=form.cleaned_data["form_code"],
                language=form.cleaned_data["language"],
                fmt=form.cleaned_data["fmt"],
            )
        except CaseError as error:
            add_case_error(form, error)
        else:
            messages.success(request, _("The form has been generated and added to the case."))
            return HttpResponseRedirect(reverse(_RETURN_TO[return_to], args=[case.pk]), status=303)
    return render(
        request,
        "cases/convention_forms/generate.html",
        {"case": case, "form": form, "return_to": return_to},
        status=422,
    )
