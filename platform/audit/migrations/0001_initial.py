"""The audit trail's tables move from ``cases`` to the platform's ``audit`` app, with their rows:
the models are taken over as they stand (no table is created), then the tables are renamed.
``cases`` 0005 removes the models from its own state without touching the database."""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cases", "0002_records"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("sequence", models.BigAutoField(primary_key=True, serialize=False)),
                        ("at", models.DateTimeField(verbose_name="at")),
                        (
                            "actor_id",
                            models.UUIDField(
                                help_text="The user or API client; empty for the system.",
                                null=True,
                                verbose_name="actor",
                            ),
                        ),
                        (
                            "actor_kind",
                            models.CharField(max_length=16, verbose_name="kind of actor"),
                        ),
                        (
                            "action",
                            models.CharField(
                                choices=[
                                    ("create", "Created"),
                                    ("change", "Changed"),
                                    ("view", "Viewed"),
                                    ("view_restricted", "Viewed restricted information (Art 40)"),
                                    ("download", "Downloaded"),
                                    ("transition", "Case event"),
                                    ("delete", "Deleted"),
                                ],
                                max_length=32,
                                verbose_name="action",
                            ),
                        ),
                        (
                            "object_type",
                            models.CharField(max_length=64, verbose_name="object type"),
                        ),
                        ("object_id", models.CharField(max_length=64, verbose_name="object")),
                        (
                            "case_id",
                            models.UUIDField(db_index=True, null=True, verbose_name="case"),
                        ),
                        (
                            "details",
                            models.JSONField(
                                default=dict,
                                help_text="Field names, codes and counts; never a personal value.",
                                verbose_name="details",
                            ),
                        ),
                        ("previous_mac", models.CharField(max_length=64)),
                        ("mac", models.CharField(max_length=64)),
                    ],
                    options={
                        "verbose_name": "audit entry",
                        "verbose_name_plural": "audit entries",
                        "ordering": ["-sequence"],
                        "db_table": "cases_auditentry",
                    },
                ),
                migrations.CreateModel(
                    name="AuditChainHead",
                    fields=[
                        (
                            "id",
                            models.PositiveSmallIntegerField(
                                default=1, primary_key=True, serialize=False
                            ),
                        ),
                        ("last_sequence", models.BigIntegerField(default=0)),
                        (
                            "last_mac",
                            models.CharField(
                                default="0000000000000000000000000000000000000000000000000000000000000000",
                                max_length=64,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "cases_auditchainhead",
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("id", 1)), name="audit_chain_head_single_row"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="auditentry", table=None),
        migrations.AlterModelTable(name="auditchainhead", table=None),
    ]
