"""Password hashing and the strength rule."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 10
COMMON = frozenset(
    {
        "password",
        "password1",
        "password123",
        "123456789",
        "1234567890",
        "qwertyuiop",
        "letmein123",
        "welcome123",
        "iloveyou12",
        "changeme123",
        "administrator",
        "passw0rd123",
    }
)


class WeakPasswordError(ValueError):
    pass


def check_password_strength(password: str, *, email: str = "") -> None:
    """Raise WeakPasswordError when the password is too easy to guess."""
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"password must be at least {MIN_LENGTH} characters long")
    if password.lower() in COMMON:
        raise WeakPasswordError("password is one of the most common passwords")
    if len(set(password)) < 5:
        raise WeakPasswordError("password must use at least 5 different characters")
    local = email.split("@", 1)[0].lower()
    if local and len(local) >= 4 and local in password.lower():
        raise WeakPasswordError("password must not contain the email address")


def hash_password(password: str) -> str:
    """Hash with scrypt and a random salt."""
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
