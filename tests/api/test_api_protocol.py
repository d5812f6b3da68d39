"""The API's protocol: problem+json errors (RFC 9457), idempotency keys, throttling."""

import pytest
from django.db import connection
from rest_framework.test import APIRequestFactory

from api.models import IdempotencyRecord
from api.problems import problem_exception_handler
from api.throttling import ClientRateThrottle
from cases.models import Case
from tests.api.conftest import token_client
from tests.conftest import HOST_A

JSON = "application/json"
NEW_CASE = {"requested_state": "NO", "application_type": "art_10_1_c"}


def _is_problem(response, status):
    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status
    assert body["type"].startswith("https://")
    return body


def test_validation_problem_lists_errors_per_field_without_echoing_values(api_a):
    secret = "Ólafsdóttir-1985"
    response = api_a.post(
        "/api/v1/cases/",
        {"requested_state": secret, "application_type": secret, "specific_measures": [secret]},
        content_type=JSON,
    )
    body = _is_problem(response, 400)
    assert body["instance"] == "/api/v1/cases/"
    assert set(body["errors"]) == {"requested_state", "application_type", "specific_measures.0"}
    assert secret not in response.content.decode()


def test_case_error_problem_carries_code_and_field(api_a):
    body = _is_problem(
        api_a.post(
            "/api/v1/cases/",
            {"requested_state": "PT", "application_type": "art_10_1_c"},
            content_type=JSON,
        ),
        422,
    )
    assert body["code"] == "same_state"
    assert body["errors"] == {"requested_state": [body["detail"]]}


def test_malformed_json_is_a_problem_without_the_parser_message(api_a):
    response = api_a.post("/api/v1/cases/", '{"requested_state": "Ólafs', content_type=JSON)
    body = _is_problem(response, 400)
    assert "Ólafs" not in response.content.decode()
    assert body["detail"] is None


def test_unknown_method_and_media_type_are_problems(api_a):
    _is_problem(api_a.delete("/api/v1/cases/"), 405)
    _is_problem(api_a.post("/api/v1/cases/", "x", content_type="text/plain"), 415)


def test_unexpected_error_is_a_500_problem_without_detail(db):
    request = APIRequestFactory().get("/api/v1/cases/")
    response = problem_exception_handler(
        RuntimeError("a value like Ólafsdóttir"), {"request": request, "view": None}
    )
    assert response.status_code == 500
    assert response.data["detail"] is None
    assert "Ólafsdóttir" not in str(response.data)


def test_retry_with_the_same_key_returns_the_stored_response_and_creates_one_case(
    api_a, in_state, state_a
):
    first = api_a.post("/api/v1/cases/", NEW_CASE, content_type=JSON, HTTP_IDEMPOTENCY_KEY="k-1")
    assert first.status_code == 201
    retry = api_a.post(
        "/api/v1/cases/",
        {"application_type": "art_10_1_c", "requested_state": "NO"},  # same content, other order
        content_type=JSON,
        HTTP_IDEMPOTENCY_KEY="k-1",
    )
    assert retry.status_code == 201
    assert retry.json() == first.json()
    assert retry["Idempotent-Replayed"] == "true"
    in_state(state_a)
    assert Case.objects.count() == 1
    record = IdempotencyRecord.objects.get()
    assert record.key == "k-1" and record.response_status == 201


def test_same_key_with_another_body_is_refused_422(api_a, in_state, state_a):
    api_a.post("/api/v1/cases/", NEW_CASE, content_type=JSON, HTTP_IDEMPOTENCY_KEY="k-2")
    reused = api_a.post(
        "/api/v1/cases/",
        {**NEW_CASE, "requested_state": "DE"},
        content_type=JSON,
        HTTP_IDEMPOTENCY_KEY="k-2",
    )
    body = _is_problem(reused, 422)
    assert body["code"] == "idempotency_key_reused"
    in_state(state_a)
    assert Case.objects.count() == 1


def test_keys_belong_to_their_client(api_a, state_a, make_api_client, in_state):
    api_a.post("/api/v1/cases/", NEW_CASE, content_type=JSON, HTTP_IDEMPOTENCY_KEY="shared")
    _client, token = make_api_client(state_a, name="Other system")
    other = token_client(HOST_A, token).post(
        "/api/v1/cases/", NEW_CASE, content_type=JSON, HTTP_IDEMPOTENCY_KEY="shared"
    )
    assert other.status_code == 201 and "Idempotent-Replayed" not in other
    in_state(state_a)
    assert Case.objects.count() == 2


def test_a_refused_request_is_not_stored_so_a_corrected_retry_may_use_the_key(
    api_a, in_state, state_a
):
    refused = api_a.post(
        "/api/v1/cases/",
        {"requested_state": "PT", "application_type": "art_10_1_c"},
        content_type=JSON,
        HTTP_IDEMPOTENCY_KEY="k-3",
    )
    assert refused.status_code == 422
    in_state(state_a)
    assert IdempotencyRecord.objects.count() == 0


def test_idempotency_key_on_an_upload(api_a, user_a, make_outgoing, in_state, state_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.api.conftest import PDF

    case = make_outgoing(user_a, parties=False)

    def upload(content):
        return api_a.post(
            f"/api/v1/cases/{case.pk}/documents/",
            {
                "file": SimpleUploadedFile("a.pdf", content, content_type="application/pdf"),
                "kind": "decision_text",
                "language": "pt",
            },
            HTTP_IDEMPOTENCY_KEY="upload-1",
        )

    first, retry = upload(PDF), upload(PDF)
    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert upload(PDF + b"%changed").status_code == 422
    in_state(state_a)
    assert case.documents.count() == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve", "with space"])
def test_malformed_idempotency_key_is_refused(api_a, key, in_state, state_a):
    response = api_a.post("/api/v1/cases/", NEW_CASE, content_type=JSON, HTTP_IDEMPOTENCY_KEY=key)
    _is_problem(response, 400)
    in_state(state_a)
    assert Case.objects.count() == 0


def test_records_older_than_24_hours_are_deleted_on_the_next_keyed_write(api_a, in_state, state_a):
    import datetime

    from django.utils import timezone

    api_a.post("/api/v1/cases/", NEW_CASE, content_type=JSON, HTTP_IDEMPOTENCY_KEY="old")
    in_state(state_a)
    IdempotencyRecord.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    again = api_a.post("/api/v1/cases/", NEW_CASE, content_type=JSON, HTTP_IDEMPOTENCY_KEY="old")
    assert again.status_code == 201 and "Idempotent-Replayed" not in again
    in_state(state_a)
    assert IdempotencyRecord.objects.count() == 1
    assert Case.objects.count() == 2


def test_throttling_per_client_gives_429_with_retry_after(api_a, monkeypatch, client_b):
    monkeypatch.setattr(ClientRateThrottle, "THROTTLE_RATES", {"api_client": "3/minute"})
    for _ in range(3):
        assert api_a.get("/api/v1/cases/").status_code == 200
    throttled = api_a.get("/api/v1/cases/")
    body = _is_problem(throttled, 429)
    assert int(throttled["Retry-After"]) > 0
    assert body["code"] == "throttled"
    connection.set_schema_to_public()
