"""Production: refuses to start without a real secret key; HTTPS and security headers on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env_bool, env_choice, env_int, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith(("dev-", "test-", "django-insecure")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production "
        '(python -c "import secrets; print(secrets.token_urlsafe(64))").'
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Referral data must be encrypted with its own key, never one derived from SECRET_KEY.
REFERRAL_ENCRYPTION_KEY_REQUIRED = env_bool("REFERRAL_ENCRYPTION_KEY_REQUIRED", True)

# One JSON object per log line for the log collector, unless LOG_FORMAT=text (hub/core/logs.py).
LOG_FORMAT = env_choice("LOG_FORMAT", "json", LOG_FORMATS)  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT  # noqa: F405
