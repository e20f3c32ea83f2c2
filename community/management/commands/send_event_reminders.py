"""Queue the day-before reminder e-mails for meetings. Safe to run often (e.g. hourly from cron)."""

from django.core.management.base import BaseCommand

from community.services.events import event_reminders_send


class Command(BaseCommand):
    help = "E-mail members with a place at a meeting that starts within the next 24 hours (once each)."

    def handle(self, *args, **options):
        sent = event_reminders_send()
        self.stdout.write(f"Queued {sent} reminder(s).")
