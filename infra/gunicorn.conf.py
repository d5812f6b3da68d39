"""gunicorn, the production web server: `gunicorn -c infra/gunicorn.conf.py` from the checkout.

Every value comes from the environment (README, "How production runs"):

  PORT                        8000    listens on 0.0.0.0:PORT
  WEB_CONCURRENCY             2       worker processes: one per core
  GUNICORN_THREADS            4       threads per worker (more than 1: the gthread worker)
  GUNICORN_TIMEOUT            60      seconds a worker may stay silent before it is replaced
                                      (with the sync worker: the longest a request may take)
  GUNICORN_GRACEFUL_TIMEOUT   25      seconds to finish requests on SIGTERM (below the 30 s an
                                      orchestrator such as ECS waits before SIGKILL)
  GUNICORN_KEEPALIVE          75      seconds an idle connection stays open: longer than the load
                                      balancer's idle timeout (60 s on AWS ALB), or it may send a
                                      request on a connection gunicorn has just closed (502)
  GUNICORN_MAX_REQUESTS       1000    requests before a worker is replaced (bounds memory
  GUNICORN_MAX_REQUESTS_JITTER 100    growth), plus up to this many, so workers do not all
                                      restart at once
  FORWARDED_ALLOW_IPS         see below
  LOG_FORMAT, LOG_LEVEL       json, INFO   as the application's logs

Each worker thread keeps one persistent database connection (DATABASE_CONN_MAX_AGE, 60 s by
default): WEB_CONCURRENCY x GUNICORN_THREADS connections per web container. The application is
not preloaded: nothing (database connection, cached State keys) is opened before the fork, so no
two workers ever share one.

Forwarded headers. With ISUPPORT_PROXY_COUNT > 0 (behind load balancers) the application takes
the client address from X-Forwarded-For and HTTPS from X-Forwarded-Proto; gunicorn then trusts
X-Forwarded-Proto from any peer (FORWARDED_ALLOW_IPS="*"), because load balancer nodes have no
fixed addresses: the targets must accept connections from the load balancers only (security
group), which the application's own trust requires anyway. Set FORWARDED_ALLOW_IPS to the load
balancers' subnets to narrow it. With ISUPPORT_PROXY_COUNT=0 no peer is trusted.

Access log: one line per request with method, path (never the query string, where searches
could carry names), status, size, duration, host (which State) and request id (X-Request-ID,
the key to the application's log lines). No client address, user agent, referrer or user name:
they are personal data, and the load balancer's own logs hold the addresses when kept.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for source_root in (str(ROOT), str(ROOT / "platform")):  # as manage.py and infra/dev.py do
    if source_root not in sys.path:
        sys.path.insert(0, source_root)


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


wsgi_app = "isupport.wsgi:application"
proc_name = "isupport-web"

bind = [f"0.0.0.0:{_int('PORT', 8000)}"]
workers = _int("WEB_CONCURRENCY", 2)
threads = _int("GUNICORN_THREADS", 4)
preload_app = False

timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 25)
keepalive = _int("GUNICORN_KEEPALIVE", 75)
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# The workers' heartbeat files (created and unlinked at once): in memory, never on a slow disk
# where a blocked write would look like a hung worker (gunicorn's advice for containers).
if Path("/dev/shm").is_dir():  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

_behind_proxies = _int("ISUPPORT_PROXY_COUNT", 0) > 0
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*" if _behind_proxies else "")
# Only the header the load balancer sets (and Django's SECURE_PROXY_SSL_HEADER reads).
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}

# gunicorn 25+ opens a control socket by default; nothing here uses it.
control_socket_disable = True

access_log_format = (
    "%(m)s %(U)s %(H)s %(s)s %(B)s bytes %(M)s ms host=%({host}i)s request_id=%({x-request-id}o)s"
)
_formatter = (
    {
        "()": "isupport.observability.TextFormatter",
        "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
    }
    if os.environ.get("LOG_FORMAT", "json") == "text"
    else {"()": "isupport.observability.JsonFormatter"}
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"isupport": _formatter},
    "handlers": {
        "stream": {
            "class": "logging.StreamHandler",
            "formatter": "isupport",
            "stream": "ext://sys.stderr",  # where the application logs too
        }
    },
    "root": {"level": os.environ.get("LOG_LEVEL", "INFO"), "handlers": ["stream"]},
    "loggers": {
        "gunicorn.error": {
            "level": os.environ.get("LOG_LEVEL", "INFO"),
            "handlers": ["stream"],
            "propagate": False,
        },
        "gunicorn.access": {"level": "INFO", "handlers": ["stream"], "propagate": False},
    },
}
