"""The caseworker pages and the wizard come out in the interface language (Accept-Language
here), with their own messages, the Convention engine's labels and their errors translated."""

from django.db import connection

from tests.conftest import HOST_A, client_for


def test_case_list_comes_out_in_french_for_a_caseworker(caseworker_a, make_incoming):
    make_incoming(caseworker_a)
    connection.set_schema_to_public()
    client = client_for(HOST_A, caseworker_a)
    page = client.get("/cases/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="fr"' in page
    assert "1 dossier" in page  # the plural form for one
    assert "Appliquer les filtres" in page
    assert "art. <bdi>10(1)(c)</bdi>" in page
    assert "Reçu" in page  # the case's state, from the Convention engine's catalogue
    assert "Apply filters" not in page


def test_wizard_comes_out_in_spanish_with_its_errors(caseworker_a):
    connection.set_schema_to_public()
    client = client_for(HOST_A, caseworker_a)
    page = client.get("/cases/outgoing/new/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Nueva solicitud saliente" in page and "Crear el caso" in page
    refused = client.post("/cases/outgoing/new/", {}, HTTP_ACCEPT_LANGUAGE="es")
    assert refused.status_code == 422
    assert "Elija el Estado requerido." in refused.content.decode()
