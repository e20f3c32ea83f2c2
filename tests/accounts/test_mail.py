"""Every e-mail goes through a background task, never in the request."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives, send_mail
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from accounts.mail import message_from_dict, message_to_dict


def test_message_survives_the_trip_through_a_task():
    message = EmailMultiAlternatives(
        subject="Your certificate",
        body="Plain text",
        from_email="hub@example.org",
        to=["a@example.org"],
        cc=["b@example.org"],
        reply_to=["c@example.org"],
        headers={"X-Hub": "1"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("notes.txt", b"\x00binary\xff", "application/octet-stream")
    rebuilt = message_from_dict(message_to_dict(message))
    assert rebuilt.subject == "Your certificate"
    assert rebuilt.to == ["a@example.org"] and rebuilt.cc == ["b@example.org"]
    assert rebuilt.reply_to == ["c@example.org"]
    assert rebuilt.extra_headers == {"X-Hub": "1"}
    assert rebuilt.alternatives[0][0] == "<p>HTML</p>"
    assert rebuilt.attachments[0][1] == b"\x00binary\xff"


@pytest.mark.django_db
@override_settings(EMAIL_BACKEND="accounts.mail.TaskEmailBackend")
def test_send_mail_is_delivered_by_the_task_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = send_mail("Hello", "Body", "hub@example.org", ["a@example.org"])
    assert sent == 1
    assert mail.outbox == []  # nothing sent inside the request's transaction
    for callback in callbacks:
        callback()
    assert [m.subject for m in mail.outbox] == ["Hello"]


@pytest.mark.django_db
@override_settings(
    EMAIL_BACKEND="accounts.mail.TaskEmailBackend",
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}},
)
def test_with_the_database_backend_the_mail_waits_for_the_worker(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Queued", "Body", "hub@example.org", ["a@example.org"])
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(task_path="accounts.tasks.email_send").count() == 1
    # What the worker does with a queued row (the worker itself closes the test's connection).
    queued = DBTaskResult.objects.get(task_path="accounts.tasks.email_send")
    queued.task.call(*queued.args_kwargs["args"], **queued.args_kwargs["kwargs"])
    assert [m.subject for m in mail.outbox] == ["Queued"]
