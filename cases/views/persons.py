"""Finding a person and the person's page."""

import uuid

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cases.forms import (
    PersonSearchForm,
)
from cases.selectors import (
    person_get_for_user,
    person_search_for_user,
)

# --- Persons ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def person_search(request):
    """Search by family name and/or date of birth. POST, so that no name reaches a URL."""
    form = PersonSearchForm(request.POST if request.method == "POST" else None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = person_search_for_user(user=request.user, **form.cleaned_data)
    return render(request, "cases/person_search.html", {"form": form, "result": result})


@login_required
def person_detail(request, person_id: uuid.UUID):
    person = person_get_for_user(user=request.user, person_id=person_id)
    return render(request, "cases/person_detail.html", {"person": person})
