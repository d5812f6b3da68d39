"""The Forms panel of a case page (``cases/includes/forms_panel.html``): the generated Convention
forms and the form to generate another."""

from django import template

from accounts.permissions import can_work_cases
from cases import form_documents
from cases.templatetags.cases_ui import language_name

register = template.Library()


@register.simple_tag
def forms_panel_data(case, user, return_to: str = "forms") -> dict:
    """What the panel shows to ``user``: the generated forms (the Art 40 restricted pages only
    to users allowed to see restricted information) and, for those who work cases, a form to
    generate one of the forms applicable to the case."""
    from cases.wizard.forms import FormGenerateForm
    from cases.wizard.views import form_choices

    rows = []
    for document in form_documents.generated_forms(user=user, case=case):
        code = document.generated_form.partition(":")[0]
        rows.append(
            {
                "document": document,
                "name": form_documents.FORM_NAMES.get(code, code),
                "restricted": document.is_restricted,
                "format": "XML" if document.content_type.endswith("xml") else "PDF",
            }
        )
    choices = form_choices(case) if can_work_cases(user) else []
    languages = form_documents.form_languages(case) if choices else []
    return {
        "rows": rows,
        "form": FormGenerateForm(form_choices=choices, languages=languages) if choices else None,
        "default_language": language_name(languages[0]) if languages else "",
        "return_to": return_to if return_to in ("forms", "check") else "forms",
    }
