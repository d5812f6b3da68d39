from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

SESSION_SCHEMA_KEY = "isupport_schema"


@receiver(user_logged_in)
def _bind_session_to_schema(sender, request, user, **kwargs):
    request.session[SESSION_SCHEMA_KEY] = connection.schema_name


class SessionBoundToSchemaMiddleware:
    """A session belongs to the schema it signed in to. Sessions are stored per schema already;
    this refuses a session presented to another schema even if storage were shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bound_to = request.session.get(SESSION_SCHEMA_KEY)
        if bound_to is not None and bound_to != connection.schema_name:
            logout(request)
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """Sends a user who signed in with a one-time password to choose their own first."""

    allowed = ("accounts:password_change", "accounts:logout", "set_language")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.password_change_required:
            match = getattr(request, "resolver_match", None) or _resolve(request)
            if match is None or match.view_name not in self.allowed:
                return redirect("accounts:password_change")
        return self.get_response(request)


def _resolve(request):
    try:
        return resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
