"""Members' notifications: the list, opening one, marking all read, e-mail choices and the header count."""

import datetime
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.context_processors import notifications as notifications_context
from accounts.models import ESSENTIAL_NOTIFICATION_KINDS, Notification, NotificationKind
from accounts.notifications import notification_settings_save, notifications_mark_read, notify
from tests.accounts.factories import LearnerFactory

pytestmark = pytest.mark.django_db

LIST = "/accounts/notifications/"
SETTINGS = "/accounts/notifications/settings/"


def note(user, message="Something happened", *, url="/grants/proposals/", read=False, minutes_ago=0, **kwargs):
    return Notification.objects.create(
        recipient=user,
        kind=kwargs.pop("kind", NotificationKind.FEEDBACK),
        message=message,
        url=url,
        created_at=timezone.now() - datetime.timedelta(minutes=minutes_ago),
        read_at=timezone.now() if read else None,
        **kwargs,
    )


def test_urls_are_the_ones_the_emails_link_to():
    assert reverse("accounts:notifications") == LIST
    assert reverse("accounts:notification_settings") == SETTINGS


@pytest.mark.parametrize("url", [LIST, SETTINGS])
def test_anonymous_visitors_are_asked_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_list_shows_own_notifications_newest_first_with_unread_marked(client, learner):
    note(learner, "Older and already read", read=True, minutes_ago=60)
    newer = note(learner, "Newer and unread", minutes_ago=1, actor=LearnerFactory(first_name="Priya"))
    note(LearnerFactory(), "Someone else's news")
    client.force_login(learner)
    content = client.get(LIST).content.decode()
    assert content.count("<h1") == 1
    assert content.index("Newer and unread") < content.index("Older and already read")
    assert "Someone else&#x27;s news" not in content and "Someone else's news" not in content
    # Unread is said in words, not only by colour: one "New" badge, for the unread one.
    assert content.count(">New<") == 1
    assert content.index(">New<") < content.index("Newer and unread") < content.index("Older")
    assert reverse("accounts:notification_open", args=[newer.pk]) in content
    assert "Mark all as read" in content
    assert "<time datetime=" in content


def test_list_is_paginated_by_thirty(client, learner):
    for number in range(35):
        note(learner, f"Notification number {number:02d}", minutes_ago=100 - number)
    client.force_login(learner)
    first = client.get(LIST).content.decode()
    assert "Notification number 34" in first and "Notification number 05" in first
    assert "Notification number 04" not in first and "Page 1 of 2" in first
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Notification number 04" in second and "Notification number 00" in second
    assert "Notification number 05" not in second


def test_list_is_friendly_when_empty(client, learner):
    client.force_login(learner)
    content = client.get(LIST).content.decode()
    assert "You have no notifications yet" in content
    assert "Mark all as read" not in content


def test_list_queries_do_not_grow_with_notifications(client, learner, django_assert_max_num_queries):
    client.force_login(learner)
    note(learner, actor=LearnerFactory())
    client.get(LIST)
    with CaptureQueriesContext(connection) as small:
        client.get(LIST)
    for _ in range(20):
        note(learner, actor=LearnerFactory())
    with django_assert_max_num_queries(len(small)):
        assert client.get(LIST).status_code == 200


