"""Background tasks for members."""

from django.conf import settings
from django.core.mail import get_connection
from django_tasks import task

from accounts.mail import message_from_dict


@task()
def email_send(*, message: dict) -> int:
    """Deliver one queued e-mail through the real delivery backend."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    email = message_from_dict(message)
    email.connection = connection
    return email.send()
