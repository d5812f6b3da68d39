"""The audit trail: who created, changed or viewed what, in a hash chain.

Each entry carries the MAC of the previous one and its own MAC over its contents, keyed with a
key derived from the State's index key, so an entry edited, inserted or deleted in the database
breaks the chain, and the chain cannot be recomputed without the State's keys. The head row keeps
the last sequence number and MAC, so that removing the newest entries is detected too.
Entries hold identifiers, actions and field names, never a personal value.
"""

import hashlib
import hmac
import json

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from encryption.keyring import keyring_for

_CHAIN_PURPOSE = b"isupport/audit-chain/v1"
GENESIS = "0" * 64


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    VIEW = "view", _("Viewed")
    VIEW_RESTRICTED = "view_restricted", _("Viewed restricted information (Art 40)")
    DOWNLOAD = "download", _("Downloaded")
    TRANSITION = "transition", _("Case event")
    DELETE = "delete", _("Deleted")


class AuditEntryQuerySet(models.QuerySet):
    def in_chain_order(self):
        return self.order_by("sequence")


class AuditEntry(models.Model):
    sequence = models.BigAutoField(
        primary_key=True,
    )
    at = models.DateTimeField(
        verbose_name=_("at"),
    )
    actor_id = models.UUIDField(
        verbose_name=_("actor"),
        null=True,
        help_text=_("The user or API client; empty for the system."),
    )
    actor_kind = models.CharField(
        verbose_name=_("kind of actor"),
        max_length=16,
    )
    action = models.CharField(
        verbose_name=_("action"),
        max_length=32,
        choices=AuditAction.choices,
    )
    object_type = models.CharField(
        verbose_name=_("object type"),
        max_length=64,
    )
    object_id = models.CharField(
        verbose_name=_("object"),
        max_length=64,
    )
    case_id = models.UUIDField(
        verbose_name=_("case"),
        null=True,
        db_index=True,
    )
    details = models.JSONField(
        verbose_name=_("details"),
        default=dict,
        help_text=_("Field names, codes and counts; never a personal value."),
    )
    previous_mac = models.CharField(
        max_length=64,
    )
    mac = models.CharField(
        max_length=64,
    )

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-sequence"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} #{self.sequence}"

    def canonical(self) -> bytes:
        return json.dumps(
            [
                self.sequence,
                self.at.isoformat(),
                str(self.actor_id) if self.actor_id else None,
                self.actor_kind,
                self.action,
                self.object_type,
                self.object_id,
                str(self.case_id) if self.case_id else None,
                self.details,
                self.previous_mac,
            ],
            sort_keys=True,
            separators=(",", ":"),
            default=str,
        ).encode()

    def compute_mac(self, schema_name: str | None = None) -> str:
        key = keyring_for(schema_name or connection.schema_name).blind_index_key(_CHAIN_PURPOSE)
        return hmac.new(key, self.canonical(), hashlib.sha256).hexdigest()


class AuditChainHead(models.Model):
    """The single row that holds the chain's newest entry; appending locks it."""

    id = models.PositiveSmallIntegerField(
        primary_key=True,
        default=1,
    )
    last_sequence = models.BigIntegerField(
        default=0,
    )
    last_mac = models.CharField(
        max_length=64,
        default=GENESIS,
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="audit_chain_head_single_row"),
        ]

    def __str__(self) -> str:
        return f"audit chain head at {self.last_sequence}"
