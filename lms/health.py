"""A health check for load balancers and monitoring: is this web server able to serve?

It answers 200 only when the database answers a query and the cache stores and returns a value,
and 503 otherwise, naming the part that failed (never the error's text, which may carry hosts or
credentials). It touches no session and sets no cookie, so probes do not fill the session table.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not healthy": logged, never shown
        logger.exception("Health check: the database did not answer")
        return False


def _cache_ok() -> bool:
    key = f"health:{uuid.uuid4().hex}"
    try:
        cache.set(key, "ok", timeout=10)
        found = cache.get(key) == "ok"
        cache.delete(key)
        return found
    except Exception:  # as above
        logger.exception("Health check: the cache did not answer")
        return False


@never_cache
@require_GET
def health(request):
    """{"status": "ok"|"fail", "database": "ok"|"fail", "cache": "ok"|"fail"} with 200 or 503."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "fail", **{name: "ok" if ok else "fail" for name, ok in checks.items()}}
    return JsonResponse(body, status=200 if healthy else 503)
