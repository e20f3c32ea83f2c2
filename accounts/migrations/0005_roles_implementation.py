"""Sync the roles again once the implementation app's permissions exist (reference data for group leads)."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from accounts.roles import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_notifications_mentoring"),
        ("implementation", "0003_reference_data"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
