"""Load the reference data shipped with the Hub (CFIR 2.0, ERIC, Proctor, EPIS, barrier-to-strategy links)."""

from django.db import migrations


def reference_data_load(apps, schema_editor):
    from implementation.reference_data import reference_data_load as load

    load(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("implementation", "0002_plan_export"),
    ]

    # Reversing leaves the rows: plans may already point at them, and 0001 drops the tables anyway.
    operations = [migrations.RunPython(reference_data_load, migrations.RunPython.noop)]
