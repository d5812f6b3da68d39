"""The catalogue: every form in every version, looked up by code (and version or date)."""

from __future__ import annotations

import datetime

from .annexes import ACKNOWLEDGEMENT, TRANSMITTAL
from .model import FormDefinition
from .recommended import (
    ABSTRACT_OF_DECISION,
    APPLICATION_ENFORCEMENT,
    APPLICATION_ESTABLISHMENT,
    APPLICATION_MODIFICATION,
    APPLICATION_RECOGNITION,
    FINANCIAL_CIRCUMSTANCES,
    SPECIFIC_MEASURES,
    STATEMENT_OF_ENFORCEABILITY,
    STATEMENT_OF_PROPER_NOTICE,
    STATUS_REPORT,
)

FORMS: tuple[FormDefinition, ...] = (
    TRANSMITTAL,
    ACKNOWLEDGEMENT,
    APPLICATION_RECOGNITION,
    APPLICATION_ENFORCEMENT,
    APPLICATION_ESTABLISHMENT,
    APPLICATION_MODIFICATION,
    SPECIFIC_MEASURES,
    STATUS_REPORT,
    ABSTRACT_OF_DECISION,
    STATEMENT_OF_ENFORCEABILITY,
    STATEMENT_OF_PROPER_NOTICE,
    FINANCIAL_CIRCUMSTANCES,
)

_BY_KEY = {(form.code, form.version): form for form in FORMS}
_BY_NAMESPACE = {form.namespace: form for form in FORMS}
if len(_BY_KEY) != len(FORMS):  # pragma: no cover - a catalogue error, caught on import
    raise RuntimeError("two forms share a code and version")


def form_codes() -> list[str]:
    return list(dict.fromkeys(form.code for form in FORMS))


def get_form(
    code: str, version: str | None = None, *, on: datetime.date | None = None
) -> FormDefinition:
    """The form ``code`` in ``version``; without a version, the one in effect ``on`` that day
    (today by default), since the annexed forms may be amended under Art 55."""
    if version is not None:
        try:
            return _BY_KEY[(code, version)]
        except KeyError:
            raise KeyError(f"no form {code!r} in version {version!r}") from None
    day = on or datetime.date.today()
    candidates = [f for f in FORMS if f.code == code and f.effective_on(day)]
    if not candidates:
        raise KeyError(f"no form {code!r} in effect on {day.isoformat()}")
    return max(candidates, key=lambda form: form.effective_from)


def form_for_namespace(namespace: str) -> FormDefinition | None:
    return _BY_NAMESPACE.get(namespace)
