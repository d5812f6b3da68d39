from django.urls import path
from django.views.generic import RedirectView

from cases import views
from cases.convention_forms import views as convention_form_views
from cases.wizard.urls import urlpatterns as wizard_urlpatterns

app_name = "cases"

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/incoming/new/", views.incoming_new, name="incoming_new"),
    path("cases/<uuid:case_id>/", views.case_detail, name="case_detail"),
    path(
        "cases/<uuid:case_id>/forms/generate/",
        convention_form_views.form_generate,
        name="form_generate",
    ),
    path("cases/<uuid:case_id>/parties/", views.case_parties_view, name="case_parties"),
    path("cases/<uuid:case_id>/documents/", views.case_documents, name="case_documents"),
    path(
        "cases/<uuid:case_id>/documents/<uuid:document_id>/download/",
        views.document_download,
        name="document_download",
    ),
    path("cases/<uuid:case_id>/deadlines/", views.case_deadlines_view, name="case_deadlines"),
    path("cases/<uuid:case_id>/timeline/", views.case_timeline_view, name="case_timeline"),
    path("cases/<uuid:case_id>/forms/", views.case_forms, name="case_forms"),
    path("cases/<uuid:case_id>/notes/", views.case_notes, name="case_notes"),
    path("cases/<uuid:case_id>/tasks/", views.case_tasks, name="case_tasks"),
    path("cases/<uuid:case_id>/tasks/<uuid:task_id>/done/", views.task_done, name="task_done"),
    path("cases/<uuid:case_id>/reassign/", views.case_reassign, name="case_reassign"),
    path("cases/<uuid:case_id>/actions/<slug:event>/", views.case_action, name="case_action"),
    # The State's users are managed under accounts/ (accounts.views_admin).
    path("users/", RedirectView.as_view(pattern_name="accounts:user_list"), name="users"),
    path("persons/", views.person_search, name="person_search"),
    path("persons/<uuid:person_id>/", views.person_detail, name="person_detail"),
    *wizard_urlpatterns,
]
