"""Default configuration; every key can be overridden with an ``ELEARN_`` environment variable."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    # A random key is generated into the instance folder on first run when this stays None.
    "SECRET_KEY": None,
    # None means a SQLite file ``elearn.sqlite3`` in the instance folder.
    "DATABASE_URL": None,
    "CONTENT_DIR": None,
    # Public base URL (used as the xAPI account homePage); defaults to the request's host URL.
    "BASE_URL": None,
    # Send the learner's email as xAPI mbox instead of an account on BASE_URL.
    "XAPI_ACTOR_EMAIL": False,
    "WTF_CSRF_TIME_LIMIT": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": False,  # set true when served over HTTPS
    "REMEMBER_COOKIE_SECURE": False,
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
    # Sign-in throttling (see docs/security.md): per (email, client address) pair, this many failures are
    # free, then each one doubles the wait before the next try, from LOGIN_DELAY_SECONDS up to
    # LOGIN_DELAY_MAX_SECONDS; per address, at most LOGIN_ADDRESS_LIMIT failures (all emails together).
    # Counts are forgotten after LOGIN_WINDOW_SECONDS.
    "LOGIN_WINDOW_SECONDS": 900,
    "LOGIN_FREE_FAILURES": 5,
    "LOGIN_DELAY_SECONDS": 1,
    "LOGIN_DELAY_MAX_SECONDS": 900,
    "LOGIN_ADDRESS_LIMIT": 1000,
    # Number of reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
    "PROXY_COUNT": 0,
    # Other LRSs to forward stored statements to: JSON list of {"name", "endpoint", "username"/"key",
    # "password"/"secret", optional "verbs" list and "activity_prefix"} (see docs/xapi.md).
    "LRS_FORWARD_TARGETS": None,
    # Drain the forwarding outbox from a thread in each app process (None: yes, except when testing).
    "LRS_FORWARD_IN_BACKGROUND": None,
    "LRS_FORWARD_INTERVAL": 10,
    "LRS_FORWARD_BATCH_SIZE": 100,
    "LRS_FORWARD_TIMEOUT": 10,
    "LRS_FORWARD_BACKOFF_SECONDS": 5,
    "LRS_FORWARD_BACKOFF_MAX_SECONDS": 3600,
    # Refuse (400) a PUT that creates a profile document without If-Match or If-None-Match, as xAPI 1.0.3
    # requires of clients (3.1.s3.b1) and ADL's reference LRS does. False is a compatibility setting for
    # clients that create profiles with a bare PUT (tincan's RemoteLRS without learning_record_store.remote).
    "LRS_STRICT_PROFILE_PUT": True,
    # Origins whose pages may call the LRS from a browser (CORS): "*" for any, or a list of origins such
    # as ["https://lms.example"]. Credentials are never allowed across origins; clients send Basic auth.
    "LRS_CORS_ORIGINS": "*",
    # How much a drill answer counts toward competency mastery, as a multiple of the weight the same
    # question would carry in a quiz (0 turns drill evidence off); see docs/drills.md.
    "DRILL_EVIDENCE_WEIGHT": 0.5,
    # An unfinished drill resumes on the next visit within this many hours, and is closed after that.
    "DRILL_RESUME_HOURS": 8,
}
