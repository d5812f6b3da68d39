"""`manage.py seed_demo`: the demo platform that `make run` creates on an empty database."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from cases.services.demo import demo_platform_create, demo_platform_exists


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
        if not demo_platform_exists():
            lines = demo_platform_create(port=options["port"])
            credentials.parent.mkdir(mode=0o700, exist_ok=True)
            fd = os.open(credentials, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as file:
                file.write("\n".join(lines) + "\n")
        if credentials.exists():
            self.stdout.write(credentials.read_text())
