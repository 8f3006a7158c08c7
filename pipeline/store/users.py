"""Reviewer and admin accounts; passwords hashed with Argon2id (argon2-cffi)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store.models import UserRow

ROLES = ("reviewer", "admin")
_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    if not password:
        raise ValueError("the password is empty")
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def add_user(session: Session, username: str, password: str, role: str = "reviewer") -> UserRow:
    """Create an account (commits). Raises ValueError for a bad role or a taken name."""
    username = username.strip()
    if not username:
        raise ValueError("the user name is empty")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if session.scalar(select(UserRow).where(UserRow.username == username)) is not None:
        raise ValueError(f"user {username!r} exists already")
    user = UserRow(username=username, password_hash=hash_password(password), role=role, active=True)
    session.add(user)
    session.commit()
    return user


def authenticate(session: Session, username: str, password: str) -> UserRow | None:
    """The active user with this name and password, else None."""
    user = session.scalar(select(UserRow).where(UserRow.username == username))
    if user is None or not user.active or not verify_password(user.password_hash, password):
        return None
    return user
