"""The "Course review" moderation workflow and the Editors' and Moderators' permissions.

The logic lives in courses.workflow_setup so that the browser tests can rebuild the same
set-up after flushing the database.
"""

from django.db import migrations


def moderation_workflow(apps, schema_editor):
    from courses.workflow_setup import moderation_workflow_ensure

    moderation_workflow_ensure(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("accounts", "0002_roles"),
        # The image and document permissions must exist (and their migrations give the groups
        # Wagtail's defaults first).
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(moderation_workflow, migrations.RunPython.noop)]
