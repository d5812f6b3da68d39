"""The errors of a State's case services, in a module of their own so that any module (the
document storage, the Convention forms, the views and the API) can raise or catch them without
importing the services."""


class CaseError(Exception):
    """A request the rules refuse; ``message`` is translated and free of personal data."""

    safe_to_log = True

    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message, self.code, self.field = message, code, field


class StaleCaseError(CaseError):
    """The case changed since the form was opened (optimistic concurrency)."""
