"""The REST API (Django REST Framework) served at /api/v1/ on each State's host. Nothing is
built here yet; see the open issues."""
