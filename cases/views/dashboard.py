"""The State host's landing pages: its home page and the caseworker's dashboard."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from accounts.permissions import (
    can_manage_users,
    can_see_team_workload,
    can_view_cases,
)
from cases.selectors import (
    dashboard_for_user,
)


@login_required
def home(request):
    """The landing page of a State's host once signed in: officials who read cases start from
    their dashboard, anyone else sees their account's home page."""
    if can_view_cases(request.user):
        return redirect("cases:dashboard")
    return render(request, "accounts/home.html")


# --- Dashboard ----------------------------------------------------------------------------------


@login_required
def dashboard(request):
    """What is due first: overdue deadlines and those due within seven days, then the user's
    open cases and tasks, the latest events; the team's workload for supervisors."""
    board = dashboard_for_user(user=request.user)
    return render(
        request,
        "cases/dashboard.html",
        {
            "board": board,
            "today": board.today,
            "show_workload": can_see_team_workload(request.user) and board.workload is not None,
            "can_manage_users": can_manage_users(request.user),
        },
    )
