"""Display helpers for the caseworker pages: `{% load cases_ui %}`.

Dates, amounts and country names are formatted with Babel (CLDR) in the interface language, so
every page shows them the same way (docs/ui.md; UX-NOTES §6.2). Dates are those stored: a
deadline's due date is the Convention engine's, never recomputed here.
"""

import datetime
from zoneinfo import ZoneInfo

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency
from django import template
from django.utils import translation
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.engine import current_state
from convention.deadlines import DeadlineRule
from convention.vocabulary import ApplicationType, Direction, SpecificMeasure
from convention.workflow import CaseEvent, CaseState

register = template.Library()


def ui_locale() -> Locale:
    """The Babel locale of the active interface language (English when unknown)."""
    try:
        return Locale.parse(translation.to_locale(translation.get_language() or "en"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


@register.filter
def country_name(code: str) -> str:
    """A State's name in the interface language, from its ISO 3166 code."""
    if not code:
        return ""
    return ui_locale().territories.get(code.upper(), code.upper())


@register.filter
def day(value, style: str = "medium") -> str:
    """A date (or the local date of an instant) in the interface language."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.astimezone(_zone()).date()
    return format_date(value, format=style, locale=ui_locale())


@register.filter
def instant(value, style: str = "medium") -> str:
    """An instant in the State's time zone, in the interface language."""
    if not value:
        return ""
    return format_datetime(value, format=style, tzinfo=_zone(), locale=ui_locale())


def _zone() -> ZoneInfo:
    try:
        return ZoneInfo(current_state().time_zone)
    except AttributeError:
        return ZoneInfo("UTC")


@register.simple_tag
def days_from_today(value: datetime.date | None, today: datetime.date) -> str:
    """ "in 3 days", "today", "2 days ago" (whole days; translated)."""
    if not value:
        return ""
    delta = (value - today).days
    if delta == 0:
        return _("today")
    if delta > 0:
        return ngettext("in %(days)d day", "in %(days)d days", delta) % {"days": delta}
    return ngettext("%(days)d day ago", "%(days)d days ago", -delta) % {"days": -delta}


def article_reference(number: str) -> str:
    """A reference to an article ("Art 12(3)") in the interface language."""
    return _("Art %(article)s") % {"article": number}


article_reference_lazy = lazy(article_reference, str)


@register.filter
def article(number: str) -> str:
    """``{{ deadline.article|article }}``: "Art <bdi>12(3)</bdi>", the number kept left to right
    in a right-to-left page."""
    if not number:
        return ""
    before, _placeholder, after = _("Art %(article)s").partition("%(article)s")
    return format_html("{}<bdi>{}</bdi>{}", before, number, after)


@register.filter
def money(amount, currency: str) -> str:
    if amount is None:
        return ""
    return format_currency(amount, currency or "EUR", locale=ui_locale())


def _enum_label(enum, value) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return value or ""


def _enum_article(enum, value) -> str:
    try:
        return enum(value).article or ""
    except ValueError:
        return ""


@register.filter
def state_label(value: str) -> str:
    return _enum_label(CaseState, value)


@register.filter
def event_label(value: str) -> str:
    return _enum_label(CaseEvent, value)


@register.filter
def rule_label(value: str) -> str:
    return _enum_label(DeadlineRule, value)


@register.filter
def application_type_label(value: str) -> str:
    return _enum_label(ApplicationType, value)


@register.filter
def application_type_article(value: str) -> str:
    return _enum_article(ApplicationType, value)


@register.filter
def measure_label(value: str) -> str:
    return _enum_label(SpecificMeasure, value)


@register.filter
def direction_label(value: str) -> str:
    return _enum_label(Direction, value)


_STATE_COLOURS = {
    CaseState.NEW.value: "grey",
    CaseState.TRANSMITTED.value: "blue",
    CaseState.RECEIVED.value: "light-blue",
    CaseState.ACKNOWLEDGED.value: "turquoise",
    CaseState.DOCUMENTS_REQUESTED.value: "yellow",
    CaseState.REFUSED.value: "red",
    CaseState.STOPPED.value: "orange",
    CaseState.WITH_COMPETENT_AUTHORITY.value: "purple",
    CaseState.DECLARED_ENFORCEABLE.value: "green",
    CaseState.RECOGNITION_REFUSED.value: "red",
    CaseState.CHALLENGED.value: "pink",
    CaseState.ENFORCING.value: "green",
    CaseState.DECISION_MADE.value: "green",
    CaseState.CLOSED.value: "grey",
}


@register.filter
def state_colour(value: str) -> str:
    return _STATE_COLOURS.get(value, "")


@register.filter
def short_hash(value: str) -> str:
    return (value or "")[:12]


@register.filter
def file_size(size: int | None) -> str:
    if size is None:
        return ""
    from babel.numbers import format_decimal

    locale = ui_locale()
    if size < 1024:
        return _("%(size)s bytes") % {"size": format_decimal(size, locale=locale)}
    if size < 1024 * 1024:
        return _("%(size)s KB") % {"size": format_decimal(round(size / 1024, 1), locale=locale)}
    return _("%(size)s MB") % {"size": format_decimal(round(size / 2**20, 1), locale=locale)}


@register.filter
def language_name(code: str) -> str:
    if not code:
        return ""
    return ui_locale().languages.get(code, code)
