"""Cases: list (filters in the query string), search by a party's name or date of birth (POST,
so that names reach no URL or log), create an outgoing case, register an incoming one, read one
(with its next deadlines; audited), and its workflow steps: transmit, acknowledge, any other
event, reassign. Every change is a ``cases.services`` call."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.response import Response

from accounts.permissions import can_reassign_cases
from api.fields import (
    ApiView,
    UserRefSerializer,
    choice,
    choices_list,
    date_field,
    state_code,
    state_worker,
)
from api.idempotency import idempotent
from api.pagination import NewestFirstCursorPagination
from api.schema import CASE_ID
from cases import services
from cases.models import TransmissionMethod
from cases.selectors import (
    CaseFilters,
    case_deadlines,
    case_get_for_user,
    case_list_for_user,
)
from cases.services import AcknowledgementOutcome
from convention.deadlines import Duration
from convention.vocabulary import ApplicationType, Direction, DocumentKind, SpecificMeasure
from convention.workflow import CaseEvent, CaseState, allowed_events

# Events with a step of their own (registration, transmission, acknowledgement and refusal).
DEDICATED_EVENTS = frozenset(
    {CaseEvent.TRANSMIT, CaseEvent.RECEIVE, CaseEvent.ACKNOWLEDGE, CaseEvent.REFUSE}
)


class DeadlineSummarySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    rule = serializers.CharField()
    article = serializers.CharField()
    due = serializers.DateField()
    watched = serializers.BooleanField()
    unconfirmed = serializers.BooleanField()


class CaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    reference = serializers.CharField()
    partner_reference = serializers.CharField()
    direction = choice(Direction.choices())
    legal_basis = serializers.CharField()
    application_type = serializers.CharField(help_text=_("Empty for a request for measures."))
    specific_measures = serializers.ListField(child=serializers.CharField())
    requesting_state = serializers.CharField()
    requested_state = serializers.CharField()
    partner_state = serializers.CharField()
    partner_authority = serializers.CharField()
    responsible = UserRefSerializer(allow_null=True)
    state = choice(CaseState.choices())
    applicant_consent = serializers.BooleanField()
    transmission_method = serializers.CharField()
    transmitted_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    acknowledged_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    version = serializers.IntegerField(
        help_text=_(
            "Send it back as expected_version so that a step on a case changed "
            "meanwhile is refused (409)."
        )
    )


class CaseListItemSerializer(CaseSerializer):
    next_due = serializers.DateField(
        allow_null=True, help_text=_("The earliest open deadline's due date.")
    )


class CaseDetailSerializer(CaseSerializer):
    next_deadlines = serializers.SerializerMethodField()
    allowed_events = serializers.SerializerMethodField()

    @extend_schema_field(DeadlineSummarySerializer(many=True))
    def get_next_deadlines(self, case) -> list[dict]:
        deadlines = self.context.get("deadlines", [])
        open_deadlines = sorted((d for d in deadlines if d.is_open), key=lambda d: d.due)
        return DeadlineSummarySerializer(open_deadlines, many=True).data

    def get_allowed_events(self, case) -> list[str]:
        return [
            event.value
            for event in allowed_events(
                case.direction_enum, case.state_enum, application_type=case.application_type_enum
            )
            if event is not CaseEvent.RECEIVE
        ]


def case_detail_response(request, case, *, status_code: int = 200) -> Response:
    deadlines = case_deadlines(user=request.user, case=case)
    data = CaseDetailSerializer(case, context={"deadlines": deadlines}).data
    return Response(data, status=status_code)


# --- Input ----------------------------------------------------------------------------------------


class CaseListQuerySerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=32, required=False)
    partner_reference = serializers.CharField(max_length=64, required=False)
    state = choices_list(CaseState.choices(), required=False, help_text=_("Repeatable."))
    direction = choice(Direction.choices(), required=False)
    application_type = choice(ApplicationType.choices(), required=False)
    partner_state = state_code(required=False)
    responsible = serializers.RegexField(
        r"^(me|unassigned|[0-9a-fA-F-]{32,36})$",
        required=False,
        help_text=_('A user id, "me" or "unassigned".'),
        error_messages={"invalid": _('Give a user id, "me" or "unassigned".')},
    )
    overdue = serializers.BooleanField(required=False, default=False)

    def filters(self) -> CaseFilters:
        data = self.validated_data
        return CaseFilters(
            reference=data.get("reference", ""),
            partner_reference=data.get("partner_reference", ""),
            states=tuple(data.get("state", ())),
            direction=data.get("direction", ""),
            application_type=data.get("application_type", ""),
            partner_state=data.get("partner_state", ""),
            responsible=data.get("responsible", ""),
            overdue=data.get("overdue", False),
        )


class CaseSearchSerializer(serializers.Serializer):
    family_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    date_of_birth = date_field(required=False, allow_null=True)
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50)

    def validate(self, attrs):
        if not (attrs.get("family_name") or "").strip() and not attrs.get("date_of_birth"):
            raise serializers.ValidationError(
                _("Give a family name, a date of birth or both."), code="required"
            )
        return attrs


class CaseSearchResultSerializer(serializers.Serializer):
    results = CaseListItemSerializer(many=True)
    truncated = serializers.BooleanField(help_text=_("More cases match than the limit."))


class _Subject(serializers.Serializer):
    application_type = choice(ApplicationType.choices(), required=False, allow_blank=True)
    specific_measures = choices_list(SpecificMeasure.choices(), required=False, max_length=20)
    partner_authority = serializers.CharField(max_length=200, required=False, allow_blank=True)
    responsible = serializers.UUIDField(
        required=False, allow_null=True, help_text=_("A caseworker or supervisor; you by default.")
    )


class OutgoingCaseSerializer(_Subject):
    requested_state = state_code()


class IncomingCaseSerializer(_Subject):
    requesting_state = state_code()
    received_on = date_field()
    method = choice(TransmissionMethod.choices)
    partner_reference = serializers.CharField(max_length=64, required=False, allow_blank=True)


class TransmitSerializer(serializers.Serializer):
    method = choice(TransmissionMethod.choices)
    sent_on = date_field()
    expected_version = serializers.IntegerField(min_value=1, required=False)


class AcknowledgeSerializer(serializers.Serializer):
    outcome = choice([(value, value) for value in AcknowledgementOutcome.ALL])
    on = date_field(required=False, allow_null=True)
    reasons = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    documents_requested = choices_list(DocumentKind.choices(), required=False, max_length=50)
    missing_documents_period_months = serializers.IntegerField(
        min_value=3, max_value=24, required=False, allow_null=True
    )
    partner_reference = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        help_text=_("Outgoing cases: the requested Authority's reference for the case."),
    )
    expected_version = serializers.IntegerField(min_value=1, required=False)


class EventSerializer(serializers.Serializer):
    event = choice([(e.value, e.label) for e in CaseEvent if e not in DEDICATED_EVENTS])
    on = date_field(required=False, allow_null=True, help_text=_("Today by default."))
    expected_version = serializers.IntegerField(min_value=1, required=False)
    specified_period_months = serializers.IntegerField(
        min_value=3,
        max_value=24,
        required=False,
        allow_null=True,
        help_text=_("request_documents: the period for the documents (Art 12(9))."),
    )
    contesting_party_resident_abroad = serializers.BooleanField(required=False, default=False)
    details = serializers.DictField(
        child=serializers.CharField(max_length=2000),
        required=False,
        help_text=_('E.g. {"measure": "<code>"} for take_enforcement_measure.'),
    )

    def validate_details(self, value):
        if len(value) > 10:
            raise serializers.ValidationError(_("At most 10 details."))
        return value


class ReassignSerializer(serializers.Serializer):
    responsible = serializers.UUIDField()


def _subject(user, data) -> dict:
    return {
        "application_type": data.get("application_type") or None,
        "specific_measures": data.get("specific_measures") or (),
        "partner_authority": data.get("partner_authority", ""),
        "responsible": state_worker(user, data.get("responsible"), field="responsible"),
    }


# --- Views ----------------------------------------------------------------------------------------


class CaseListView(ApiView):
    serializer_class = CaseListItemSerializer
    pagination_class = NewestFirstCursorPagination

    def get_queryset(self):
        query = CaseListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return case_list_for_user(user=self.request.user, filters=query.filters())

    @extend_schema(
        operation_id="cases_list",
        parameters=[CaseListQuerySerializer],
        responses=CaseListItemSerializer(many=True),
        summary=_("List the State's cases, newest first"),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(CaseListItemSerializer(page, many=True).data)

    @extend_schema(
        operation_id="cases_create_outgoing",
        request=OutgoingCaseSerializer,
        responses={201: CaseDetailSerializer},
        summary=_("Create an outgoing case (state new)"),
    )
    @idempotent
    def post(self, request):
        data = self.validated(OutgoingCaseSerializer, request.data)
        case = services.case_create_outgoing(
            user=request.user,
            requested_state=data["requested_state"],
            **_subject(request.user, data),
        )
        return case_detail_response(request, case, status_code=status.HTTP_201_CREATED)


class CaseSearchView(ApiView):
    @extend_schema(
        operation_id="cases_search",
        request=CaseSearchSerializer,
        responses=CaseSearchResultSerializer,
        summary=_("Find cases by a party's family name and/or date of birth"),
        description=_("A POST, so that names reach no URL or log. Newest first, up to `limit`."),
    )
    @idempotent
    def post(self, request):
        data = self.validated(CaseSearchSerializer, request.data)
        filters = CaseFilters(
            family_name=(data.get("family_name") or "").strip(),
            date_of_birth=data.get("date_of_birth"),
        )
        found = list(case_list_for_user(user=request.user, filters=filters)[: data["limit"] + 1])
        services.case_search_record(
            user=request.user,
            fields=[name for name in ("family_name", "date_of_birth") if data.get(name)],
            shown=found[: data["limit"]],
        )
        return Response(
            {
                "results": CaseListItemSerializer(found[: data["limit"]], many=True).data,
                "truncated": len(found) > data["limit"],
            }
        )


class IncomingCaseView(ApiView):
    @extend_schema(
        operation_id="cases_register_incoming",
        request=IncomingCaseSerializer,
        responses={201: CaseDetailSerializer},
        summary=_("Register an application received on paper or by e-mail (Art 12(3))"),
    )
    @idempotent
    def post(self, request):
        data = self.validated(IncomingCaseSerializer, request.data)
        case = services.case_register_incoming(
            user=request.user,
            requesting_state=data["requesting_state"],
            received_on=data["received_on"],
            method=data["method"],
            partner_reference=data.get("partner_reference", ""),
            **_subject(request.user, data),
        )
        return case_detail_response(request, case, status_code=status.HTTP_201_CREATED)


class CaseDetailView(ApiView):
    @extend_schema(
        operation_id="cases_retrieve",
        parameters=[CASE_ID],
        responses=CaseDetailSerializer,
        summary=_("A case, with its next deadlines (the view is audited)"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        response = case_detail_response(request, case)
        services.record_view(user=request.user, case=case)
        return response


class CaseTransmitView(ApiView):
    @extend_schema(
        operation_id="cases_transmit",
        parameters=[CASE_ID],
        request=TransmitSerializer,
        responses=CaseDetailSerializer,
        summary=_("Record that the outgoing application was sent (Art 12(2))"),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = self.validated(TransmitSerializer, request.data)
        case = services.case_transmit(user=request.user, case=case, **data)
        return case_detail_response(request, case)


class CaseAcknowledgeView(ApiView):
    @extend_schema(
        operation_id="cases_acknowledge",
        parameters=[CASE_ID],
        request=AcknowledgeSerializer,
        responses=CaseDetailSerializer,
        summary=_(
            "Acknowledge an incoming application, or record the requested Authority's "
            "acknowledgement of an outgoing one: complete, documents requested or refused"
        ),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = self.validated(AcknowledgeSerializer, request.data)
        case = services.case_acknowledge(
            user=request.user,
            case=case,
            outcome=data["outcome"],
            on=data.get("on"),
            reasons=data.get("reasons", ""),
            documents_requested=data.get("documents_requested", ()),
            missing_documents_period_months=data.get("missing_documents_period_months"),
            partner_reference=data.get("partner_reference", ""),
            expected_version=data.get("expected_version"),
        )
        return case_detail_response(request, case)


class CaseEventView(ApiView):
    @extend_schema(
        operation_id="cases_apply_event",
        parameters=[CASE_ID],
        request=EventSerializer,
        responses=CaseDetailSerializer,
        summary=_("Apply a workflow event the Convention allows in the case's state"),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = self.validated(EventSerializer, request.data)
        months = data.get("specified_period_months")
        case = services.case_apply_event(
            user=request.user,
            case=case,
            event=data["event"],
            at=data.get("on"),
            expected_version=data.get("expected_version"),
            details=data.get("details") or None,
            specified_period=Duration(months=months) if months else None,
            contesting_party_resident_abroad=data["contesting_party_resident_abroad"],
        )
        return case_detail_response(request, case)


class CaseReassignView(ApiView):
    @extend_schema(
        operation_id="cases_reassign",
        parameters=[CASE_ID],
        request=ReassignSerializer,
        responses=CaseDetailSerializer,
        summary=_("Give the case to another caseworker (supervisors)"),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        # The right first: resolving the new responsible person before it would answer a
        # caseworker differently for a worker's id and for any other, telling who works here.
        if not can_reassign_cases(request.user):
            raise PermissionDenied
        data = self.validated(ReassignSerializer, request.data)
        case = services.case_reassign(
            user=request.user,
            case=case,
            responsible=state_worker(request.user, data["responsible"], field="responsible"),
        )
        return case_detail_response(request, case)
