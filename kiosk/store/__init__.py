"""The catalogue: SQLAlchemy models, the SQLite engine and sessions, Alembic migrations. No Qt."""
