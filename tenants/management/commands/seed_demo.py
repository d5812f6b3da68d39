import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from tenants.models import State
from tenants.services import governing_body_onboard, public_tenant_ensure, state_onboard

DEMO_STATES = [
    {
        "code": "PT",
        "name": "Portugal",
        "time_zone": "Europe/Lisbon",
        "languages": ["pt", "en"],
        "authority_name": "Direção-Geral da Administração da Justiça",
    },
    {
        "code": "NO",
        "name": "Norway",
        "time_zone": "Europe/Oslo",
        "languages": ["nb", "en"],
        "authority_name": "NAV Innkreving",
    },
]


class Command(BaseCommand):
    help = (
        "On an empty database, create a demo platform: two States, the Governing Body and a "
        "Permanent Bureau administrator. Prints their addresses and credentials (kept in "
        ".local/demo-credentials.txt). Does nothing to a database that already has a State."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="the port the web server listens on")

    def handle(self, *args, **options):
        credentials = Path(settings.LOCAL_DIR) / "demo-credentials.txt"
        if not State.objects.filter(kind=State.Kind.STATE).exists():
            lines = self._create(port=options["port"])
            credentials.parent.mkdir(mode=0o700, exist_ok=True)
            fd = os.open(credentials, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as file:
                file.write("\n".join(lines) + "\n")
        if credentials.exists():
            self.stdout.write(credentials.read_text())

    @transaction.atomic
    def _create(self, *, port: str) -> list[str]:
        base = settings.BASE_DOMAIN
        lines = ["Demo platform (development only):"]
        public_tenant_ensure()
        password = secrets.token_urlsafe(12)
        get_user_model().objects.create_superuser(email=f"pb-admin@{base}.test", password=password)
        lines.append(
            f"  Permanent Bureau console  http://admin.{base}:{port}/admin/  "
            f"pb-admin@{base}.test / {password}"
        )
        for demo in DEMO_STATES:
            password = secrets.token_urlsafe(12)
            domain = f"{demo['code'].lower()}.{base}"
            onboarded = state_onboard(
                **demo,
                domain=domain,
                admin_email=f"ca-admin@{domain}.test",
                admin_password=password,
            )
            lines.append(
                f"  {onboarded.state.name:<24}  http://{domain}:{port}/  "
                f"{onboarded.administrator_email} / {password}"
            )
        password = secrets.token_urlsafe(12)
        domain = f"governing-body.{base}"
        onboarded = governing_body_onboard(
            domain=domain, admin_email=f"gb-admin@{domain}.test", admin_password=password
        )
        lines.append(
            f"  {'Governing Body':<24}  http://{domain}:{port}/  "
            f"{onboarded.administrator_email} / {password}"
        )
        lines.append(f"  Health check              http://localhost:{port}/healthz")
        return lines
