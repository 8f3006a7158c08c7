"""cehours: scanned evidence in, proposed continuing-education hours out, for a person to confirm."""

__version__ = "0.1.0"
