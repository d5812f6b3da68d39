"""Create an integration client of a State and print its token, once."""

from django.core.management.base import BaseCommand, CommandError
from django_tenants.utils import schema_context

from api.models import ApiClientRole
from api.services import ApiClientError, api_client_create
from tenants.selectors import state_for_code


class Command(BaseCommand):
    help = "Create an API client of a State (--state PT) and print its token once."

    def add_arguments(self, parser):
        parser.add_argument("--state", required=True, help="The State's code, e.g. PT.")
        parser.add_argument("--name", required=True, help="What the client is.")
        parser.add_argument(
            "--role",
            required=True,
            choices=ApiClientRole.values,
            help="The role the client acts with.",
        )

    def handle(self, *args, state, name, role, **options):
        found = state_for_code(code=state)
        if found is None:
            raise CommandError(f"No State with the code {state.upper()!r}.")
        with schema_context(found.schema_name):
            try:
                client, token = api_client_create(user=None, name=name, role=role)
            except ApiClientError as error:
                raise CommandError(error.message) from None
        self.stdout.write(f"API client {client.pk} created for {found.code}.")
        self.stdout.write("Its token, shown only this once:")
        self.stdout.write(token)
