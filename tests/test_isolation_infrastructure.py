"""Shared infrastructure that must still keep States apart: cache, connection, layout."""

import subprocess
import sys
from pathlib import Path

from django.core.cache import cache
from django.db import connection, transaction

from cases.models import Person

ROOT = Path(__file__).resolve().parents[1]


def test_cache_entry_written_in_state_a_misses_in_state_b(state_a, state_b, in_state):
    in_state(state_a)
    cache.set("worklist", "cases of A", timeout=30)
    assert cache.get("worklist") == "cases of A"
    in_state(state_b)
    assert cache.get("worklist") is None
    in_state(state_a)
    cache.delete("worklist")


def test_search_path_is_restored_after_a_rolled_back_savepoint(
    state_a, state_b, in_state, make_person
):
    """django-tenants #1262: a ROLLBACK TO SAVEPOINT must not leave B's rows visible to A."""
    in_state(state_b)
    make_person(family_name="Nordmann")
    in_state(state_a)
    try:
        with transaction.atomic():
            Person.objects.create(family_name="Silva")
            raise RuntimeError("abort the savepoint")
    except RuntimeError:
        pass
    assert Person.objects.search(family_name="Nordmann") == []


def test_platform_is_a_source_root_not_a_package():
    assert not (ROOT / "platform" / "__init__.py").exists()
    result = subprocess.run(
        [sys.executable, "-c", "import uuid, platform; print(platform.system())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Linux"


def test_connection_is_public_outside_requests(db):
    assert connection.schema_name == "public"


def test_production_refuses_development_fallbacks():
    import os

    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SECRET_KEY", "ISUPPORT_MASTER_KEY", "DJANGO_DEBUG"}
    }
    environment.update(
        ISUPPORT_ENVIRONMENT="production",
        DJANGO_SETTINGS_MODULE="isupport.settings",
        PYTHONPATH=f"{ROOT / 'platform'}:{ROOT}",
    )
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "ISUPPORT_ENVIRONMENT=production needs DJANGO_SECRET_KEY" in result.stderr
    assert "ISUPPORT_MASTER_KEY" in result.stderr
