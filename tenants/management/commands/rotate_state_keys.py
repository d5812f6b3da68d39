from django.core.management.base import BaseCommand, CommandError

from tenants.services import OnboardingError, state_rotate_keys


class Command(BaseCommand):
    help = (
        "Rotate a State's data key: new values are encrypted under a new key version, older "
        "values stay readable. With --reencrypt, rewrite every older value under the new key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="ISO 3166-1 alpha-2 code, e.g. PT")
        parser.add_argument(
            "--reencrypt",
            choices=["now", "background"],
            default="",
            help="rewrite existing values under the new key: now, or in a Celery task",
        )

    def handle(self, *args, **options):
        try:
            version, outcome = state_rotate_keys(
                code=options["code"], reencrypt=options["reencrypt"]
            )
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['code'].upper()} now encrypts with data key version {version}. {outcome}"
            )
        )
