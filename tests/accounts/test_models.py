"""The custom user model and organisations."""

import pytest
from django.conf import settings

from accounts.models import User


def test_user_model_is_custom_and_argon2_comes_first():
    assert settings.AUTH_USER_MODEL == "accounts.User"
    # Test settings use MD5 for speed; the base settings are what production uses.
    from lms.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
def test_create_user_logs_in_by_email_and_lowercases_it():
    user = User.objects.create_user(email="Nurse@Example.ORG", password="a-long-password-1")
    assert user.email == "nurse@example.org"
    assert user.get_username() == "nurse@example.org"
    assert user.check_password("a-long-password-1")
    assert not user.is_staff
    assert not user.has_completed_profile
    assert user.display_name == "nurse"


@pytest.mark.django_db
def test_create_user_needs_an_email():
    with pytest.raises(ValueError):
        User.objects.create_user(email="", password="x")


@pytest.mark.django_db
def test_create_superuser_sets_flags():
    admin = User.objects.create_superuser(email="admin@example.org", password="pw-long-enough")
    assert admin.is_staff and admin.is_superuser
    with pytest.raises(ValueError):
        User.objects.create_superuser(email="x@example.org", password="p", is_superuser=False)


@pytest.mark.django_db
def test_str_uses_full_name_or_email():
    user = User.objects.create_user(email="a@example.org", password="p")
    assert str(user) == "a@example.org"
    user.first_name, user.last_name = "Amira", "Okafor"
    assert str(user) == "Amira Okafor"
