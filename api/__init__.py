"""The REST API (Django REST Framework) served at /api/v1/ on each State's host: the same
services and selectors as the web UI, for a State's integration clients."""
