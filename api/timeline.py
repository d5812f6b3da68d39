"""The timeline of a case: its business events, newest first (the view is audited)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.fields import ApiView, UserRefSerializer
from api.schema import CASE_ID
from cases import services
from cases.selectors import case_get_for_user, case_timeline


class TimelineEventSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    workflow_event = serializers.CharField()
    state_after = serializers.CharField()
    article = serializers.CharField()
    method = serializers.CharField()
    details = serializers.DictField()
    occurred_at = serializers.DateTimeField()
    recorded_at = serializers.DateTimeField()
    actor = UserRefSerializer(allow_null=True)


class TimelineView(ApiView):
    @extend_schema(
        operation_id="timeline_list",
        parameters=[CASE_ID],
        responses=TimelineEventSerializer(many=True),
        summary=_("The events of a case, newest first"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        events = case_timeline(user=request.user, case=case)
        data = TimelineEventSerializer(events, many=True).data
        services.record_view(user=request.user, case=case)
        return Response(data)
