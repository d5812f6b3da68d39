import getpass

from django.core.management.base import BaseCommand, CommandError

from tenants.services import OnboardingError, state_key_destruction_retry, state_offboard


class Command(BaseCommand):
    help = (
        "Offboard a State: destroy its keys (crypto-shredding), stop serving its hosts and mark "
        "it offboarded. Its data can never be decrypted again. Requires --confirm."
    )

    def add_arguments(self, parser):
        parser.add_argument("--code", required=True, help="ISO 3166-1 alpha-2 code, e.g. PT")
        parser.add_argument(
            "--confirm", action="store_true", help="confirm that the State's data is destroyed"
        )
        parser.add_argument("--operator", default="", help="who offboards (default: OS user)")
        parser.add_argument(
            "--retry-key-destruction",
            action="store_true",
            help="for an offboarded State: ask the key provider again to destroy its keys",
        )

    def handle(self, *args, **options):
        if options["retry_key_destruction"]:
            try:
                count = state_key_destruction_retry(code=options["code"])
            except OnboardingError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(self.style.SUCCESS(f"Asked the provider to destroy {count} key(s)."))
            return
        if not options["confirm"]:
            raise CommandError(
                "Offboarding destroys the State's keys and makes all its data unreadable, for "
                "ever. Run again with --confirm to proceed."
            )
        try:
            state = state_offboard(
                code=options["code"], operator=options["operator"] or getpass.getuser()
            )
        except OnboardingError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Offboarded {state}: its keys are destroyed and its hosts no longer served."
            )
        )
