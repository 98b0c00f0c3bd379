"""the examiner's reference library: document types, genuine specimens, their captures, annotation versions (issue 19)

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04 16:55:50.295883
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reference_types',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('name_key', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=3), nullable=True),
    sa.Column('document_code', sa.String(length=2), nullable=True),
    sa.Column('format', sa.String(length=8), nullable=True),
    sa.Column('series', sa.Text(), nullable=False),
    sa.Column('issued_from', sa.String(length=10), nullable=True),
    sa.Column('issued_until', sa.String(length=10), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('synthetic', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('updated_at', sa.String(length=40), nullable=False),
    sa.Column('origin', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_types')),
    sa.UniqueConstraint('uid', name=op.f('uq_reference_types_uid'))
    )
    with op.batch_alter_table('reference_types', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_types_document_code'), ['document_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_reference_types_format'), ['format'], unique=False)
        batch_op.create_index(batch_op.f('ix_reference_types_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_reference_types_state'), ['state'], unique=False)

    op.create_table('reference_annotations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('annotation', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['type_id'], ['reference_types.id'], name=op.f('fk_reference_annotations_type_id_reference_types'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_annotations')),
    sa.UniqueConstraint('type_id', 'version', name=op.f('uq_reference_annotations_type_id_version')),
    sa.UniqueConstraint('uid', name=op.f('uq_reference_annotations_uid'))
    )
    with op.batch_alter_table('reference_annotations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_annotations_type_id'), ['type_id'], unique=False)

    op.create_table('reference_specimens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('type_id', sa.Integer(), nullable=False),
    sa.Column('captured_by', sa.Text(), nullable=False),
    sa.Column('captured_at', sa.String(length=10), nullable=True),
    sa.Column('provenance', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['type_id'], ['reference_types.id'], name=op.f('fk_reference_specimens_type_id_reference_types'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_specimens')),
    sa.UniqueConstraint('uid', name=op.f('uq_reference_specimens_uid'))
    )
    with op.batch_alter_table('reference_specimens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_specimens_type_id'), ['type_id'], unique=False)

    op.create_table('reference_captures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('specimen_id', sa.Integer(), nullable=False),
    sa.Column('light', sa.String(length=16), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('dpi', sa.Float(), nullable=False),
    sa.Column('source_name', sa.Text(), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['sha256'], ['blobs.sha256'], name=op.f('fk_reference_captures_sha256_blobs')),
    sa.ForeignKeyConstraint(['specimen_id'], ['reference_specimens.id'], name=op.f('fk_reference_captures_specimen_id_reference_specimens'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_captures')),
    sa.UniqueConstraint('uid', name=op.f('uq_reference_captures_uid'))
    )
    with op.batch_alter_table('reference_captures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reference_captures_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_reference_captures_specimen_id'), ['specimen_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reference_captures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_captures_specimen_id'))
        batch_op.drop_index(batch_op.f('ix_reference_captures_sha256'))

    op.drop_table('reference_captures')
    with op.batch_alter_table('reference_specimens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_specimens_type_id'))

    op.drop_table('reference_specimens')
    with op.batch_alter_table('reference_annotations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_annotations_type_id'))

    op.drop_table('reference_annotations')
    with op.batch_alter_table('reference_types', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reference_types_state'))
        batch_op.drop_index(batch_op.f('ix_reference_types_name_key'))
        batch_op.drop_index(batch_op.f('ix_reference_types_format'))
        batch_op.drop_index(batch_op.f('ix_reference_types_document_code'))

    op.drop_table('reference_types')
