"""Reads on members and organisations."""

from django.db.models import QuerySet

from accounts.models import Organisation


def organisation_names_for_picker() -> QuerySet:
    """Names offered as suggestions when members type their organisation (verified first)."""
    return Organisation.objects.order_by("-is_verified", "name").values_list("name", flat=True)[:500]
