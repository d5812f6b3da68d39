"""A State administrator's pages for the State's API clients: list, create (the token is shown
on that response only) and revoke. Served on a State's host; every change goes through
``api.services``."""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import can_manage_api_clients
from api.models import ApiClientRole
from api.selectors import api_client_get_for_administrator, api_clients_for_administrator
from api.services import ApiClientError, api_client_create, api_client_revoke


class ApiClientForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the client is, e.g. the court registry's case system."),
        error_messages={"required": _("Give the client a name.")},
    )
    role = forms.ChoiceField(
        label=_("Role"),
        widget=forms.RadioSelect,
        choices=ApiClientRole.choices,
        help_text=_("The client may do what a user with this role may do."),
        error_messages={"required": _("Choose the client's role.")},
    )


def _require_state_administrator(request) -> None:
    if getattr(request.tenant, "kind", "") != "state":
        raise Http404
    if not can_manage_api_clients(request.user):
        raise PermissionDenied


@login_required
def api_client_list(request):
    _require_state_administrator(request)
    clients = api_clients_for_administrator(user=request.user)
    labels = dict(ApiClientRole.choices)
    rows = [
        {
            "client": client,
            "roles": [str(labels[g.name]) for g in client.user.groups.all() if g.name in labels],
        }
        for client in clients
    ]
    return render(request, "api/api_clients.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def api_client_new(request):
    """Create a client; its token is shown on this response only."""
    _require_state_administrator(request)
    status = 200
    if request.method == "POST":
        form = ApiClientForm(request.POST)
        if form.is_valid():
            try:
                client, token = api_client_create(user=request.user, **form.cleaned_data)
            except ApiClientError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                return render(
                    request, "api/api_client_created.html", {"client": client, "token": token}
                )
        status = 422
    else:
        form = ApiClientForm()
    return render(request, "api/api_client_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def api_client_revoke_view(request, client_id: uuid.UUID):
    _require_state_administrator(request)
    client = api_client_get_for_administrator(user=request.user, client_id=client_id)
    if request.method == "POST":
        api_client_revoke(user=request.user, client=client)
        messages.success(request, _("The API client has been revoked."))
        return redirect("api_clients:list")
    return render(request, "api/api_client_revoke.html", {"client": client})
