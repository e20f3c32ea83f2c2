"""Sync the roles again once the learning app's permissions exist (pathways for editors)."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from accounts.roles import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("courses", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
