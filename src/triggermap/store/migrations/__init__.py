"""Alembic migrations of the records database, run by `triggermap.store.opening`."""
