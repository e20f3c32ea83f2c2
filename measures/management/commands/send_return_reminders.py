"""Remind data contributors of last month's missing returns. Safe to run often (each reminder is sent once)."""

from django.core.management.base import BaseCommand

from measures.services import return_reminders_send


class Command(BaseCommand):
    help = "Notify the contributors of every site of an active campaign that has no return for last month yet."

    def handle(self, *args, **options):
        sent = return_reminders_send()
        self.stdout.write(f"Sent {sent} return reminder(s).")
