import logging

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.throttle import (
    client_address,
    login_attempt_begin,
    login_attempt_succeeded,
    login_attempt_void,
)

logger = logging.getLogger(__name__)


class ThrottledAuthenticationMixin:
    """Refuses sign-in after repeated failures, even with the right password, for a while.

    The attempt is counted before the password is checked (``login_attempt_begin``), so that
    attempts sent all at once are counted as they arrive, not after their checks."""

    def clean(self):
        username = self.data.get("username", "")
        address = client_address(self.request) if self.request else "-"
        if not login_attempt_begin(username=username, client_address=address):
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
            logger.warning("sign-in failed", extra={"event": "login_failed"})
            raise  # the attempt stays counted as a failure
        except BaseException:
            login_attempt_void(username=username, client_address=address)
            raise
        if self.get_user() is not None:
            login_attempt_succeeded(username=username, client_address=address)
        else:  # a form error (e.g. no password): no password was checked, nothing is proven
            login_attempt_void(username=username, client_address=address)
        return cleaned


class LoginForm(ThrottledAuthenticationMixin, AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class AdminLoginForm(ThrottledAuthenticationMixin, AdminAuthenticationForm):
    pass
