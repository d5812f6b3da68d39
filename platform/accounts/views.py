from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.user.password_change_required = False
        self.request.user.save(update_fields=["password_change_required"])
        messages.success(self.request, _("Your password has been changed."))
        return response


@login_required
def home(request):
    """The signed-in official's home page: who they are, their roles, their State or body."""
    return render(request, "accounts/home.html")
