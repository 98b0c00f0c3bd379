"""verify checkpoints: what the last `case verify` checked, so the next checks only what changed (issue 22)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('verify_checkpoints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('mode', sa.String(length=16), nullable=False),
    sa.Column('last_row', sa.Integer(), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('chains', sa.Integer(), nullable=False),
    sa.Column('cases', sa.Integer(), nullable=False),
    sa.Column('last_capture', sa.Integer(), nullable=False),
    sa.Column('last_reference_capture', sa.Integer(), nullable=False),
    sa.Column('heads', sa.String(length=64), nullable=False),
    sa.Column('trust', sa.String(length=64), nullable=False),
    sa.Column('signer', sa.String(length=64), nullable=True),
    sa.Column('signature', sa.String(length=128), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_verify_checkpoints'))
    )
    op.create_table('verified_heads',
    sa.Column('chain', sa.String(length=36), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('chain', name=op.f('pk_verified_heads'))
    )


def downgrade() -> None:
    op.drop_table('verified_heads')
    op.drop_table('verify_checkpoints')