def test_opening_marks_read_and_follows_a_local_link(client, learner):
    notification = note(learner, url="/grants/proposals/7/#comment-3")
    client.force_login(learner)
    response = client.get(reverse("accounts:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/grants/proposals/7/#comment-3"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example.com/phish",
        "//evil.example.com/phish",
        "/\\evil.example.com",
        "javascript:alert(1)",
        "relative/path",
        "",
    ],
)
def test_opening_never_leaves_the_site(client, learner, url):
    notification = note(learner, url=url)
    client.force_login(learner)
    response = client.get(reverse("accounts:notification_open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == LIST


def test_another_members_notification_is_not_found(client, learner):
    theirs = note(LearnerFactory(), "Their private news", url="/grants/proposals/9/")
    client.force_login(learner)
    response = client.get(reverse("accounts:notification_open", args=[theirs.pk]))
    assert response.status_code == 404
    assert b"Their private news" not in response.content
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_as_read_only_touches_own_and_needs_post(client, learner):
    mine = [note(learner), note(learner)]
    theirs = note(LearnerFactory())
    client.force_login(learner)
    url = reverse("accounts:notifications_mark_all_read")
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    assert "2 notifications marked as read." in response.content.decode()
    assert all(Notification.objects.get(pk=n.pk).read_at for n in mine)
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert ">New<" not in response.content.decode()


def test_mark_read_service_ignores_other_members_ids(learner):
    theirs = note(LearnerFactory())
    mine = note(learner)
    assert notifications_mark_read(user=learner, notification_ids=[theirs.pk, mine.pk]) == 1
    assert Notification.objects.get(pk=theirs.pk).read_at is None


# E-mail choices ------------------------------------------------------------------------------


def test_settings_page_lists_optional_kinds_as_boxes_and_essential_ones_with_the_reason(client, learner):
    learner.email_muted_kinds = [NotificationKind.FEEDBACK]
    learner.save()
    client.force_login(learner)
    content = client.get(SETTINGS).content.decode()
    assert content.count("<h1") == 1
    assert "<legend" in content and "E-mail me about" in content
    for kind in NotificationKind:
        box = re.search(rf'<input type="checkbox"[^>]*value="{kind.value}"[^>]*>', content)
        if kind in ESSENTIAL_NOTIFICATION_KINDS:
            assert box is None
            assert str(kind.label) in content and "Always sent" in content
        else:
            assert box is not None
            assert ("checked" in box.group(0)) == (kind != NotificationKind.FEEDBACK)


def test_saving_settings_mutes_the_unticked_kinds(client, learner):
    client.force_login(learner)
    wanted = [NotificationKind.FEEDBACK, NotificationKind.REPLY, NotificationKind.STATE_CHANGED]
    response = client.post(SETTINGS, {"emailed_kinds": wanted}, follow=True)
    assert "Your e-mail choices are saved." in response.content.decode()
    learner.refresh_from_db()
    assert set(learner.email_muted_kinds) == set(NotificationKind.values) - set(wanted) - {NotificationKind.INVITATION}
    assert NotificationKind.DEADLINE in learner.email_muted_kinds
    # Ticking everything again switches every e-mail back on.
    client.post(
        SETTINGS, {"emailed_kinds": [k.value for k in NotificationKind if k not in ESSENTIAL_NOTIFICATION_KINDS]}
    )
    learner.refresh_from_db()
    assert learner.email_muted_kinds == []


def test_settings_reject_unknown_kinds_and_keep_the_choice(client, learner):
    client.force_login(learner)
    response = client.post(SETTINGS, {"emailed_kinds": ["feedback", "invitation"]})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    learner.refresh_from_db()
    assert learner.email_muted_kinds == []


def test_essential_kinds_cannot_be_muted_and_muted_kinds_are_still_listed(learner):
    notification_settings_save(user=learner, muted_kinds=[NotificationKind.INVITATION, NotificationKind.FEEDBACK, "x"])
    assert learner.email_muted_kinds == [NotificationKind.FEEDBACK]
    mail.outbox.clear()
    notify(recipients=[learner], kind=NotificationKind.FEEDBACK, message="A new comment", url="/x/")
    notify(recipients=[learner], kind=NotificationKind.INVITATION, message="Join us", url="/y/")
    assert [m.body.count("Join us") for m in mail.outbox] == [1]
    assert Notification.objects.filter(recipient=learner).count() == 2


# The header ----------------------------------------------------------------------------------


def test_header_shows_proposals_and_notifications_with_the_unread_count(client, learner):
    for _ in range(3):
        note(learner)
    note(learner, read=True)
    client.force_login(learner)
    content = client.get(SETTINGS).content.decode()
    assert f'href="{reverse("grants:proposal_list")}"' in content and ">Proposals</a>" in content
    link = re.search(rf'<a class="nav-link" href="{LIST}"[^>]*>(.*?)</a>', content, re.S).group(1)
    text = re.sub(r"<[^>]+>", "", link)
    assert text == "Notifications, 3 unread"


def test_header_without_unread_says_just_notifications(client, learner):
    note(learner, read=True)
    client.force_login(learner)
    content = client.get(SETTINGS).content.decode()
    link = re.search(rf'<a class="nav-link" href="{LIST}"[^>]*>(.*?)</a>', content, re.S).group(1)
    assert link == "Notifications"


def test_anonymous_header_has_no_member_links_and_costs_no_notification_query(client):
    with CaptureQueriesContext(connection) as queries:
        content = client.get(reverse("account_login")).content.decode()
    assert f'href="{LIST}"' not in content and ">Proposals</a>" not in content
    assert not [q for q in queries.captured_queries if "accounts_notification" in q["sql"]]


def test_header_count_costs_one_query_however_many_notifications(client, learner):
    client.force_login(learner)
    client.get(SETTINGS)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(SETTINGS).status_code == 200
        counts.append(len(queries))
        assert len([q for q in queries.captured_queries if "accounts_notification" in q["sql"]]) == 1
        for _ in range(10):
            note(learner)
    assert counts[0] == counts[1]


def test_context_processor_counts_once_and_only_for_members(learner, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert notifications_context(request) == {}
    note(learner)
    note(learner)
    request.user = learner
    with django_assert_num_queries(1):
        counter = notifications_context(request)["notifications_unread"]
        assert counter() == 2 and counter() == 2
        # A second template rendered in the same request shares the count.
        assert notifications_context(request)["notifications_unread"]() == 2
