"""Notifications: one place that records an in-site notification and e-mails it unless switched off."""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

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
    email: bool = True,
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
        if email and wants_email(user=user, kind=kind):
            context = {"user": user, "notification": notification, "link": absolute_url(url) if url else ""}
            context["settings_link"] = absolute_url("/accounts/notifications/settings/")
            subject = render_to_string("accounts/emails/notification_subject.txt", context).strip()
            body = render_to_string("accounts/emails/notification_body.txt", context)
            send_mail(subject, body, None, [user.email])
    return created


# Reading and managing one's own notifications -------------------------------------------------

#: Kinds a member may switch e-mail off for, in the order the settings page lists them.
OPTIONAL_NOTIFICATION_KINDS = tuple(kind for kind in NotificationKind if kind not in ESSENTIAL_NOTIFICATION_KINDS)


def notifications_for(*, user: User):
    """The member's own notifications, newest first, with whoever caused each."""
    return Notification.objects.filter(recipient=user).select_related("actor").order_by("-created_at", "-pk")


def notifications_unread_count(*, user: User) -> int:
    """How many of the member's notifications they have not opened yet (one query)."""
    return Notification.objects.unread().filter(recipient=user).count()


@transaction.atomic
def notifications_mark_read(*, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the member's unread notifications as read: all of them, or only those in `notification_ids`.

    Only the member's own are touched, whatever ids are passed. Returns how many were marked.
    """
    unread = Notification.objects.unread().filter(recipient=user)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


@transaction.atomic
def notification_open(*, user: User, notification_id: int) -> Notification | None:
    """The member's own notification, marked as read; None if it is not theirs (the view answers 404)."""
    notification = Notification.objects.filter(recipient=user, pk=notification_id).first()
    if notification is not None and notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_settings_save(*, user: User, muted_kinds: Iterable[str]) -> list[str]:
    """Switch off e-mail for `muted_kinds`, and back on for every other kind.

    Essential kinds and unknown values are ignored, so an essential e-mail can never be muted.
    Returns the kinds now muted, in the settings page's order.
    """
    wanted = set(muted_kinds)
    muted = [str(kind) for kind in OPTIONAL_NOTIFICATION_KINDS if kind in wanted]
    user.email_muted_kinds = muted
    user.save(update_fields=["email_muted_kinds"])
    return muted
