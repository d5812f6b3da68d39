"""The Celery app. Tasks carry the schema of the State that queued them (tenant-schemas-celery)."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isupport.settings")

app = CeleryApp("isupport")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
