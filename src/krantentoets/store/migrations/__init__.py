"""Alembic migration environment of krantentoets (configured by :mod:`krantentoets.store`)."""
