"""A State administrator's pages for the State's users (list, create with a one-time password,
deactivate). Served on a State's host only; every change goes through ``user_management``."""

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from accounts.permissions import can_manage_users
from accounts.roles import StateRole
from accounts.user_management import (
    UserManagementError,
    user_create,
    user_deactivate,
    user_get_for_administrator,
    user_has_restricted_permission,
    users_for_administrator,
)


class UserCreateForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        widget=forms.CheckboxSelectMultiple,
        choices=StateRole.choices,
        error_messages={"required": _("Choose at least one role.")},
    )
    view_restricted_information = forms.BooleanField(
        label=_("May see information restricted under Article 40"),
        required=False,
        help_text=_("Supervisors may always see it."),
    )


def _require_state_administrator(request) -> None:
    if getattr(request.tenant, "kind", "") != "state":
        raise Http404
    if not can_manage_users(request.user):
        raise PermissionDenied


@login_required
def user_list(request):
    _require_state_administrator(request)
    rows = [
        {
            "user": account,
            "roles": account.role_labels_prefetched,
            "restricted": user_has_restricted_permission(account),
        }
        for account in _with_role_labels(users_for_administrator(user=request.user))
    ]
    return render(request, "accounts/users.html", {"rows": rows})


def _with_role_labels(accounts):
    labels = dict(StateRole.choices)
    for account in accounts:
        account.role_labels_prefetched = [
            str(labels[group.name]) for group in account.groups.all() if group.name in labels
        ]
    return accounts


@login_required
@require_http_methods(["GET", "POST"])
def user_new(request):
    """Create a user; the one-time password is shown on this response only."""
    _require_state_administrator(request)
    status = 200
    if request.method == "POST":
        form = UserCreateForm(request.POST)
        if form.is_valid():
            try:
                created, password = user_create(user=request.user, **form.cleaned_data)
            except UserManagementError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
            else:
                return render(
                    request,
                    "accounts/users_created.html",
                    {"created": created, "password": password},
                )
        status = 422
    else:
        form = UserCreateForm()
    return render(request, "accounts/users_new.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def user_deactivate_view(request, user_id: uuid.UUID):
    _require_state_administrator(request)
    target = user_get_for_administrator(user=request.user, user_id=user_id)
    error = None
    if request.method == "POST":
        try:
            user_deactivate(user=request.user, target=target)
        except UserManagementError as refused:
            error = refused.message
        else:
            messages.success(request, _("The user has been deactivated."))
            return redirect("accounts:user_list")
    return render(
        request,
        "accounts/users_deactivate.html",
        {"target": target, "error": error},
        status=422 if error else 200,
    )
