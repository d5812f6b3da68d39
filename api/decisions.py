"""The decision a case is about: read it, or record (and correct) it with PUT."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.fields import ApiView, choice, date_field, state_code
from api.schema import CASE_ID
from cases import services
from cases.models import PaymentFrequency
from cases.selectors import case_decision, case_get_for_user


class DecisionSerializer(serializers.Serializer):
    authority = serializers.CharField(max_length=200)
    decision_date = date_field()
    state_of_origin = state_code()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    currency = serializers.RegexField(r"^[A-Za-z]{3}$", help_text=_("ISO 4217, e.g. EUR."))
    frequency = choice(PaymentFrequency.choices)
    starts_on = date_field()
    ends_on = date_field(required=False, allow_null=True)
    indexation_clause = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    enforceable = serializers.BooleanField(required=False, default=True)
    is_maintenance_arrangement = serializers.BooleanField(required=False, default=False)
    by_administrative_authority = serializers.BooleanField(required=False, default=False)


class DecisionView(ApiView):
    @extend_schema(
        operation_id="decision_retrieve",
        parameters=[CASE_ID],
        responses=DecisionSerializer,
        summary=_("The decision of the case (404 when none is recorded)"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        decision = case_decision(user=request.user, case=case)
        # Audited even when none is recorded: the answer tells something of the case.
        services.record_view(user=request.user, case=case)
        if decision is None:
            raise Http404
        return self._response(decision)

    @extend_schema(
        operation_id="decision_record",
        parameters=[CASE_ID],
        request=DecisionSerializer,
        responses=DecisionSerializer,
        summary=_("Record or correct the decision (until an outgoing case is transmitted)"),
    )
    def put(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = self.validated(DecisionSerializer, request.data)
        decision = services.decision_record(user=request.user, case=case, **data)
        return self._response(decision)

    def _response(self, decision):
        return Response(DecisionSerializer(decision).data)
