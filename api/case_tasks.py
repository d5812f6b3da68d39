"""A caseworker's tasks on a case, through the REST API: list, add, mark as done. (Not Celery
tasks, which live in modules named `tasks.py` that Celery's autodiscovery imports.)"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.fields import ApiView, UserRefSerializer, date_field, state_worker
from api.idempotency import idempotent
from api.schema import CASE_ID, path_id
from cases import services
from cases.selectors import case_get_for_user, case_tasks, task_get_for_user

TASK_ID = path_id("task_id", _("The task's identifier."))


class TaskSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    title = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    assigned_to = UserRefSerializer()
    done_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class TaskCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=500)
    due = date_field(required=False, allow_null=True)
    assigned_to = serializers.UUIDField(
        required=False, allow_null=True, help_text=_("A caseworker or supervisor; you by default.")
    )


class TaskListView(ApiView):
    @extend_schema(
        operation_id="tasks_list",
        parameters=[CASE_ID],
        responses=TaskSerializer(many=True),
        summary=_("The tasks of a case, open ones first"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = TaskSerializer(case_tasks(user=request.user, case=case), many=True).data
        services.record_view(user=request.user, case=case)
        return Response(data)

    @extend_schema(
        operation_id="tasks_create",
        parameters=[CASE_ID],
        request=TaskCreateSerializer,
        responses={201: TaskSerializer},
        summary=_("Add a task to the case"),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = self.validated(TaskCreateSerializer, request.data)
        task = services.task_add(
            user=request.user,
            case=case,
            title=data["title"],
            due=data.get("due"),
            assigned_to=state_worker(request.user, data.get("assigned_to"), field="assigned_to"),
        )
        return Response(TaskSerializer(task).data, status=status.HTTP_201_CREATED)


class TaskDoneView(ApiView):
    @extend_schema(
        operation_id="tasks_complete",
        parameters=[CASE_ID, TASK_ID],
        request=None,
        responses=TaskSerializer,
        summary=_("Mark the task as done"),
    )
    @idempotent
    def post(self, request, case_id, task_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        task = task_get_for_user(user=request.user, case=case, task_id=task_id)
        task = services.task_complete(user=request.user, task=task)
        return Response(TaskSerializer(task).data)
