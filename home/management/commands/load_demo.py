"""Load the demo site: pages, organisations and one account per role."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.demo import demo_load

DEFAULT_PASSWORD = "hub-demo-password"


class Command(BaseCommand):
    help = "Build the demo site (idempotent). Refuses to run unless DEMO_CONTENT_ALLOWED is on."

    def add_arguments(self, parser):
        parser.add_argument("--no-accounts", action="store_true", help="Pages only, no demo members.")

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_CONTENT_ALLOWED", False):
            raise CommandError("Demo content is switched off here (production settings).")
        password = os.environ.get("DEMO_PASSWORD", DEFAULT_PASSWORD)
        accounts = demo_load(password=password, with_accounts=not options["no_accounts"])
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
        if accounts:
            self.stdout.write(f"Demo accounts (password: {password}):")
            for email, role in accounts:
                self.stdout.write(f"  {email:45} {role}")
