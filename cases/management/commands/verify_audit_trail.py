"""Verify the hash-chained audit trail of one State or of every State."""

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from cases.audit import audit_verify
from tenants.selectors import state_for_code, states_all


class Command(BaseCommand):
    help = (
        "Verify the audit trail of a State (--state PT) or of every State: every entry's MAC, "
        "the links between entries, no gap and no removed tail. Exits with status 1 when an "
        "entry was altered or deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--state", help="The State's code, e.g. PT; every State if omitted.")

    def handle(self, *args, state=None, **options):
        if state:
            found = state_for_code(code=state)
            if found is None:
                raise CommandError(f"No State with the code {state.strip().upper()!r}.")
            states = [found]
        else:
            states = states_all()
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
