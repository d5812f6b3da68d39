"""Serializer fields shared by the resources: choices whose errors never quote the value sent,
references to users and the base view every endpoint uses."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS

from cases.errors import CaseError
from cases.selectors import case_workers_for_user

UNKNOWN_CHOICE = _("Unknown value: use one of the values listed in the API schema.")


def choice(choices, **kwargs) -> serializers.ChoiceField:
    """A choice whose error message does not repeat what was sent (DRF's default quotes it)."""
    kwargs.setdefault("error_messages", {})
    kwargs["error_messages"].setdefault("invalid_choice", UNKNOWN_CHOICE)
    return serializers.ChoiceField(choices=choices, **kwargs)


def choices_list(choices, **kwargs) -> serializers.ListField:
    return serializers.ListField(child=choice(choices), **kwargs)


def date_field(**kwargs) -> serializers.DateField:
    return serializers.DateField(
        error_messages={"invalid": _("Give the date as YYYY-MM-DD.")}, **kwargs
    )


def state_code(**kwargs) -> serializers.CharField:
    """An ISO 3166-1 alpha-2 code; whether the State is a party is the services' business."""
    return serializers.RegexField(
        r"^[A-Za-z]{2}$",
        error_messages={"invalid": _("Give a two-letter State code, e.g. PT.")},
        **kwargs,
    )


class UserRefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField(source="__str__")


class ApiView(GenericAPIView):
    """Base of every endpoint (never cached: ``isupport.middleware.NoStoreMiddleware``). Lists
    of a case's records are whole arrays; the lists across cases set a cursor pagination.

    The body of a POST or PUT the view takes is parsed once the request is authenticated,
    allowed and not throttled, before the handler runs: a body refused (too large, too many
    fields or files, JSON nested too deeply, malformed, of a media type not taken) is refused on
    every endpoint, even one that reads no body, and before anything is written."""

    pagination_class = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if request.method not in SAFE_METHODS and hasattr(self, request.method.lower()):
            request.data  # noqa: B018 - parsed now, for its errors

    def validated(self, serializer_class, data):
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def state_worker(user, worker_id, *, field: str):
    """The caseworker or supervisor of this State with this id (None for None); any other id is
    refused as the services refuse one (``CaseError`` on ``field``)."""
    if worker_id is None:
        return None
    for worker in case_workers_for_user(user=user):
        if worker.pk == worker_id:
            return worker
    raise CaseError(
        str(_("Choose a caseworker or supervisor of this State.")),
        code="not_a_caseworker",
        field=field,
    )
