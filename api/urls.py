"""Routes of /api/v1/ on a State's host. Identifiers in paths are matched loosely (``<id:...>``)
so that a malformed one gets the same problem+json 404 as an unknown one."""

from django.urls import path, re_path, register_converter
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from api import case_tasks, cases, deadlines, decisions, documents, notes, parties, timeline
from api.errors import NotFoundView


class IdentifierConverter:
    """Any path segment; the selectors turn what is not one of this State's ids into 404."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdentifierConverter, "id")

app_name = "api"

case = "cases/<id:case_id>/"

urlpatterns = [
    # The generator reads ROOT_URLCONF (the public one) unless told: a State serves this one.
    path("schema/", SpectacularAPIView.as_view(urlconf="isupport.urls_state"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("cases/", cases.CaseListView.as_view(), name="case_list"),
    path("cases/search/", cases.CaseSearchView.as_view(), name="case_search"),
    path("cases/incoming/", cases.IncomingCaseView.as_view(), name="case_incoming"),
    path(case, cases.CaseDetailView.as_view(), name="case_detail"),
    path(case + "transmit/", cases.CaseTransmitView.as_view(), name="case_transmit"),
    path(case + "acknowledge/", cases.CaseAcknowledgeView.as_view(), name="case_acknowledge"),
    path(case + "events/", cases.CaseEventView.as_view(), name="case_events"),
    path(case + "reassign/", cases.CaseReassignView.as_view(), name="case_reassign"),
    path(case + "parties/", parties.PartyListView.as_view(), name="party_list"),
    path(case + "decision/", decisions.DecisionView.as_view(), name="decision"),
    path(case + "documents/", documents.DocumentListView.as_view(), name="document_list"),
    path(
        case + "documents/<id:document_id>/content/",
        documents.DocumentDownloadView.as_view(),
        name="document_download",
    ),
    path(case + "deadlines/", deadlines.CaseDeadlineListView.as_view(), name="case_deadlines"),
    path(case + "timeline/", timeline.TimelineView.as_view(), name="timeline"),
    path(case + "notes/", notes.NoteListView.as_view(), name="note_list"),
    path(case + "tasks/", case_tasks.TaskListView.as_view(), name="task_list"),
    path(case + "tasks/<id:task_id>/done/", case_tasks.TaskDoneView.as_view(), name="task_done"),
    path("deadlines/", deadlines.DeadlineListView.as_view(), name="deadline_list"),
    # Anything else under /api/v1/: a problem+json 404, not an HTML page.
    re_path(r"^.*$", NotFoundView.as_view(), name="not_found"),
]
