"""The case list: filters in the query string; a search by a party's family name or date of
birth posted and kept in the session, never in a URL."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_http_methods

from cases import services
from cases.engine import state_today
from cases.forms import (
    CaseFilterForm,
    CasePersonSearchForm,
)
from cases.selectors import (
    case_list_for_user,
    case_workers_for_user,
)

CASES_PER_PAGE = 25
PERSON_SEARCH_SESSION_KEY = "cases_list_person_search"


# --- Case list ----------------------------------------------------------------------------------


def _person_search_from_session(request) -> dict:
    stored = request.session.get(PERSON_SEARCH_SESSION_KEY) or {}
    date_of_birth = None
    if stored.get("date_of_birth"):
        try:
            date_of_birth = datetime.date.fromisoformat(stored["date_of_birth"])
        except ValueError:
            date_of_birth = None
    return {"family_name": stored.get("family_name") or "", "date_of_birth": date_of_birth}


def _list_url(query: str) -> str:
    url = reverse("cases:case_list")
    # Only the list's own query string comes back here; it carries no personal value.
    return f"{url}?{query}" if query and "\n" not in query else url


@login_required
@require_http_methods(["GET", "POST"])
def case_list(request):
    """The State's cases with filters in the query string; a search by a party's family name or
    date of birth is posted and kept in the session. An htmx request gets the results only."""
    if request.method == "POST":
        query = request.POST.get("query", "")
        if "clear_person_search" in request.POST:
            request.session.pop(PERSON_SEARCH_SESSION_KEY, None)
            return HttpResponseRedirect(_list_url(query), status=303)
        person_form = CasePersonSearchForm(request.POST)
        if person_form.is_valid():
            date_of_birth = person_form.cleaned_data.get("date_of_birth")
            request.session[PERSON_SEARCH_SESSION_KEY] = {
                "family_name": person_form.cleaned_data.get("family_name") or "",
                "date_of_birth": date_of_birth.isoformat() if date_of_birth else "",
            }
            return HttpResponseRedirect(_list_url(query), status=303)
    else:
        person_form = CasePersonSearchForm()

    person_search = _person_search_from_session(request)
    workers = case_workers_for_user(user=request.user)
    filter_form = CaseFilterForm(request.GET or None, workers=workers)
    filters = filter_form.filters(**person_search)
    page = Paginator(case_list_for_user(user=request.user, filters=filters), CASES_PER_PAGE)
    page_obj = page.get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)  # read once: the audit and the page
    searched = [name for name in ("family_name", "date_of_birth") if person_search[name]]
    if searched:
        services.case_search_record(user=request.user, fields=searched, shown=page_obj.object_list)
    context = {
        "filter_form": filter_form,
        "person_form": person_form,
        "error_forms": [filter_form, person_form],
        "person_search": person_search,
        "page_obj": page_obj,
        "cases": page_obj.object_list,
        "today": state_today(),
        "query": request.GET.urlencode(),
    }
    template = "cases/case_list.html"
    if request.htmx and request.method == "GET":
        template += "#results"
    status = 422 if request.method == "POST" else 200
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
