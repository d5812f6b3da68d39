"""What ``OPTIONS`` answers on every endpoint: 200, the methods in ``Allow`` (set by DRF on every
response), the view's name and the media types it renders and parses. Nothing about
serializers: DRF's ``SimpleMetadata`` asks a view for one (which the views of steps and
downloads do not have) and runs its permission and object look-ups per method; the request and
response bodies are documented in the OpenAPI schema (``/api/v1/schema/``)."""

from rest_framework.metadata import BaseMetadata
from rest_framework.renderers import JSONRenderer


class AllowedMethodsMetadata(BaseMetadata):
    def determine_metadata(self, request, view):
        if not isinstance(request.accepted_renderer, JSONRenderer):
            # The Swagger UI page renders a template: its OPTIONS answer is JSON all the same.
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return {
            "name": view.get_view_name(),
            "methods": list(view.allowed_methods),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }
