"""Settings: production refuses to start unsafely and passes Django's deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent


def _run(args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "hub.example.org"}, "Set SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "Set ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secret_or_hosts(env, message):
    result = _run(["check"], DJANGO_SETTINGS_MODULE="lms.settings.production", **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_passes_check_deploy():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="lms.settings.production",
        SECRET_KEY="k3y-" + "q7Zp9vR2xL5mN8bT1wY4cF6hJ0dS3gA" * 2,
        ALLOWED_HOSTS="hub.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_security_settings():
    env = {"SECRET_KEY": "s" * 60, "ALLOWED_HOSTS": "hub.example.org"}
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0,"
        " s.SECURE_REFERRER_POLICY, s.X_FRAME_OPTIONS, s.STORAGES['staticfiles']['BACKEND'], s.DEBUG,"
        " s.DEMO_CONTENT_ALLOWED, s.PASSWORD_HASHERS[0].rsplit('.', 1)[1])"
    )
    result = _run(["shell", "-c", code], DJANGO_SETTINGS_MODULE="lms.settings.production", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-10:] == [
        "True",
        "True",
        "True",
        "True",
        "same-origin",
        "DENY",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "False",
        "False",
        "Argon2PasswordHasher",
    ]


def test_database_url_selects_postgresql():
    code = (
        "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])"
    )
    result = _run(
        ["shell", "-c", code],
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DATABASE_URL="postgres://u@db.example:5432/hub",
    )
    assert result.stdout.split()[-2:] == ["django.db.backends.postgresql", "hub"]
    result = _run(["shell", "-c", code], DJANGO_SETTINGS_MODULE="lms.settings.dev")
    assert result.stdout.split()[-2] == "django.db.backends.sqlite3"
    assert result.stdout.split()[-1].endswith("db.sqlite3")
