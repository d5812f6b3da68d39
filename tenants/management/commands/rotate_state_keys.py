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
            "--reencrypt", action="store_true", help="rewrite existing values under the new key"
        )

    def handle(self, *args, **options):
        try:
            version, rewritten = state_rotate_keys(
                code=options["code"], reencrypt=options["reencrypt"]
            )
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        message = f"{options['code'].upper()} now encrypts with data key version {version}."
        if options["reencrypt"]:
            message += f" {rewritten} rows re-encrypted."
        self.stdout.write(self.style.SUCCESS(message))
