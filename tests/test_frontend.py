"""The user interface layer: the front-end build, the GOV.UK form renderer, the base layout."""

import datetime
import json
from pathlib import Path

import pytest
from django import forms
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import RequestFactory

from isupport.forms_rendering import GovukDateInput
from tests.conftest import HOST_A, client_for

ROOT = Path(__file__).resolve().parents[1]


def test_the_built_stylesheet_and_scripts_are_static_files():
    for name in ("frontend/site.css", "frontend/htmx.min.js", "frontend/govuk-frontend.min.js"):
        assert finders.find(name), name
    assert finders.find("isupport/app.mjs")


def test_no_gov_uk_branding_is_shipped():
    css = Path(finders.find("frontend/site.css")).read_text()
    assert "GDS Transport" not in css
    assert "Noto Sans" in css
    build = Path(finders.find("frontend/site.css")).parent
    shipped = [path.name.lower() for path in build.rglob("*") if path.is_file()]
    for word in ("crown", "crest", "logotype", "light-", "bold-"):
        assert not [name for name in shipped if word in name], word
    assert not (build / "assets").exists()


def test_htmx_is_the_pinned_version_4():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/htmx.org"]["version"] == "4.0.1"
    assert lock["packages"]["node_modules/govuk-frontend"]["version"] == "6.6.0"
    assert '"4.0.1"' in Path(finders.find("frontend/htmx.min.js")).read_text()


class EveryWidgetForm(forms.Form):
    reference = forms.CharField(label="Reference", help_text="As on the letter.")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "Alpha"), ("b", "Beta")], widget=forms.RadioSelect
    )
    measures = forms.MultipleChoiceField(
        label="Measures",
        choices=[("x", "Ex"), ("y", "Why")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agreed = forms.BooleanField(label="Agreed", required=False)
    country = forms.ChoiceField(label="Country", choices=[("pt", "Portugal")])
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False)
    attachment = forms.FileField(label="Attachment", required=False)
    decided = forms.DateField(label="Date of the decision", widget=GovukDateInput)
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def test_the_form_renderer_emits_gov_uk_markup():
    html = str(EveryWidgetForm())
    assert '<label class="govuk-label govuk-label--s" for="id_reference">Reference</label>' in html
    assert 'class="govuk-hint" id="id_reference_helptext"' in html
    assert 'aria-describedby="id_reference_helptext"' in html
    assert 'class="govuk-radios__input"' in html and 'class="govuk-radios__item"' in html
    assert 'class="govuk-checkboxes__input"' in html
    assert 'class="govuk-select"' in html
    assert 'class="govuk-textarea"' in html
    assert 'class="govuk-file-upload"' in html
    assert 'class="govuk-date-input"' in html and 'id="id_decided_day"' in html
    assert html.count('<fieldset class="govuk-fieldset"') == 3  # radios, checkboxes, date
    assert 'type="hidden" name="token"' in html


def test_field_errors_are_marked_and_described():
    form = EveryWidgetForm(data={"decided_day": "31", "decided_month": "2", "decided_year": "x"})
    html = str(form)
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert '<p class="govuk-error-message" id="id_reference_error">' in html
    assert '<span class="govuk-visually-hidden">Error:</span>' in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_reference_helptext id_reference_error"' in html
    assert "govuk-date-input__input govuk-input--width-2 govuk-input--error" in html


def test_date_input_gives_an_iso_date():
    form = EveryWidgetForm(
        data={
            "reference": "R1",
            "kind": "a",
            "country": "pt",
            "decided_day": "3",
            "decided_month": "12",
            "decided_year": "2025",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["decided"] == datetime.date(2025, 12, 3)
    bound = str(EveryWidgetForm(initial={"decided": datetime.date(2024, 1, 9)})["decided"])
    assert 'value="9"' in bound and 'value="2024"' in bound


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_error_summary_lists_the_errors_of_several_forms():
    first = EveryWidgetForm(data={})
    second = EveryWidgetForm(data={"reference": "R"}, prefix="other")
    html = _render(
        '{% include "includes/error_summary.html" with forms=forms %}', forms=[first, second]
    )
    assert 'data-module="govuk-error-summary"' in html and 'tabindex="-1"' in html
    assert 'href="#id_reference"' in html
    assert 'href="#id_other-kind_0"' in html
    assert 'href="#id_decided_day"' in html
    assert (
        _render('{% include "includes/error_summary.html" %}', form=EveryWidgetForm()).strip() == ""
    )


def test_navigation_link_is_left_out_when_its_url_does_not_exist():
    request = RequestFactory().get("/accounts/login/")
    html = _render(
        '{% load govuk %}{% nav_link "accounts:login" "Sign in" %}{% nav_link "nope:none" "X" %}',
        request=request,
    )
    assert 'aria-current="page"' in html and "Sign in" in html
    assert "X" not in html


@pytest.mark.parametrize("language", ["en", "fr"])
def test_layout_of_a_state_page(state_a, language):
    page = (
        client_for(HOST_A).get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    )
    assert """hx-headers:inherited='{"x-csrftoken": \"""" in page
    assert '<div id="status-region" class="govuk-visually-hidden" role="status"' in page
    assert 'href="#main-content" class="govuk-skip-link"' in page
    assert '<main class="govuk-main-wrapper" id="main-content">' in page
    assert "frontend/site.css" in page and "frontend/htmx.min.js" in page
    assert "GOV.UK" not in page and "crown" not in page
    assert 'lang="de">Deutsch</option>' in page and ">français</option>" in page


def test_state_navigation_lists_only_existing_pages(state_a, make_user):
    from django.db import connection

    user = make_user(state_a)
    connection.set_schema_to_public()
    page = client_for(HOST_A, user).get("/", follow=True).content.decode()
    assert 'class="govuk-service-navigation__list"' in page
    assert 'href="/persons/"' in page
