"""Verify the hash-chained audit trail of one State or of every State."""

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import get_tenant_model, schema_context

from audit.services import audit_verify


def _states(code: str | None) -> list:
    """The States (tenants of kind "state") to verify: the one with this code, or every one by
    code. The tenant model is Django's setting, so the platform layer names no app above it."""
    states = get_tenant_model().objects.filter(kind="state").order_by("code")
    if code:
        states = states.filter(code=code.strip().upper())
    return list(states)


class Command(BaseCommand):
    help = (
        "Verify the audit trail of a State (--state PT) or of every State: every entry's MAC, "
        "the links between entries, no gap and no removed tail. Exits with status 1 when an "
        "entry was altered or deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--state", help="The State's code, e.g. PT; every State if omitted.")

    def handle(self, *args, state=None, **options):
        states = _states(state)
        if state and not states:
            raise CommandError(f"No State with the code {state.strip().upper()!r}.")
        damaged = []
        for each in states:
            with schema_context(each.schema_name):
                problems = audit_verify()
            if problems:
                damaged.append(each.code)
                for problem in problems:
                    self.stderr.write(f"{each.code}: {problem}")
            else:
                self.stdout.write(f"{each.code}: the audit trail is intact.")
        if damaged:
            raise CommandError(
                f"The audit trail of {', '.join(damaged)} was altered or has entries missing.",
                returncode=1,
            )
