"""The caseworker pages. Thin: parse the input with a form, read through ``selectors`` (which
raise Http404 for an unknown case or one of another State), change through ``services``, render.

Every page and action is a real link or form that works without JavaScript; htmx only changes
where a response goes (the case list's results region). Names never reach a URL: the case list's
search by a party's name is posted and kept in the session.

A module per subject: ``dashboard`` (the home page and the dashboard), ``persons``,
``case_list``, ``case_pages`` (the case's sections), ``actions`` (workflow steps), ``incoming``
(registration). The outgoing wizard is ``cases.wizard``; the Convention forms' page is
``cases.convention_forms.views``.
"""

from cases.views.actions import case_action
from cases.views.case_list import CASES_PER_PAGE, case_list
from cases.views.case_pages import (
    case_deadlines_view,
    case_detail,
    case_documents,
    case_forms,
    case_notes,
    case_parties_view,
    case_reassign,
    case_tasks,
    case_timeline_view,
    document_download,
    task_done,
)
from cases.views.dashboard import dashboard, home
from cases.views.incoming import incoming_new
from cases.views.persons import person_detail, person_search

__all__ = [
    "CASES_PER_PAGE",
    "case_action",
    "case_deadlines_view",
    "case_detail",
    "case_documents",
    "case_forms",
    "case_list",
    "case_notes",
    "case_parties_view",
    "case_reassign",
    "case_tasks",
    "case_timeline_view",
    "dashboard",
    "document_download",
    "home",
    "incoming_new",
    "person_detail",
    "person_search",
    "task_done",
]
