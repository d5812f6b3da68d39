"""Reading the platform's States (tenants) in the public schema, for the operator's commands."""

from tenants.models import State


def state_for_code(*, code: str) -> State | None:
    """The State (a tenant of kind "state") with this ISO code, or None."""
    return State.objects.filter(code=code.strip().upper(), kind=State.Kind.STATE).first()
