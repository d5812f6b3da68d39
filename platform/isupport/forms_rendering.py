"""Forms rendered as GOV.UK Frontend markup.

FORM_RENDERER is GovukFormRenderer: `{{ form }}` and `{{ form.field.as_field_group }}` emit
GOV.UK form groups (label, hint, error message, input with its error modifier), keeping
Django's ids and its aria-describedby / aria-invalid attributes. The templates are in
platform/isupport/templates/forms/govuk/. GovukDateInput is the GOV.UK date input (day, month,
year) for a DateField.
"""

import datetime

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class GovukFormRenderer(TemplatesSetting):
    """Renders forms and fields with the GOV.UK templates, widgets with Django's own
    (found through TEMPLATES, hence 'django.forms' in INSTALLED_APPS)."""

    form_template_name = "forms/govuk/form.html"
    field_template_name = "forms/govuk/field.html"


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: three text boxes (day, month, year) in a fieldset.

    Its value is "YYYY-MM-DD" (which DateField parses), "" when all three are empty, or the
    parts as typed (which DateField refuses as an invalid date).
    """

    template_name = "forms/govuk/widgets/date.html"
    parts = (("day", _("Day"), 2), ("month", _("Month"), 2), ("year", _("Year"), 4))

    def __init__(self, attrs=None):
        widgets = {
            name: forms.TextInput(attrs={"inputmode": "numeric"}) for name, _label, _w in self.parts
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (
            (data.get(f"{name}_{part}") or "").strip() for part, _label, _w in self.parts
        )
        if not (day or month or year):
            return ""
        if day.isdigit() and month.isdigit() and year.isdigit():
            return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data, files, name):
        return not any(f"{name}_{part}" in data for part, _label, _w in self.parts)

    def id_for_label(self, id_):
        return f"{id_}_day" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        has_error = context["widget"]["attrs"].get("aria-invalid") == "true"
        context["widget"]["has_error"] = has_error
        id_ = context["widget"]["attrs"].get("id")
        for subwidget, (part, label, width) in zip(
            context["widget"]["subwidgets"], self.parts, strict=True
        ):
            if id_:
                subwidget["attrs"]["id"] = f"{id_}_{part}"
            subwidget["label"] = label
            subwidget["width"] = width
        return context
