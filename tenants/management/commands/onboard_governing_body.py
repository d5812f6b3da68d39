import os

from django.core.management.base import BaseCommand, CommandError

from tenants.services import OnboardingError, governing_body_onboard


class Command(BaseCommand):
    help = (
        "Create the Governing Body: a schema holding its own accounts, served on its own host. "
        "The administrator's password is read from ISUPPORT_ADMIN_PASSWORD, or generated and "
        "printed once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--domain", required=True, help="e.g. governing-body.example.org")
        parser.add_argument("--admin-email", required=True, help="the first administrator")

    def handle(self, *args, **options):
        try:
            onboarded = governing_body_onboard(
                domain=options["domain"],
                admin_email=options["admin_email"],
                admin_password=os.environ.get("ISUPPORT_ADMIN_PASSWORD") or None,
            )
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Created the Governing Body on {options['domain']}."))
        if onboarded.one_time_password:
            self.stdout.write(f"  one-time password: {onboarded.one_time_password} (shown once)")
