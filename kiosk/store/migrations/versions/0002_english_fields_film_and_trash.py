"""english content fields, the film, the Corbeille

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05 10:00:00.000000

English fields for media credits, album dates and credits, map credits and tag names; the film
of the road trip chosen explicitly (``media_assets.is_film``: the first aftermovie of an older
catalogue becomes it, so its visitors keep seeing one film); the Corbeille (``trash_items``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trash_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("media", "place", name="trashkind", native_enum=False, length=16),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("removed_at", sa.DateTime(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trash_items")),
    )
    with op.batch_alter_table("albums", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_label_en", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("credit_en", sa.String(length=200), nullable=True))

    with op.batch_alter_table("maps", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credit_en", sa.String(length=200), nullable=True))

    with op.batch_alter_table("media_assets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("credit_en", sa.String(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("is_film", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_en", sa.String(length=80), nullable=True))

    # Before this revision every aftermovie was "the" film: the first one (in the order the
    # videos screen showed them) stays the film, the others become "autres films".
    op.execute(
        "UPDATE media_assets SET is_film = 1 WHERE id = ("
        "SELECT id FROM media_assets WHERE role = 'aftermovie' ORDER BY sort_order, id LIMIT 1)"
    )


def downgrade() -> None:
    with op.batch_alter_table("tags", schema=None) as batch_op:
        batch_op.drop_column("name_en")

    with op.batch_alter_table("media_assets", schema=None) as batch_op:
        batch_op.drop_column("is_film")
        batch_op.drop_column("credit_en")

    with op.batch_alter_table("maps", schema=None) as batch_op:
        batch_op.drop_column("credit_en")

    with op.batch_alter_table("albums", schema=None) as batch_op:
        batch_op.drop_column("credit_en")
        batch_op.drop_column("date_label_en")

    op.drop_table("trash_items")
