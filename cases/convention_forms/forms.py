"""The Django form that asks which Convention form to generate, in which language and format."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.templatetags.cases_ui import ui_locale
from convention.forms import LANGUAGES


def form_language_choices(languages) -> list[tuple[str, str]]:
    names = ui_locale().languages
    return [(code, names.get(code, code)) for code in languages if code in LANGUAGES]


class FormGenerateForm(forms.Form):
    form_code = forms.ChoiceField(
        label=_("Form"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a form."),
            "invalid_choice": _("This form cannot be generated for this case."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language"),
        error_messages={
            "required": _("Choose a language."),
            "invalid_choice": _("Choose a language the requested State accepts."),
        },
    )
    fmt = forms.ChoiceField(
        label=_("Format"),
        widget=forms.RadioSelect,
        choices=[("pdf", _("PDF (to print or send by e-mail)")), ("xml", _("XML"))],
        initial="pdf",
        error_messages={
            "required": _("Choose PDF or XML."),
            "invalid_choice": _("Choose PDF or XML."),
        },
    )

    def __init__(self, *args, form_choices=(), languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form_code"].choices = list(form_choices)
        self.fields["language"].choices = form_language_choices(languages)
        if languages:
            self.fields["language"].initial = languages[0]
        if form_choices:
            self.fields["form_code"].initial = next(iter(form_choices))[0]
