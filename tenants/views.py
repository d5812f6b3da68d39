from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def home(request):
    """The landing page of a State's or the Governing Body's host, once signed in."""
    return render(request, "tenants/home.html")
