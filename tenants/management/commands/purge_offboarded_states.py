from django.core.management.base import BaseCommand, CommandError

from tenants.services import (
    OnboardingError,
    offboarded_retention,
    state_purge,
    state_retained_until,
    state_stored_documents,
    states_due_for_purge,
    states_retained,
)


class Command(BaseCommand):
    help = (
        "Delete what is left of offboarded States once their retention period "
        "(ISUPPORT_OFFBOARDED_RETENTION_DAYS after offboarding) has passed: drop the State's "
        "schema (DROP SCHEMA ... CASCADE) and delete its stored documents; the State's row "
        "records when (purged_at). Active States and States within their retention period are "
        "never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument("--state", help="only this State (ISO 3166-1 alpha-2 code, e.g. PT)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be deleted; delete nothing"
        )

    def handle(self, *args, **options):
        code = options["state"]
        try:
            due = states_due_for_purge(code=code)
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        if code is None:
            for state in states_retained():
                self.stdout.write(
                    f"{state.code}: kept until {state_retained_until(state).date().isoformat()} "
                    f"(offboarded {state.offboarded_at.date().isoformat()})."
                )
        if not due:
            days = offboarded_retention().days
            self.stdout.write(f"No offboarded State is past its retention period ({days} days).")
            return
        for state in due:
            offboarded = state.offboarded_at.date().isoformat()
            if options["dry_run"]:
                documents = len(state_stored_documents(state))
                self.stdout.write(
                    f"{state.code}: would drop the schema {state.schema_name} and delete "
                    f"{documents} stored document(s) (offboarded {offboarded})."
                )
                continue
            try:
                purged = state_purge(code=state.code)
            except OnboardingError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                self.style.SUCCESS(
                    f"{state.code}: dropped the schema {state.schema_name} and deleted "
                    f"{purged.documents} stored document(s) (offboarded {offboarded})."
                )
            )
