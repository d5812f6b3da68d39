"""The caseworkers' notes and tasks on a State's cases (they do not change the application, so
the case's version stays as it is)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditAction
from audit.services import audit_record
from cases.errors import CaseError
from cases.models import Case, Note, Task, TimelineEvent
from cases.services.shared import case_recorded, require_state_worker, require_worker


@transaction.atomic
def note_add(*, user, case: Case, text: str) -> Note:
    require_worker(user)
    text = (text or "").strip()
    if not text:
        raise CaseError(_("Write the note first."), code="required", field="text")
    if len(text) > 10_000:
        raise CaseError(_("A note is at most 10,000 characters."), code="too_long", field="text")
    note = Note.objects.create(case=case, text=text, author=user)
    case_recorded(
        case,
        user=user,
        action=AuditAction.CREATE,
        object_type="note",
        object_id=note.pk,
        touched=None,
        event=TimelineEvent.Kind.NOTE_ADDED,
    )
    return note


@transaction.atomic
def task_add(
    *, user, case: Case, title: str, due: datetime.date | None = None, assigned_to=None
) -> Task:
    require_worker(user)
    title = (title or "").strip()
    if not title:
        raise CaseError(_("Say what is to be done."), code="required", field="title")
    if len(title) > 500:
        raise CaseError(_("A task is at most 500 characters."), code="too_long", field="title")
    assignee = assigned_to or user
    require_state_worker(assignee, field="assigned_to")
    task = Task.objects.create(case=case, title=title, due=due, assigned_to=assignee)
    case_recorded(
        case,
        user=user,
        action=AuditAction.CREATE,
        object_type="task",
        object_id=task.pk,
        touched=None,
        event=TimelineEvent.Kind.TASK_ADDED,
    )
    return task


@transaction.atomic
def task_complete(*, user, task: Task) -> Task:
    require_worker(user)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        audit_record(
            actor=user,
            action=AuditAction.CHANGE,
            object_type="task",
            object_id=task.pk,
            case_id=task.case_id,
            details={"fields": ["done_at"]},
        )
    return task
