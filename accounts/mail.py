"""An e-mail backend that never sends in the request: it queues a background task.

Every e-mail the platform sends (allauth's, Wagtail's, our own) goes through Django's
mail API, so queueing here covers them all. The task delivers through
``settings.EMAIL_DELIVERY_BACKEND``.
"""

import base64
from functools import partial

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction


def message_to_dict(message: EmailMessage) -> dict:
    """Turn a message into JSON-safe data a task can carry."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append(
            {
                "filename": filename,
                "content": base64.b64encode(content).decode("ascii"),
                "mimetype": mimetype,
            }
        )
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def message_from_dict(data: dict) -> EmailMultiAlternatives:
    """Rebuild a message from `message_to_dict` data."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for attachment in data["attachments"]:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


class TaskEmailBackend(BaseEmailBackend):
    """Queue each message as a task once the current transaction commits."""

    def send_messages(self, email_messages):
        from accounts.tasks import email_send

        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            transaction.on_commit(partial(email_send.enqueue, message=message_to_dict(message)))
            count += 1
        return count
