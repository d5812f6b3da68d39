from django import forms
from django.utils.translation import gettext_lazy as _


class PersonSearchForm(forms.Form):
    family_name = forms.CharField(
        label=_("Family name"),
        max_length=200,
        required=False,
        help_text=_("Exact name; capitals and accents do not matter."),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("family_name") and not cleaned.get("date_of_birth"):
            raise forms.ValidationError(_("Enter a family name, a date of birth, or both."))
        return cleaned
