"""The API's answer to a path it does not have."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView


@extend_schema(exclude=True)
class NotFoundView(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    def dispatch_not_found(self, request, *args, **kwargs):
        raise Http404

    # OPTIONS too: DRF would describe the catch-all as if it were an endpoint.
    get = post = put = patch = delete = options = dispatch_not_found
