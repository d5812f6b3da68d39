"""Generating a Convention form of a case: rendered as PDF or XML in the chosen language and
stored as documents of the case through ``cases.services.document_add``."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.permissions import can_work_cases
from cases import services
from cases.convention_forms.values import FORMATS, case_form_build, form_languages
from cases.errors import CaseError
from cases.models import Case, Document
from cases.selectors import case_records_for_user
from convention.forms import form_to_xml, render_pdf


@transaction.atomic
def case_form_generate(*, user, case: Case, form_code: str, language: str, fmt: str) -> Document:
    """Render form ``form_code`` of the case as a PDF or an XML document in ``language`` and
    store it as a document of the case (``generated_form`` set); under an Art 40 determination
    the restricted page is stored beside it as its own document. Returns the main document."""
    if not can_work_cases(user):
        raise PermissionDenied
    if fmt not in FORMATS:
        raise CaseError(_("Choose PDF or XML."), code="unknown_choice", field="fmt")
    if language not in form_languages(case):
        raise CaseError(
            _("Choose a language the requested State accepts."),
            code="unknown_choice",
            field="language",
        )
    filled = case_form_build(case_records_for_user(user=user, case=case), form_code, language)
    if fmt == "pdf":
        rendered = render_pdf(filled, language)
        content_type, extension = "application/pdf", "pdf"
    else:
        rendered = form_to_xml(filled)
        content_type, extension = "application/xml", "xml"
    base = f"{case.reference}-{form_code}-{language}"
    document = services.document_add(
        user=user,
        case=case,
        content=rendered.main,
        file_name=f"{base}.{extension}",
        content_type=content_type,
        kind="other",
        language=language,
        generated_form=form_code,
    )
    if rendered.restricted:
        services.document_add(
            user=user,
            case=case,
            content=rendered.restricted,
            file_name=f"{base}-restricted.{extension}",
            content_type=content_type,
            kind="other",
            language=language,
            generated_form=f"{form_code}{Document.RESTRICTED_FORM_SUFFIX}",
        )
    return document
