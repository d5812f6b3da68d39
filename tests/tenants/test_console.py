"""The Permanent Bureau's console shows States and key records, read-only, never a key."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client

from encryption.models import StateKey
from tests.conftest import HOST_A, HOST_PUBLIC, PASSWORD


def _console(db):
    connection.set_schema_to_public()
    staff = get_user_model().objects.create_superuser(email="pb@example.org", password=PASSWORD)
    client = Client(HTTP_HOST=HOST_PUBLIC)
    assert client.login(email=staff.email, password=PASSWORD)
    return client


def test_console_lists_states_and_their_hosts(db, state_a):
    client = _console(db)
    listing = client.get("/admin/tenants/state/").content.decode()
    assert "Portugal" in listing and "Norway" in listing
    detail = client.get(f"/admin/tenants/state/{state_a.pk}/change/").content.decode()
    assert HOST_A in detail
    assert client.get("/admin/tenants/state/add/").status_code == 403
    assert client.get(f"/admin/tenants/state/{state_a.pk}/delete/").status_code == 403


def test_console_shows_key_records_but_never_a_key(db, state_a):
    client = _console(db)
    key = StateKey.objects.filter(state=state_a).first()
    page = client.get(f"/admin/encryption/statekey/{key.pk}/change/").content.decode()
    assert "local:state_pt" in page
    assert bytes(key.wrapped_key).hex() not in page
    assert "wrapped" not in page.lower()
    response = client.post(f"/admin/encryption/statekey/{key.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert StateKey.objects.filter(pk=key.pk).exists()


def test_console_is_not_served_on_a_state_host(db, state_a):
    client = Client(HTTP_HOST=HOST_A)
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/tenants/state/").status_code == 404
