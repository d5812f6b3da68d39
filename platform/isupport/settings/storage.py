"""Where files go: static files, and the States' documents (always encrypted by the application
before they are stored, under a per-State prefix; see ``cases.documents_storage``)."""

from .base import REPOSITORY_ROOT, env

# "filesystem" (default: a directory, .local/documents) or "s3" (django-storages).
DOCUMENT_STORAGE = env("ISUPPORT_DOCUMENT_STORAGE", default="filesystem")
if DOCUMENT_STORAGE == "s3":
    _documents = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("ISUPPORT_DOCUMENT_BUCKET"),
            "region_name": env("AWS_REGION", default=None),
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": False,
        },
    }
else:
    _documents = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": env.path(
                "ISUPPORT_DOCUMENT_ROOT", default=REPOSITORY_ROOT / ".local" / "documents"
            ),
        },
    }

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": _documents,
}

# Largest document a caseworker or an integration may upload, in bytes.
ISUPPORT_MAX_DOCUMENT_BYTES = env.int("ISUPPORT_MAX_DOCUMENT_BYTES", default=20 * 1024 * 1024)
# Django refuses a request body larger than this outside file fields; uploads stream to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
