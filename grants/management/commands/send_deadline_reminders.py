"""Remind applicants of draft proposals that their funding call closes soon. Safe to run often (daily or hourly)."""

from django.core.management.base import BaseCommand

from grants.services.reminders import deadline_reminders_send


class Command(BaseCommand):
    help = (
        "Notify the applicants of draft proposals whose funding call closes in 14, 7 or 1 days "
        "(each reminder once per proposal)."
    )

    def handle(self, *args, **options):
        sent = deadline_reminders_send()
        self.stdout.write(f"Sent {sent} deadline reminder(s).")
