"""Celery: Redis as broker and result store, tasks carrying their State's schema."""

from .base import REDIS_URL, env


def _celery_redis_url(url: str) -> str:
    """Celery spells a Redis unix socket redis+socket:// where redis-py says unix://."""
    if url.startswith("unix://"):
        path, _, query = url.removeprefix("unix://").partition("?")
        database = dict(part.split("=", 1) for part in query.split("&") if "=" in part).get("db")
        return f"redis+socket://{path}" + (f"?virtual_host={database}" if database else "")
    return url


CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=_celery_redis_url(REDIS_URL))
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=_celery_redis_url(REDIS_URL))
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", default="isupport")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 3600
# No result is stored unless a task asks for it: a failure's stored message could quote a value.
CELERY_TASK_IGNORE_RESULT = True
# tenant-schemas-celery looks the State up once per task. Not cached: the fresh row tells the
# worker whether the State's keys changed (rotation, offboarding) since it last unwrapped them.
CELERY_TASK_TENANT_CACHE_SECONDS = 0
CELERY_BEAT_SCHEDULER = "tenant_schemas_celery.scheduler.TenantAwarePersistentScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME", default=".local/celerybeat-schedule"
)
CELERY_BEAT_SCHEDULE = {}
