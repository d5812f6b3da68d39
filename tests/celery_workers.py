"""A real Celery worker process for the tests: on a queue of its own, connected to the test
database and the test Redis, with the solo pool (one process, one database connection)."""

import contextlib
import os
import subprocess
import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


class RunningWorker:
    def __init__(self, queue: str, log: Path):
        self.queue, self.log = queue, log

    def output(self) -> str:
        """What the worker printed (read once it has stopped)."""
        return self.log.read_text(errors="replace")


@contextlib.contextmanager
def celery_worker(django_db_blocker, directory: Path, *, include: tuple[str, ...] = ()):
    """Start a worker that also imports the modules ``include`` names (a test's own tasks);
    stop it on exit. Its output goes to a file in ``directory``."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock():
        parameters = connection.get_connection_params()
    database_url = "postgresql://{user}@/{dbname}?host={host}&port={port}".format(
        user=parameters.get("user", "postgres"),
        dbname=parameters["dbname"],
        host=parameters.get("host", ""),
        port=parameters.get("port", 5432),
    )
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)]),
    }
    running = RunningWorker(queue, directory / "worker.log")
    included = [argument for module in include for argument in ("--include", module)]
    with running.log.open("wb") as output:
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "isupport", "worker"),
                *("--pool", "solo", "--queues", queue, *included),
                *("--without-gossip", "--without-mingle", "--loglevel", "WARNING"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            yield running
        finally:
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=30)
