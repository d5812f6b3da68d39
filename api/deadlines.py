"""Deadlines: those of a case, and the open ones across the State's cases (``?overdue=true``:
past their due date in the State's time zone), earliest first."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.fields import ApiView
from api.pagination import DueFirstCursorPagination
from api.schema import CASE_ID
from cases import services
from cases.selectors import case_deadlines, case_get_for_user, deadline_list_for_user


class DeadlineSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    rule = serializers.CharField()
    legal_basis = serializers.CharField()
    article = serializers.CharField()
    anchor = serializers.DateField(help_text=_("The day the period is counted from."))
    due = serializers.DateField()
    time_zone = serializers.CharField()
    watched = serializers.BooleanField(
        help_text=_("The partner Authority must act by this date; this Authority only watches.")
    )
    unconfirmed = serializers.BooleanField()
    met_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class DeadlineAcrossCasesSerializer(DeadlineSerializer):
    case = serializers.UUIDField(source="case_id")
    case_reference = serializers.CharField(source="case.reference")


class DeadlineQuerySerializer(serializers.Serializer):
    overdue = serializers.BooleanField(required=False, default=False)


class CaseDeadlineListView(ApiView):
    @extend_schema(
        operation_id="case_deadlines_list",
        parameters=[CASE_ID],
        responses=DeadlineSerializer(many=True),
        summary=_("The deadlines of a case, open ones first"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        deadlines = case_deadlines(user=request.user, case=case)
        data = DeadlineSerializer(deadlines, many=True).data
        services.record_view(user=request.user, case=case)
        return Response(data)


class DeadlineListView(ApiView):
    serializer_class = DeadlineAcrossCasesSerializer
    pagination_class = DueFirstCursorPagination

    @extend_schema(
        operation_id="deadlines_list",
        parameters=[DeadlineQuerySerializer],
        responses=DeadlineAcrossCasesSerializer(many=True),
        summary=_("Open deadlines across the State's cases, earliest first"),
    )
    def get(self, request):
        query = self.validated(DeadlineQuerySerializer, request.query_params)
        deadlines = deadline_list_for_user(user=request.user, overdue=query["overdue"])
        page = self.paginate_queryset(deadlines)
        return self.get_paginated_response(DeadlineAcrossCasesSerializer(page, many=True).data)
