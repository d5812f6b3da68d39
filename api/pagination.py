"""Cursor pagination: stable pages however many cases are added meanwhile, and no COUNT query."""

from rest_framework.pagination import CursorPagination


class NewestFirstCursorPagination(CursorPagination):
    """Newest first (``-created_at``, then the id), 50 a page by default, at most 200
    (``?page_size=``); ``next`` and ``previous`` are links with an opaque ``cursor``."""

    ordering = ("-created_at", "-id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class DueFirstCursorPagination(NewestFirstCursorPagination):
    """Deadlines across cases: the earliest due first."""

    ordering = ("due", "id")
