"""Documents of a case: list, upload (multipart: ``file``, ``kind``, ``language``,
``translation_of``, ``certified``) and download (decrypted, streamed; the download is audited).
``cases.documents_storage`` checks the content's real type and size; the serializer refuses an
oversized file before it is read."""

import io

from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from api.fields import ApiView, choice
from api.idempotency import idempotent
from api.schema import CASE_ID, path_id
from cases import documents_storage, services
from cases.errors import CaseError
from cases.models import Document
from cases.selectors import case_get_for_user, document_get_for_user, document_list_for_user

DOCUMENT_ID = path_id("document_id", _("The document's identifier."))


def _kinds():
    return Document._meta.get_field("kind").choices


class DocumentSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    file_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    language = serializers.CharField()
    translation_of = serializers.UUIDField(source="translation_of_id", allow_null=True)
    certified = serializers.BooleanField()
    generated_form = serializers.CharField()
    created_at = serializers.DateTimeField()


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=_("PDF, PNG, JPEG, TIFF or XML."),
        error_messages={"invalid": _("Send the file as a multipart file field.")},
    )
    kind = choice(_kinds())
    language = serializers.RegexField(
        r"^[A-Za-z]{2}$", help_text=_("ISO 639-1 code of the document's language, e.g. pt.")
    )
    translation_of = serializers.UUIDField(required=False, allow_null=True)
    certified = serializers.BooleanField(required=False, default=False)

    def validate_file(self, upload):
        limit = documents_storage.max_document_bytes()
        if upload.size > limit:
            raise serializers.ValidationError(
                _("The file is larger than %(size)d MB.") % {"size": limit // 2**20},
                code="file_too_large",
            )
        return upload


class DocumentListView(ApiView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        operation_id="documents_list",
        parameters=[CASE_ID],
        responses=DocumentSerializer(many=True),
        summary=_("The documents of a case"),
    )
    def get(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        documents = document_list_for_user(user=request.user, case=case)
        data = DocumentSerializer(documents, many=True).data
        services.record_view(user=request.user, case=case)
        return Response(data)

    @extend_schema(
        operation_id="documents_upload",
        parameters=[CASE_ID],
        request={"multipart/form-data": DocumentUploadSerializer},
        responses={201: DocumentSerializer},
        summary=_("Upload a document (stored encrypted)"),
    )
    @idempotent
    def post(self, request, case_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        data = self.validated(DocumentUploadSerializer, request.data)
        translation_of = None
        if data.get("translation_of"):
            try:
                translation_of = document_get_for_user(
                    user=request.user, case=case, document_id=data["translation_of"]
                )
            except Http404:
                raise CaseError(
                    str(_("Unknown document.")), code="unknown_document", field="translation_of"
                ) from None
        upload = data["file"]
        document = services.document_add(
            user=request.user,
            case=case,
            content=upload.read(),
            file_name=upload.name or "",
            content_type=upload.content_type or "",
            kind=data["kind"],
            language=data["language"],
            translation_of=translation_of,
            certified=data["certified"],
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)


# What documents_storage accepts, so what a download may be.
DOWNLOAD_TYPES = ("application/pdf", "image/png", "image/jpeg", "image/tiff", "application/xml")


class DocumentDownloadView(ApiView):
    def perform_content_negotiation(self, request, force=False):
        # The client may accept the document's type only; errors are JSON all the same.
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        operation_id="documents_download",
        parameters=[CASE_ID, DOCUMENT_ID],
        responses={
            (200, media_type): OpenApiResponse(
                OpenApiTypes.BINARY,
                description=_("The decrypted content, with the document's own content type."),
            )
            for media_type in DOWNLOAD_TYPES
        },
        summary=_("Download a document (audited)"),
    )
    def get(self, request, case_id, document_id):
        case = case_get_for_user(user=request.user, case_id=case_id)
        document = document_get_for_user(user=request.user, case=case, document_id=document_id)
        content = services.document_content(user=request.user, document=document)
        # FileResponse writes Content-Disposition with the name quoted and RFC 5987-encoded;
        # the stored name has no path, quote or control character (documents_storage).
        response = FileResponse(
            io.BytesIO(content),
            as_attachment=True,
            filename=documents_storage.clean_file_name(document.file_name),
            content_type=document.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
