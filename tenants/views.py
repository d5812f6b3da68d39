from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from cases.permissions import can_view_cases


@login_required
def home(request):
    """The landing page of a State's or the Governing Body's host, once signed in. A State's
    officials start from their dashboard."""
    if getattr(request.tenant, "kind", "") == "state" and can_view_cases(request.user):
        return redirect("cases:dashboard")
    return render(request, "tenants/home.html")
