"""The audit trail now belongs to the platform's ``audit`` app (its 0001 takes the tables over and
renames them): ``cases`` forgets the models without touching the database."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_deadline_open_case_due"),
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="AuditEntry"),
                migrations.DeleteModel(name="AuditChainHead"),
            ],
            database_operations=[],
        ),
    ]
