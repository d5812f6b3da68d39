import os

from django.core.management.base import BaseCommand, CommandError

from tenants.services import OnboardingError, state_onboard


class Command(BaseCommand):
    help = (
        "Onboard a State: create its schema, host, keys and first administrator. The "
        "administrator's password is read from ISUPPORT_ADMIN_PASSWORD, or generated and printed "
        "once (it must be changed at first sign-in)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="ISO 3166-1 alpha-2 code, e.g. PT")
        parser.add_argument("--name", required=True, help="the State's name, e.g. Portugal")
        parser.add_argument("--domain", required=True, help="host serving it, e.g. pt.localhost")
        parser.add_argument("--time-zone", required=True, help="IANA zone, e.g. Europe/Lisbon")
        parser.add_argument("--languages", required=True, help="comma-separated, e.g. pt,en")
        parser.add_argument("--admin-email", required=True, help="the first administrator")
        parser.add_argument("--authority-name", default="", help="the Central Authority's name")

    def handle(self, *args, **options):
        try:
            onboarded = state_onboard(
                code=options["code"],
                name=options["name"],
                domain=options["domain"],
                time_zone=options["time_zone"],
                languages=[
                    item.strip() for item in options["languages"].split(",") if item.strip()
                ],
                admin_email=options["admin_email"],
                admin_password=os.environ.get("ISUPPORT_ADMIN_PASSWORD") or None,
                authority_name=options["authority_name"],
            )
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        state = onboarded.state
        self.stdout.write(
            self.style.SUCCESS(f"Onboarded {state} in schema {state.schema_name}.")
            + f"\n  host: {options['domain']}\n  administrator: {onboarded.administrator_email}"
        )
        if onboarded.one_time_password:
            self.stdout.write(
                f"  one-time password: {onboarded.one_time_password} (shown once; to be "
                "changed at first sign-in)"
            )
