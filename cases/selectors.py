"""Reading a State's persons, for a user: every read checks access first."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404

from cases.models import Person
from cases.permissions import can_view_persons


def person_get_for_user(*, user, person_id: uuid.UUID) -> Person:
    if not can_view_persons(user):
        raise PermissionDenied
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise Http404
    return person


def person_search_for_user(
    *, user, family_name: str = "", date_of_birth: datetime.date | None = None
) -> list[Person]:
    if not can_view_persons(user):
        raise PermissionDenied
    return Person.objects.search(family_name=family_name, date_of_birth=date_of_birth)
