"""Settings, composed from small parts: the base, then one module per integration.

Every deployment value is read from the environment (django-environ) and documented in the
README's configuration table. Nothing secret lives in code.
"""

from .api import *  # noqa: F403
from .base import *  # noqa: F403
from .celery import *  # noqa: F403
from .logging import *  # noqa: F403
from .sentry import *  # noqa: F403
from .storage import *  # noqa: F403
