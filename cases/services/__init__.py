"""Everything that changes a State's cases. The web UI, the REST API and the management commands
call these functions and nothing else; each checks the user's permission, runs in one
transaction, records the timeline and the audit trail (``shared.case_recorded``), and leaves
nothing half-written.

Failures are ``CaseError`` (or ``PermissionDenied``) with a translated message that names no
personal value, so that it may be shown to the user and logged (``cases.errors``).

One module per subject: ``cases`` (creating, reassigning), ``workflow`` (the Convention's events,
transmission, acknowledgement), ``parties``, ``particulars`` (the decision and the wizard's
answers), ``documents``, ``notes_tasks``, ``reads`` (the audit of what users see); ``shared``
holds what they have in common. The names below are the package's interface.
"""

from cases.errors import CaseError, StaleCaseError
from cases.services.cases import (
    application_subject,
    case_consent_record,
    case_create_outgoing,
    case_reassign,
    case_register_incoming,
)
from cases.services.documents import document_add, document_content
from cases.services.notes_tasks import note_add, task_add, task_complete
from cases.services.particulars import (
    DECISION_FIELDS,
    PARTICULARS_FIELDS,
    application_particulars_record,
    decision_record,
)
from cases.services.parties import PERSON_FIELDS, party_add, party_remove
from cases.services.reads import (
    case_search_record,
    person_search_record,
    person_view_record,
    record_view,
)
from cases.services.shared import local_start_of_day
from cases.services.workflow import (
    AcknowledgementOutcome,
    case_acknowledge,
    case_apply_event,
    case_transmit,
)

__all__ = [
    "DECISION_FIELDS",
    "PARTICULARS_FIELDS",
    "PERSON_FIELDS",
    "AcknowledgementOutcome",
    "CaseError",
    "StaleCaseError",
    "application_particulars_record",
    "application_subject",
    "case_acknowledge",
    "case_apply_event",
    "case_consent_record",
    "case_create_outgoing",
    "case_reassign",
    "case_register_incoming",
    "case_search_record",
    "case_transmit",
    "decision_record",
    "document_add",
    "document_content",
    "local_start_of_day",
    "note_add",
    "party_add",
    "party_remove",
    "person_search_record",
    "person_view_record",
    "record_view",
    "task_add",
    "task_complete",
]
