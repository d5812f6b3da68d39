"""OpenAPI (drf-spectacular): the Bearer token scheme, the problem+json error responses every
operation documents, and helpers the resource modules use to describe themselves."""

import inspect

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

PROBLEM_MEDIA_TYPE = "application/problem+json"


class ProblemSerializer(serializers.Serializer):
    """An error (RFC 9457)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField(allow_null=True)
    instance = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text=_("Messages per field, for invalid input."),
    )


class ProblemAutoSchema(AutoSchema):
    """Adds the problem+json responses (400, 401, 403, 404, 409, 422, 429) to every operation,
    and the ``Idempotency-Key`` header to every POST."""

    problem_statuses = (400, 401, 403, 404, 409, 413, 422, 429)

    def get_description(self):
        # The view's own docstring only: a base class's says nothing about the operation.
        view_doc = self.view.__class__.__dict__.get("__doc__")
        return inspect.cleandoc(view_doc) if view_doc else ""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for status_code in self.problem_statuses:
            responses.setdefault(
                str(status_code),
                self._get_response_for_code(
                    ProblemSerializer, str(status_code), (PROBLEM_MEDIA_TYPE,), direction
                ),
            )
        return responses

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self.method == "POST":
            parameters.append(
                OpenApiParameter(
                    "Idempotency-Key",
                    OpenApiTypes.STR,
                    OpenApiParameter.HEADER,
                    required=False,
                    description=_(
                        "Any unique string (1 to 255 visible ASCII characters, e.g. a UUID): a "
                        "retry with the same key and body gets the stored response."
                    ),
                    pattern=r"^[\x21-\x7e]{1,255}$",
                )
            )
        return parameters


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": _("An API client's token: `Authorization: Bearer <token>`."),
        }


def path_id(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.UUID, OpenApiParameter.PATH, description=description)


CASE_ID = path_id("case_id", _("The case's identifier."))
