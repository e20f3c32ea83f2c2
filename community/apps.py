from django.apps import AppConfig


class CommunityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community"
    verbose_name = "Community"

    def ready(self):
        # Connects the receivers (registering them is a side effect of the import).
        from community import signals  # noqa: F401
