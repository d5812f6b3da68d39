"""The Convention's forms of a case (Annexes 1 and 2 and the recommended forms), filled in from
the case's records: ``values`` (which forms and languages apply, the values of each form),
``services`` (generating one and storing it as documents of the case), ``views`` (the page that
generates one, from the case's Forms section or the wizard's check-answers page).

"Form" alone means a Django form in this code base; a form of the Convention is a
*Convention form*."""

from cases.convention_forms.services import case_form_generate
from cases.convention_forms.values import (
    FORM_NAMES,
    FORMATS,
    applicable_form_codes,
    case_form_build,
    case_form_values,
    default_form_language,
    form_languages,
)

__all__ = [
    "FORMATS",
    "FORM_NAMES",
    "applicable_form_codes",
    "case_form_build",
    "case_form_generate",
    "case_form_values",
    "default_form_language",
    "form_languages",
]
