"""/api-clients/ on a State's host: its administrators' pages for the API clients."""

from django.urls import path

from api import views_admin

app_name = "api_clients"

urlpatterns = [
    path("", views_admin.api_client_list, name="list"),
    path("new/", views_admin.api_client_new, name="new"),
    path("<uuid:client_id>/revoke/", views_admin.api_client_revoke_view, name="revoke"),
]
