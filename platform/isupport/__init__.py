"""The Django project of the platform: settings, URLs, the Celery app, embedded services."""

from .celery import app as celery_app

__all__ = ["celery_app"]
