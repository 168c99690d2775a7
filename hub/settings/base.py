"""Settings shared by every environment.

Everything that differs between machines is read from environment variables (see README's table),
with embedded defaults that give a working site on a laptop: a SQLite file, the database search
backend and a local-memory cache.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .env import env_bool, env_choice, env_int, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "hub.core",
    "hub.accounts",
    "hub.home",
    "hub.services",
    "hub.briefings",
    "hub.events",
    "hub.editorial",
    "toolkit",
    "resources",
    "search",
    "wagtailaccessibility",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "wagtail.contrib.sitemaps",
    # Always installed, so its queue table exists before TASKS_BACKEND=database is switched on.
    "django_tasks_db",
]

MIDDLEWARE = [
    # First: every request is logged once with its request id, pages from the page cache, static files
    # and HTTPS redirects included (hub/core/logs.py).
    "hub.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # /health/live and /health/ready, answered before host checks, the page cache, sessions and the site
    # lookup, none of which a container probe may depend on (hub/core/health.py).
    "hub.core.health.HealthCheckMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole pages for anonymous visitors, served before sessions, CSRF and auth run (hub/core/page_cache.py).
    "hub.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The request's Wagtail site from the cache, not a query per request (after the host check).
    "hub.core.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Admin sign-in (hub/accounts): which device verified this session, idle and maximum session
    # age, the second sign-in step before any admin page, and a trail of refused admin requests.
    "django_otp.middleware.OTPMiddleware",
    "hub.accounts.middleware.SessionLimitsMiddleware",
    "hub.accounts.middleware.AdminTwoFactorMiddleware",
    "hub.accounts.middleware.RefusedAdminAccessLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a clear 429 page.
    "axes.middleware.AxesMiddleware",
    # Vary: Cookie on HTML: pages carry the visitor's display preferences.
    "hub.core.preferences.DisplayPreferencesMiddleware",
]

# Content Security Policy for the public site: our own scripts and styles only, no inline code.
# The Wagtail admin (and previews, which it serves) needs inline scripts, so it is excluded.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# Admin login throttling (django-axes): 5 failures for one username from one address lock it for an hour.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "core/login_locked.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None

# Two-factor sign-in for the admin (hub/accounts, django-otp): a code from an authenticator app or a
# backup code after the password. AXES_FAILURE_LIMIT wrong codes lock the second step like passwords;
# django-otp's own growing delays are off so that one rule applies.
ADMIN_2FA_REQUIRED = env_bool("ADMIN_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = env_str("SITE_NAME", "Work and Wellbeing Hub")
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0

# Signed-in sessions end after this long without a request, and this long after sign-in at most.
ADMIN_SESSION_IDLE_MINUTES = env_int("ADMIN_SESSION_IDLE_MINUTES", 30)
ADMIN_SESSION_MAX_HOURS = env_int("ADMIN_SESSION_MAX_HOURS", 8)
SESSION_COOKIE_AGE = ADMIN_SESSION_MAX_HOURS * 3600

ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "hub.core.context_processors.display_preferences",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL names another (e.g. postgres://user@host/db).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: readers never wait for a writer and a commit syncs one file, not three. Memory
    # mapping: every worker reads the database through the one OS page cache rather than copying
    # pages into its own; and a 32 MiB page cache per connection (the default is 2 MiB): ranking a
    # common word reads the FTS5 index and document sizes of thousands of hits, which then stay.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA mmap_size=268435456; PRAGMA cache_size=-32768"
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: a common word's search is estimated dear enough to trigger it, and compiling
    # took 30-150 ms for a statement that runs in 40 ms (measured; JIT pays off only for long reports).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory unless REDIS_URL is set; production runs several processes and needs Redis.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hub",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page cache (hub/core/page_cache.py): no page is served from it longer than this after it was
# rendered, even if no signal reached this process (local memory) or it changes with the clock. 0: off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# The load test's bare Django view (/_ceiling/: no database, no template), the throughput ceiling pages are
# compared with. Only `manage.py loadtest` sets it; a real site never serves that URL.
LOADTEST_CEILING = env_bool("LOADTEST_CEILING", False)
# A CDN or caching proxy in front (README "Page cache"): Wagtail's frontend cache app purges a page
# when it is published or unpublished, and hub/core/page_cache.py the pages that list it. Unset: none.
WAGTAILFRONTENDCACHE = {
    f"http-{number}": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": location}
    for number, location in enumerate(env_list("FRONTEND_CACHE_PURGE_URL"), start=1)
}
if env_str("CLOUDFLARE_ZONE_ID"):
    if not env_str("CLOUDFLARE_API_TOKEN"):
        raise ImproperlyConfigured(
            "CLOUDFLARE_ZONE_ID is set: set CLOUDFLARE_API_TOKEN (with Cache Purge permission) too."
        )
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env_str("CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env_str("CLOUDFLARE_API_TOKEN"),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.contrib.redirects"), "wagtail.contrib.frontend_cache")

# Search: the database backend (SQLite FTS5 / PostgreSQL full text) unless ELASTICSEARCH_URL is set.
# Our subclass of Wagtail's database backend (search/backend.py): SQLite FTS5 ranked in one statement
# with bm25(); on PostgreSQL the same one-pass summary. A named text search configuration keeps the
# index's stemming independent of the server's default and lets PostgreSQL fold the query once per
# statement instead of once per row (a third of a common word's time).
DATABASE_SEARCH = {"BACKEND": "search.backend", "SEARCH_CONFIG": "english"}
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            # Wagtail's Elasticsearch 8 backend with our English stemming and synonym analysers.
            "BACKEND": "search.elasticsearch",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": env_str("ELASTICSEARCH_INDEX", "hub") + "_",
            # Short timeout and one retry: an unreachable cluster must not hang a page or a publish.
            "TIMEOUT": env_int("ELASTICSEARCH_TIMEOUT", 2),
            "OPTIONS": {"max_retries": 1, "retry_on_timeout": False},
        },
        # Kept up to date as well, so search falls back to it while Elasticsearch is unreachable.
        "database": DATABASE_SEARCH,
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": DATABASE_SEARCH}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not manifest-rewriting: keeps source maps of vendored CSS intact.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Email: console in development; SMTP when EMAIL_HOST is set.
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Work and Wellbeing Hub <noreply@localhost>")

# Background tasks (search index updates, etc.): "immediate" runs them in the request (the default, and
# tests); TASKS_BACKEND=database queues them in the database for `manage.py db_worker` to run on a worker.
TASKS_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate").strip().lower()
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {TASKS_BACKEND!r}.")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND]}}

# Periodic jobs, run by `manage.py run_scheduler` (hub/core/scheduler.py): each a management command with a
# crontab line (minute hour day month weekday, in TIME_ZONE), overridden by SCHEDULE_<COMMAND> (upper case;
# "off" switches a job off). A run holds its job's lock (a lease of lease_minutes, renewed every third of
# that while the job runs), so a lock outlives its scheduler by at most lease_minutes.
SCHEDULED_JOBS = {
    name: {"schedule": env_str(f"SCHEDULE_{name.upper()}", schedule), "lease_minutes": lease}
    for name, schedule, lease in [
        ("send_referral_notifications", "*/5 * * * *", 15),
        ("publish_scheduled", "*/5 * * * *", 15),
        ("purge_referrals", "30 2 * * *", 60),
        ("send_review_reminders", "0 7 * * *", 60),
        ("check_resource_links", "0 3 * * *", 60),
        # Finished background tasks are kept 14 days, then deleted (only when a worker runs them).
        *([("prune_db_task_results", "45 2 * * *", 60)] if TASKS_BACKEND == "database" else []),
    ]
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Container and load-balancer probes speak plain HTTP to the process: no HTTPS redirect for them.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
# Permissions-Policy (django-permissions-policy): no page, nor anything it embeds, may use the camera,
# microphone, location, payments, USB and other devices and sensors; the site needs none of them.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = env_str("SITE_NAME", "Work and Wellbeing Hub")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Uploads: office documents and PDFs, photos; never HTML, SVG (it can carry script) or programs.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
# Documents are served by Wagtail's view (whatever the storage), which sends them as downloads
# (Content-Disposition: attachment) except PDFs, shown in the browser; every one with
# "Content-Security-Policy: default-src 'none'" and nosniff, so a document never runs code on our origin.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAIL_MODERATION_ENABLED = True
# No Gravatar: editors' email hashes are not sent to a third party (and avatars never fail to load offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Logs go to the console (stderr) for the process manager or container runtime to collect
# (hub/core/logs.py): LOG_FORMAT "json", one object per line (production's default), or "text".
# Every request is logged once, by hub.core.logs.RequestLogMiddleware, with its request id.
LOG_FORMATS = ("json", "text")
LOG_FORMAT = env_choice("LOG_FORMAT", "text", LOG_FORMATS)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "hub.core.logs.JsonFormatter"},
        "text": {"()": "hub.core.logs.TextFormatter"},
    },
    "filters": {"request_id": {"()": "hub.core.logs.RequestIdFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # The request line already says a page was 404 or 403: Django's own warnings would repeat it.
    # Server errors (with their traceback) are still logged by django.request.
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Referrals (special-category health data; see hub/services/crypto.py for key rotation).
# REFERRAL_ENCRYPTION_KEY: Fernet keys, comma-separated, newest first; unset derives a dev-only key from SECRET_KEY.
REFERRAL_ENCRYPTION_KEY = env_str("REFERRAL_ENCRYPTION_KEY")
REFERRAL_ENCRYPTION_KEY_REQUIRED = env_bool("REFERRAL_ENCRYPTION_KEY_REQUIRED", False)
REFERRAL_RATE_LIMIT = env_int("REFERRAL_RATE_LIMIT", 10)  # referral form POSTs per client address…
REFERRAL_RATE_WINDOW = env_int("REFERRAL_RATE_WINDOW", 600)  # …in this many seconds
# Error reports for requests that carry referral data list no POST values and no frame variables.
DEFAULT_EXCEPTION_REPORTER_FILTER = "hub.services.reporting.ReferralSafeExceptionReporterFilter"
