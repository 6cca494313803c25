"""optimistic locking of respondents and assignments

respondent.version is the respondent's version_id_col (SQLAlchemy refuses an
UPDATE or DELETE of a row changed since it was read); incident.assignments_version
is moved by the assignment service's own UPDATE … WHERE assignments_version = :seen,
so two people changing who works on a case cannot overwrite each other. Existing
rows start at version 1 (the server default). Reviewed: written by hand.

Revision ID: e4c1a7b9d3f2
Revises: 11f680f561fe
Create Date: 2026-12-06 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4c1a7b9d3f2'
down_revision = '11f680f561fe'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('respondent', sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
    op.add_column(
        'incident', sa.Column('assignments_version', sa.Integer(), server_default=sa.text('1'), nullable=False)
    )


def downgrade():
    # A plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35 too): a batch copy of incident would lose the
    # search index's triggers on it.
    op.drop_column('incident', 'assignments_version')
    op.drop_column('respondent', 'version')
