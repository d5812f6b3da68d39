"""GOV.UK Frontend helpers for templates: `{% load govuk %}` (registered in TEMPLATES as a
library, since isupport is not an installed app).

- {% nav_link "cases:case_list" _("Cases") %}: a service navigation item, or nothing when the
  URL name does not exist on this host; marked current (aria-current) on its page.
- {% govuk_widget field %}: a field's widget with the GOV.UK class (and its error modifier).
- {% govuk_choice choice "govuk-radios__input" %}: one radio or checkbox of a choice field.
- {% error_summary_items form forms as items %}: what the error summary lists.
- {% filter back_navigation %}…{% endfilter %}: the page's back link in a navigation landmark.
"""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext

register = template.Library()

_WIDGET_CLASSES = {
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "textarea": "govuk-textarea",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
}


@register.filter(is_safe=True)
def back_navigation(content):
    """The back link in a navigation landmark: all content is then in landmarks (axe's `region`
    rule, UX-NOTES §4.2) while the link stays before <main>, where the skip link passes it (GOV.UK
    guidance). Nothing on a page without a back link: no empty landmark is announced."""
    if not str(content).strip():
        return ""
    return format_html('<nav aria-label="{}">{}</nav>', gettext("Back"), content)


@register.simple_tag(takes_context=True)
def nav_link(context, url_name, text, *args):
    """A GOV.UK service navigation item linking to a URL name, or "" if it does not reverse."""
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        return ""
    request = context.get("request")
    path = request.path if request is not None else ""
    current = path == url
    active = current or (url != "/" and path.startswith(url))
    if not active:
        return format_html(
            '<li class="govuk-service-navigation__item">'
            '<a class="govuk-service-navigation__link" href="{}">{}</a></li>',
            url,
            text,
        )
    return format_html(
        '<li class="govuk-service-navigation__item govuk-service-navigation__item--active">'
        '<a class="govuk-service-navigation__link" href="{}" aria-current="{}">'
        '<strong class="govuk-service-navigation__active-fallback">{}</strong></a></li>',
        url,
        "page" if current else "true",
        text,
    )


def _with_class(existing: str | None, *classes: str) -> str:
    return " ".join(filter(None, [existing, *classes]))


@register.simple_tag
def govuk_widget(field):
    """Render a bound field's widget with GOV.UK classes; Django's ids and aria attributes
    (aria-describedby, aria-invalid) stay as Django builds them."""
    kind = field.widget_type
    if kind == "checkbox":
        classes = ["govuk-checkboxes__input"]
    elif kind == "govukdate":
        return field.as_widget()
    else:
        base = _WIDGET_CLASSES.get(kind, "govuk-input")
        classes = [base, f"{base}--error" if field.errors else ""]
    return field.as_widget(
        attrs={"class": _with_class(field.field.widget.attrs.get("class"), *classes)}
    )


@register.simple_tag
def govuk_choice(choice, css_class):
    """Render one input of a RadioSelect or CheckboxSelectMultiple with a GOV.UK class."""
    data = dict(choice.data)
    data["attrs"] = {**data["attrs"], "class": _with_class(data["attrs"].get("class"), css_class)}
    data["wrap_label"] = False
    return choice.parent_widget._render(choice.template_name, {"widget": data}, choice.renderer)


@register.simple_tag
def error_summary_items(form=None, forms=None):
    """The error summary's entries for a form, or for several forms or formsets: dicts with
    "message" and "href" (the field's first input; None for errors of the whole form)."""
    items = []
    pending = [form] if form is not None else []
    pending += list(forms or [])
    while pending:
        current = pending.pop(0)
        if isinstance(current, BaseFormSet):
            items += [{"message": error, "href": None} for error in current.non_form_errors()]
            pending[0:0] = list(current.forms)
            continue
        if not isinstance(current, BaseForm) or not current.is_bound:
            continue
        items += [{"message": error, "href": None} for error in current.non_field_errors()]
        for field in current:
            for error in field.errors:
                anchor = _first_input_id(field)
                items.append({"message": error, "href": f"#{anchor}" if anchor else None})
    return items


def _first_input_id(field) -> str | None:
    """The id the error summary links to: the field's input, or its first radio or checkbox
    (a group of radios has no single id)."""
    if field.is_hidden:
        return None
    if field.id_for_label:
        return field.id_for_label
    subwidgets = field.subwidgets
    return subwidgets[0].id_for_label if subwidgets else None
