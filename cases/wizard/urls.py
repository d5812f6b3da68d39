"""Routes of the outgoing application wizard (included by ``cases.urls``, in its ``cases``
namespace)."""

from django.urls import path

from cases.wizard import views

urlpatterns = [
    path("cases/outgoing/new/", views.outgoing_new, name="outgoing_new"),
    path("cases/<uuid:case_id>/application/", views.application, name="application"),
    path(
        "cases/<uuid:case_id>/application/check/",
        views.application_check,
        name="application_check",
    ),
    path(
        "cases/<uuid:case_id>/application/transmit/",
        views.application_transmit,
        name="application_transmit",
    ),
    path(
        "cases/<uuid:case_id>/application/parties/<uuid:party_id>/remove/",
        views.application_party_remove,
        name="application_party_remove",
    ),
    path(
        "cases/<uuid:case_id>/application/<slug:section>/",
        views.application_section,
        name="application_section",
    ),
]
