"""Sync the roles again once the measures app's permissions exist (campaigns and sites for group leads)."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    from accounts.roles import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_community_of_practice"),
        ("measures", "0001_initial"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
