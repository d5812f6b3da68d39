"""Cursor pagination: stable pages however many cases are added meanwhile, and no COUNT query.

A ``cursor`` is opaque but not signed: whatever decodes to one is checked before it reaches a
query. One that does not decode, or whose position is not a value of the ordering's first field
(an aware date and time for ``created_at``, a date for ``due``), is refused with 400
``invalid_cursor`` (DRF answers 404 to the first and lets the second fail in the query)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from api.problems import InvalidCursor


def _is_position_of(field: models.Field, position: str) -> bool:
    """Whether ``position`` is a value of ``field`` as the pagination writes one (``str()`` of
    the value)."""
    if "\x00" in position:
        return False
    try:
        if isinstance(field, models.DateTimeField):
            value = parse_datetime(position)
            # Aware, and within the range of dates once in UTC (PostgreSQL compares in UTC).
            return (
                value is not None
                and value.tzinfo is not None
                and bool(value.astimezone(datetime.UTC))
            )
        field.to_python(position)
    except (ValidationError, ValueError, TypeError, OverflowError):
        return False
    return True


class NewestFirstCursorPagination(CursorPagination):
    """Newest first (``-created_at``, then the id), 50 a page by default, at most 200
    (``?page_size=``); ``next`` and ``previous`` are links with an opaque ``cursor``."""

    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def paginate_queryset(self, queryset, request, view=None):
        self._position_field = queryset.model._meta.get_field(self.ordering[0].lstrip("-"))
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise InvalidCursor from None
        position = cursor.position if cursor is not None else None
        if position is not None and not _is_position_of(self._position_field, position):
            raise InvalidCursor
        return cursor


class DueFirstCursorPagination(NewestFirstCursorPagination):
    """Deadlines across cases: the earliest due first."""

    ordering = ("due", "id")
