"""The persons' blind indexes at the planning rule's widths (encryption.planning): 9 bits for the
family name and 8 for the date of birth, planned together for a State of 300,000 persons, where
both were 16.

An index value at a width is the leading bits of the same HMAC, so narrowing is a right shift of
the stored values: no key and no plaintext are needed (it also runs in an offboarded State,
whose keys are destroyed), and it happens in the same transaction as the rest of the migration,
in each State's schema. Rows written meanwhile by processes still running the previous release
(16 bits) are put right by `manage.py rebuild_blind_indexes`, which is safe to run again.

Not reversible: widening back to 16 bits needs the keys and the plaintext. To go back to the
previous release, rebuild both indexes at 16 bits with this release's command
(`rebuild_blind_indexes --field person.family_name --bits 16 --force`, and the same for
person.date_of_birth), mark this migration unapplied (`migrate_schemas cases 0005 --fake`), then
deploy the previous release.
"""

from django.db import migrations

import encryption.fields

NARROW = """
UPDATE cases_person
   SET family_name_index = family_name_index >> 7,
       date_of_birth_index = date_of_birth_index >> 8
 WHERE family_name_index IS NOT NULL OR date_of_birth_index IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_audit_trail_moves_to_the_audit_app"),
    ]

    operations = [
        migrations.AlterField(
            model_name="person",
            name="family_name_index",
            field=encryption.fields.BlindIndexField(
                bits=9, db_index=True, editable=False, null=True, source="family_name"
            ),
        ),
        migrations.AlterField(
            model_name="person",
            name="date_of_birth_index",
            field=encryption.fields.BlindIndexField(
                bits=8, db_index=True, editable=False, null=True, source="date_of_birth"
            ),
        ),
        migrations.RunSQL(NARROW, reverse_sql=None),
    ]
