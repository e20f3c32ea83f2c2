"""Sign-up, e-mail verification, log-in and brute-force protection, through the test client."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts import roles
from accounts.models import User
from tests.accounts.factories import PASSWORD, LearnerFactory, NewMemberFactory

LOCKED = "Too many failed attempts to sign in"


def _link(body: str) -> str:
    return re.search(r"https?://testserver(/\S+)", body).group(1)


@pytest.mark.django_db
def test_sign_up_verify_and_land_on_the_profile_step(client, django_capture_on_commit_callbacks, site_pages):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "New.Nurse@Example.org", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.nurse@example.org")
    assert list(user.groups.values_list("name", flat=True)) == [roles.LEARNER]
    # Not signed in until the address is confirmed.
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.nurse@example.org"]
    assert message.subject.startswith("[Implementation Hub]")
    confirm_url = _link(message.body)
    assert client.get(confirm_url).status_code == 200
    response = client.post(confirm_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile_setup")
    assert int(client.session["_auth_user_id"]) == user.pk


@pytest.mark.django_db
def test_sign_up_errors_are_shown_by_the_field_and_email_kept(client, site_pages):
    response = client.post(
        reverse("account_signup"), {"email": "nurse@example.org", "password1": "short", "password2": "other"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="nurse@example.org"' in content
    assert "invalid-feedback" in content
    assert not User.objects.filter(email="nurse@example.org").exists()


@pytest.mark.django_db
def test_unverified_member_cannot_log_in(client, site_pages, django_capture_on_commit_callbacks):
    user = NewMemberFactory(verified_email=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_log_in_with_completed_profile_goes_to_next(client, site_pages):
    user = LearnerFactory()
    response = client.post(
        reverse("account_login") + "?next=/about/",
        {"login": user.email, "password": PASSWORD, "next": "/about/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/about/"


@pytest.mark.django_db
def test_first_log_in_goes_to_the_profile_step(client, site_pages):
    user = NewMemberFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response["Location"] == reverse("accounts:profile_setup")


@pytest.mark.django_db
def test_password_reset_email_is_sent_and_link_sets_a_new_password(
    client, site_pages, django_capture_on_commit_callbacks
):
    user = LearnerFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    url = _link(mail.outbox[0].body)
    response = client.get(url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else url
    new_password = "a brand new passphrase 42"
    response = client.post(form_url, {"password1": new_password, "password2": new_password})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)


def _fail_login(client, url, email, times):
    for _ in range(times):
        response = client.post(url, {"login": email, "password": "wrong password"})
    return response


@pytest.mark.django_db
def test_account_is_locked_after_five_failures_even_with_the_right_password(client, site_pages):
    user = LearnerFactory()
    url = reverse("account_login")
    response = _fail_login(client, url, user.email, 5)
    assert LOCKED not in response.content.decode()
    response = client.post(url, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 200
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another account from another address is not affected.
    other = LearnerFactory()
    response = client.post(url, {"login": other.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302


@pytest.mark.django_db
def test_one_address_is_limited_across_accounts(client, site_pages):
    url = reverse("account_login")
    for n in range(10):
        client.post(url, {"login": f"guess{n}@example.org", "password": "nope"}, REMOTE_ADDR="10.1.1.1")
    user = LearnerFactory()
    response = client.post(url, {"login": user.email, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429 or LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_cms_login_is_the_site_login_with_the_same_limits(client, site_pages):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"
    # A POST to the old CMS form never logs anyone in.
    user = LearnerFactory()
    response = client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    # The CMS sends anonymous visitors to the site's log-in page.
    response = client.get("/admin/")
    assert response["Location"].startswith(reverse("account_login"))
    # Five failures from the CMS's log-in link lock the account there too.
    editor_url = reverse("account_login") + "?next=/admin/"
    response = _fail_login(client, editor_url, user.email, 6)
    assert LOCKED in response.content.decode()


@pytest.mark.django_db
def test_admin_login_redirect_drops_unsafe_next(client):
    response = client.get("/admin/login/?next=https://evil.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
