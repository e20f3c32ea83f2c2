"""Notifications: one place that records an in-site notification and e-mails it unless switched off."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from accounts.models import ESSENTIAL_NOTIFICATION_KINDS, Notification, NotificationKind, User


def absolute_url(path: str) -> str:
    """A path on the site as a full address, for e-mails."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def wants_email(*, user: User, kind: str) -> bool:
    """Whether `user` wants e-mail about `kind` (essential kinds are always sent)."""
    return kind in ESSENTIAL_NOTIFICATION_KINDS or kind not in (user.email_muted_kinds or [])


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: NotificationKind | str,
    message: str,
    url: str = "",
    actor: User | None = None,
) -> list[Notification]:
    """Tell each recipient (once, and never the actor) about something, in the site and by e-mail.

    The e-mail carries the message and a link, and is queued as a background task after the
    transaction commits (see accounts.mail); members who switched `kind` off get only the in-site
    notification. Returns the notifications created.
    """
    seen: set[int] = set()
    created = []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk) or not user.is_active:
            continue
        seen.add(user.pk)
        created.append(Notification(recipient=user, kind=kind, message=message[:300], url=url, actor=actor))
    Notification.objects.bulk_create(created)
    for notification in created:
        user = notification.recipient
        if wants_email(user=user, kind=kind):
            context = {"user": user, "notification": notification, "link": absolute_url(url) if url else ""}
            context["settings_link"] = absolute_url("/accounts/notifications/settings/")
            subject = render_to_string("accounts/emails/notification_subject.txt", context).strip()
            body = render_to_string("accounts/emails/notification_body.txt", context)
            send_mail(subject, body, None, [user.email])
    return created
