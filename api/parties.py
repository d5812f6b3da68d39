"""Parties of a case. A party's address, e-mail and telephone under an Art 40 non-disclosure
determination are given only to users allowed to see restricted information (otherwise null,
with ``"restricted": true``), and every such disclosure is audited (``services.record_view``)."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.fields import ApiView, choices_list, date_field, state_code
from api.idempotency import idempotent
from api.schema import CASE_ID
from cases import services
from cases.errors import CaseError
from cases.selectors import (
    case_get_for_user,
    case_parties,
    party_get_for_user,
    party_shows_restricted,
)
from convention.vocabulary import PartyRole

RESTRICTED_FIELDS = ("address", "email", "phone")


class PartySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    roles = serializers.ListField(child=serializers.CharField())
    is_applicant = serializers.BooleanField()
    organisation_name = serializers.CharField()
    habitual_residence = serializers.CharField()
    represents = serializers.UUIDField(allow_null=True)
    non_disclosure = serializers.BooleanField(help_text=_("Under an Art 40 determination."))
    family_name = serializers.CharField(allow_null=True)
    given_names = serializers.CharField(allow_null=True)
    date_of_birth = serializers.DateField(allow_null=True)
    address = serializers.CharField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    phone = serializers.CharField(allow_null=True)
    restricted = serializers.BooleanField(
        help_text=_("True when address, e-mail and telephone are withheld from you (Art 40).")
    )

    def to_representation(self, party):
        person = party.person
        shows = self.context["shows_restricted"](party)
        values = {
            "id": party.pk,
            "roles": list(party.roles),
            "is_applicant": party.is_applicant,
            "organisation_name": party.organisation_name,
            "habitual_residence": party.habitual_residence,
            "represents": party.represents_id,
            "non_disclosure": party.non_disclosure,
            "family_name": person.family_name if person else None,
            "given_names": person.given_names if person else None,
            "date_of_birth": person.date_of_birth if person else None,
            "restricted": not shows,
        }
        for name in RESTRICTED_FIELDS:
            values[name] = getattr(person, name) if person is not None and shows else None
        return super().to_representation(_Values(values))


class _Values(dict):
    """A dict readable as attributes, for ``Serializer.to_representation``."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class PartyCreateSerializer(serializers.Serializer):
    roles = choices_list(PartyRole.choices(), min_length=1, max_length=5)
    is_applicant = serializers.BooleanField(required=False, default=False)
    organisation_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    habitual_residence = state_code(required=False, allow_blank=True)
    non_disclosure = serializers.BooleanField(required=False, default=False)
    represents = serializers.UUIDField(required=False, allow_null=True)
    family_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    given_names = serializers.CharField(max_length=200, required=False, allow_blank=True)
    date_of_birth = date_field(required=False, allow_null=True)
    address = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=50, required=False, allow_blank=True)


def _represented(user, case, party_id):
    if party_id is None:
        return None
    try:
        return party_get_for_user(user=user, case=case, party_id=party_id)
    except Http404:
        raise CaseError(
            str(_("Unknown party.")), code="unknown_party", field="represents"
        ) from None


def _serializer_context(user):
    return {"shows_restricted": lambda party: party_shows_restricted(user=user, party=party)}


class PartyListView(ApiView):
    @extend_schema(
        operation_id="parties_list",
        parameters=[CASE_ID],
        responses=PartySerializer(many=True),
        summary=_("The parties of a case (the view, and any Art 40 disclosure, is audited)"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        parties = case_parties(user=request.user, case=case)
        context = _serializer_context(request.user)
        data = PartySerializer(parties, many=True, context=context).data
        disclosed = [
            party
            for party in parties
            if party.non_disclosure and party_shows_restricted(user=request.user, party=party)
        ]
        services.record_view(user=request.user, case=case, restricted_parties=disclosed)
        return Response(data)

    @extend_schema(
        operation_id="parties_create",
        parameters=[CASE_ID],
        request=PartyCreateSerializer,
        responses={201: PartySerializer},
        summary=_("Add a person (or a public body) to the case in one or more roles"),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = dict(self.validated(PartyCreateSerializer, request.data))
        data["represents"] = _represented(request.user, case, data.get("represents"))
        party = services.party_add(user=request.user, case=case, **data)
        body = PartySerializer(party, context=_serializer_context(request.user)).data
        return Response(body, status=status.HTTP_201_CREATED)
