# Scaffolding while the community is built concern by concern: the surveys work puts its schema changes
# here (and only here). Folded into one migration before it lands.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("community", "0006_resources_changes")]

    operations: list = []
