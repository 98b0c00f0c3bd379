"""accounts, signing keys, the trust list, signed audit entries, bundle replay guard, exercise keys (issue 22)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 19:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: added in place on both databases (no table rebuild of a long audit trail).
    op.add_column('audit', sa.Column('signer', sa.String(length=64), nullable=True))
    op.add_column('audit', sa.Column('signature', sa.String(length=128), nullable=True))
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('disabled', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('name', name=op.f('uq_users_name')),
    sa.UniqueConstraint('uid', name=op.f('uq_users_uid'))
    )
    op.create_table('signing_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.String(length=64), nullable=False),
    sa.Column('owner_kind', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('private_key', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_keys')),
    sa.UniqueConstraint('key_id', name=op.f('uq_signing_keys_key_id'))
    )
    with op.batch_alter_table('signing_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_signing_keys_owner'), ['owner'], unique=False)
    op.create_table('trusted_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.String(length=64), nullable=False),
    sa.Column('owner_kind', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('public_key', sa.String(length=64), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('vouched_by', sa.String(length=64), nullable=True),
    sa.Column('added_at', sa.String(length=40), nullable=False),
    sa.Column('added_by', sa.String(length=200), nullable=False),
    sa.Column('revoked_at', sa.String(length=40), nullable=True),
    sa.Column('revoked_by', sa.String(length=200), nullable=True),
    sa.Column('revoke_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trusted_keys')),
    sa.UniqueConstraint('key_id', name=op.f('uq_trusted_keys_key_id'))
    )
    op.create_table('bundle_imports',
    sa.Column('signer', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('bundle', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('signer', name=op.f('pk_bundle_imports'))
    )
    op.create_table('exercise_keys',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('exercise', sa.Text(), nullable=False),
    sa.Column('document', sa.String(length=200), nullable=False),
    sa.Column('answer', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exercise_keys')),
    sa.UniqueConstraint('exercise', 'document', name=op.f('uq_exercise_keys_exercise_document')),
    sa.UniqueConstraint('uid', name=op.f('uq_exercise_keys_uid'))
    )


def downgrade() -> None:
    op.drop_table('exercise_keys')
    op.drop_table('bundle_imports')
    op.drop_table('trusted_keys')
    with op.batch_alter_table('signing_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signing_keys_owner'))
    op.drop_table('signing_keys')
    op.drop_table('users')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_column('signature')
        batch_op.drop_column('signer')
