"""The REST API's records, in each State's own schema: the State's integration clients and the
responses kept for retried requests (``Idempotency-Key``)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedJSONField, EncryptedModel


class ApiClientRole(models.TextChoices):
    """The roles an integration client may act with (never a State administrator's)."""

    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    AUDITOR = "auditor", _("Auditor")


class ApiClient(models.Model):
    """An integration client of the State (a case management system, a court's registry...).

    It acts through its own service user, which holds the role chosen for it and no usable
    password; the audit trail names that user (``cases.audit.actor_kind`` says "api_client").
    Only the SHA-256 of its token is kept: the token is shown once, when the client is created.
    """

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    name = models.CharField(
        verbose_name=_("name"),
        max_length=100,
        help_text=_("What the client is, e.g. the court registry's case system."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service user"),
        on_delete=models.PROTECT,
        related_name="api_client",
    )
    token_prefix = models.CharField(
        verbose_name=_("token prefix"),
        max_length=32,
        unique=True,
        help_text=_("The start of the token, shown to tell tokens apart; not a secret."),
    )
    token_sha256 = models.CharField(
        verbose_name=_("SHA-256 of the token"),
        max_length=64,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        auto_now_add=True,
    )
    last_used_at = models.DateTimeField(
        verbose_name=_("last used at"),
        null=True,
        blank=True,
    )
    revoked_at = models.DateTimeField(
        verbose_name=_("revoked at"),
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["name", "created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class IdempotencyRecord(EncryptedModel):
    """The response to a POST sent with an ``Idempotency-Key``, stored in the transaction of the
    change it made, so that a retry gets the same response instead of a second change. Kept for
    24 hours. The response may hold personal values, so it is encrypted like them."""

    id = models.UUIDField(
        primary_key=True,
        default=uuid.uuid4,
        editable=False,
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user or API client's user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(
        verbose_name=_("idempotency key"),
        max_length=255,
    )
    method = models.CharField(
        max_length=10,
    )
    path = models.CharField(
        max_length=500,
    )
    request_sha256 = models.CharField(
        verbose_name=_("SHA-256 of the request"),
        max_length=64,
    )
    response_status = models.PositiveSmallIntegerField()
    response_body = EncryptedJSONField(
        default=dict,
    )
    created_at = models.DateTimeField(
        auto_now_add=True,
        db_index=True,
    )

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user"),
        ]

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"
