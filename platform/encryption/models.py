"""The wrapped keys of every State, kept in the public schema."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StateKey(models.Model):
    """One of a State's keys, stored only wrapped by the key provider's key-encryption key.

    Data keys are versioned: the newest encrypts, every version decrypts what it wrote. The index
    key (for blind indexes) is not rotated with them, so that rotating the data keys does not
    invalidate searches. Destroying a State's keys (crypto-shredding) erases the wrapped key and
    keeps this row as the record of who destroyed it and when.
    """

    class Purpose(models.TextChoices):
        DATA = "data", _("data encryption")
        INDEX = "index", _("blind index")

    state = models.ForeignKey(
        settings.TENANT_MODEL,
        verbose_name=_("State"),
        related_name="keys",
        on_delete=models.PROTECT,
    )
    purpose = models.CharField(
        verbose_name=_("purpose"),
        max_length=10,
        choices=Purpose.choices,
    )
    version = models.PositiveIntegerField(
        verbose_name=_("version"),
    )
    provider = models.CharField(
        verbose_name=_("key provider"),
        max_length=20,
    )
    provider_key_id = models.CharField(
        verbose_name=_("key-encryption key"),
        max_length=2048,
        help_text=_("Which key of the provider wraps this key (a KMS key ARN, or local)."),
    )
    wrapped_key = models.BinaryField(
        verbose_name=_("wrapped key"),
        null=True,
    )
    created_at = models.DateTimeField(
        verbose_name=_("created at"),
        auto_now_add=True,
    )
    destroyed_at = models.DateTimeField(
        verbose_name=_("destroyed at"),
        null=True,
        blank=True,
    )
    destroyed_by = models.CharField(
        verbose_name=_("destroyed by"),
        max_length=150,
        blank=True,
    )

    class Meta:
        verbose_name = _("State key")
        verbose_name_plural = _("State keys")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "purpose", "version"],
                name="statekey_unique_version",
            ),
            models.CheckConstraint(
                name="statekey_wrapped_unless_destroyed",
                condition=models.Q(destroyed_at__isnull=True, wrapped_key__isnull=False)
                | models.Q(destroyed_at__isnull=False, wrapped_key__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state_id} {self.purpose} v{self.version}"

    @property
    def encryption_context(self) -> dict[str, str]:
        """What the provider binds the wrapped key to: a blob is unwrapped only for its State."""
        return {
            "platform": "isupport",
            "state": self.state.schema_name,
            "purpose": self.purpose,
            "version": str(self.version),
        }
