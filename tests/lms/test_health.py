"""The health check: 200 when the database and the cache answer, 503 naming what failed."""

import pytest
from django.core.cache import cache
from django.db import connection

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_cache_answer(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_database_failure_is_503_and_names_only_the_part(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise RuntimeError("could not connect to server at db.internal:5432 password=secret")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "fail", "database": "fail", "cache": "ok"}
    assert b"secret" not in response.content and b"db.internal" not in response.content


def test_cache_failure_is_503(client, monkeypatch):
    def broken_set(*args, **kwargs):
        raise ConnectionError("redis down")

    monkeypatch.setattr(cache, "set", broken_set)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"] == "fail"


def test_only_get(client):
    assert client.post("/health/").status_code == 405
