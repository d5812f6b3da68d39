"""Notes on a case (their text is encrypted at rest)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.fields import ApiView, UserRefSerializer
from api.idempotency import idempotent
from api.schema import CASE_ID
from cases import services
from cases.selectors import case_get_for_user, case_notes


class NoteSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    text = serializers.CharField()
    author = UserRefSerializer()
    created_at = serializers.DateTimeField()


class NoteCreateSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=10_000)


class NoteListView(ApiView):
    @extend_schema(
        operation_id="notes_list",
        parameters=[CASE_ID],
        responses=NoteSerializer(many=True),
        summary=_("The notes of a case, newest first"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = NoteSerializer(case_notes(user=request.user, case=case), many=True).data
        services.record_view(user=request.user, case=case)
        return Response(data)

    @extend_schema(
        operation_id="notes_create",
        parameters=[CASE_ID],
        request=NoteCreateSerializer,
        responses={201: NoteSerializer},
        summary=_("Write a note on the case"),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = self.validated(NoteCreateSerializer, request.data)
        note = services.note_add(user=request.user, case=case, text=data["text"])
        return Response(NoteSerializer(note).data, status=status.HTTP_201_CREATED)
