from django.urls import path

from cases import views
from cases.wizard.urls import urlpatterns as wizard_urlpatterns

app_name = "cases"

urlpatterns = [
    path("persons/", views.person_search, name="person_search"),
    path("persons/<uuid:person_id>/", views.person_detail, name="person_detail"),
    *wizard_urlpatterns,
]
