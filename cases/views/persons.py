"""Finding a person and the person's page. Both are audited: the search by the fields searched
(never the name or date searched for), the page as a view of the person and of each Art 40
restricted party whose address and contact details it discloses."""

import uuid

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from cases import services
from cases.forms import (
    PersonSearchForm,
)
from cases.selectors import (
    person_disclosure_for_user,
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
        services.person_search_record(
            user=request.user,
            fields=[name for name, value in form.cleaned_data.items() if value],
            found=result.total,
            shown=result.persons,
        )
    return render(request, "cases/person_search.html", {"form": form, "result": result})


@login_required
def person_detail(request, person_id: uuid.UUID):
    """The person's particulars; the address and contact details of a person under an Art 40
    determination only for users allowed to see them, and every such disclosure is audited."""
    person = person_get_for_user(user=request.user, person_id=person_id)
    disclosure = person_disclosure_for_user(user=request.user, person=person)
    services.person_view_record(
        user=request.user, person=person, restricted_parties=disclosure.disclosed_parties
    )
    return render(
        request,
        "cases/person_detail.html",
        {
            "person": person,
            "restricted": disclosure.restricted,
            "shows_restricted": disclosure.shows_restricted,
        },
    )
