import logging

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.throttle import (
    client_address,
    login_failure_record,
    login_failures_clear,
    login_is_locked,
)

logger = logging.getLogger(__name__)


class ThrottledAuthenticationMixin:
    """Refuses sign-in after repeated failures, even with the right password, for a while."""

    def clean(self):
        username = self.data.get("username", "")
        address = client_address(self.request) if self.request else "-"
        if login_is_locked(username=username, client_address=address):
            logger.warning("sign-in refused: too many failures", extra={"event": "login_locked"})
            minutes = max(1, settings.LOGIN_FAILURE_WINDOW_SECONDS // 60)
            raise forms.ValidationError(
                ngettext(
                    "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
                    "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
                    minutes,
                )
                % {"minutes": minutes},
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failure_record(username=username, client_address=address)
            logger.warning("sign-in failed", extra={"event": "login_failed"})
            raise
        if self.get_user() is not None:  # a form error (e.g. no password) proves nothing
            login_failures_clear(username=username)
        return cleaned


class LoginForm(ThrottledAuthenticationMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class AdminLoginForm(ThrottledAuthenticationMixin, AdminAuthenticationForm):
    pass
