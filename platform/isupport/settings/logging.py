"""Structured logs: one JSON object per line, carrying the schema and the request id."""

from .base import env

LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FORMAT = env("LOG_FORMAT", default="json")  # "json" or "text"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"context": {"()": "isupport.observability.ContextFilter"}},
    "formatters": {
        "json": {"()": "isupport.observability.JsonFormatter"},
        "text": {
            "()": "isupport.observability.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(schema)s] %(message)s",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["context"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
    },
}
