"""one current map, enforced by the database

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 13:30:00.000000

A partial unique index on ``maps.is_current`` where it is true: a second current map is refused
by SQLite itself, whatever door writes it. A catalogue that had several keeps the first (the
lowest id, the one the kiosk showed) as its current map.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        "UPDATE maps SET is_current = 0 WHERE is_current = 1 "
        "AND id <> (SELECT min(id) FROM maps WHERE is_current = 1)"
    )
    op.create_index(
        "uq_maps_one_current",
        "maps",
        ["is_current"],
        unique=True,
        sqlite_where=sa.text("is_current = 1"),
    )


def downgrade() -> None:
    op.drop_index("uq_maps_one_current", table_name="maps")
