"""Development: the site on a bare machine with `make run` (SQLite, console e-mail)."""

import os

from lms.settings.base import *  # noqa: F403
from lms.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-only-insecure-key-never-used-in-production"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
DEMO_CONTENT_ALLOWED = True
