# Scaffolding while the community is built concern by concern: the events work puts its schema changes
# here (and only here). Folded into one migration before it lands.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("community", "0007_surveys_changes")]

    operations: list = []
