# Scaffolding while the community is built concern by concern: the resources work puts its schema changes
# here (and only here). Folded into one migration before it lands.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("community", "0005_discussions_changes")]

    operations: list = []
