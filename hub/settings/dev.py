"""Local development: DEBUG on and a throwaway secret key unless one is given."""

from .base import *  # noqa: F403
from .env import env_bool, env_int, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-used-in-production")
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Serve static files from the app folders directly; nothing is collected outside production.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No page cache while templates and code change under you (PAGE_CACHE_SECONDS=300 to try it).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
