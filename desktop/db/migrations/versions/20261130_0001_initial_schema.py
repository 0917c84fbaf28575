"""initial schema

Revision ID: 20261130_0001
Revises:
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '20261130_0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('branches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('town', sa.String(length=80), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_branches')),
    sa.UniqueConstraint('code', name=op.f('uq_branches_code'))
    )
    op.create_table('company_settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_company_settings'))
    )
    op.create_table('customers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_name', sa.String(length=80), nullable=False),
    sa.Column('first_name', sa.String(length=80), nullable=False),
    sa.Column('middle_name', sa.String(length=80), nullable=False),
    sa.Column('name_key', sa.String(length=250), nullable=False),
    sa.Column('phone', sa.String(length=11), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_customers'))
    )
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_customers_name_key'), ['name_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_customers_phone'), ['phone'], unique=False)

    op.create_table('accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=12), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('town', sa.String(length=80), nullable=False),
    sa.Column('street', sa.String(length=120), nullable=False),
    sa.Column('house', sa.String(length=16), nullable=False),
    sa.Column('flat', sa.String(length=16), nullable=False),
    sa.Column('town_key', sa.String(length=80), nullable=False),
    sa.Column('street_key', sa.String(length=120), nullable=False),
    sa.Column('consumer_group', sa.String(length=16), nullable=False),
    sa.Column('residents', sa.Integer(), nullable=False),
    sa.Column('range_threshold_kwh', sa.Integer(), nullable=False),
    sa.Column('balance_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('bills_by_email_only', sa.Boolean(), nullable=False),
    sa.Column('sms_notifications', sa.Boolean(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("consumer_group IN ('urban','electric_stove','rural')", name=op.f('ck_accounts_group')),
    sa.CheckConstraint('length(number) = 12', name=op.f('ck_accounts_number_length')),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'], name=op.f('fk_accounts_branch_id_branches')),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_accounts_customer_id_customers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_accounts')),
    sa.UniqueConstraint('number', name=op.f('uq_accounts_number'))
    )
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.create_index('ix_accounts_address', ['town_key', 'street_key', 'house', 'flat'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_branch_id'), ['branch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_accounts_customer_id'), ['customer_id'], unique=False)

    op.create_table('operators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('full_name', sa.String(length=160), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("role IN ('operator','senior','admin')", name=op.f('ck_operators_role')),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'], name=op.f('fk_operators_branch_id_branches')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operators')),
    sa.UniqueConstraint('login', name=op.f('uq_operators_login'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('branch_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('account_number', sa.String(length=12), nullable=True),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'], name=op.f('fk_audit_events_branch_id_branches')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_audit_events_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index('ix_audit_account_at', ['account_number', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)

    op.create_table('billing_runs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=True),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('billed', sa.Integer(), nullable=False),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'], name=op.f('fk_billing_runs_branch_id_branches')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_billing_runs_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_billing_runs'))
    )
    with op.batch_alter_table('billing_runs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_billing_runs_period'), ['period'], unique=False)

    op.create_table('cash_shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('branch_id', sa.Integer(), nullable=False),
    sa.Column('desk', sa.String(length=64), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=8), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('opening_float_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('expected_cash_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('expected_card_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('counted_cash_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('difference_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('difference_comment', sa.Text(), nullable=False),
    sa.Column('receipts_issued', sa.Integer(), nullable=False),
    sa.Column('z_report', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'], name=op.f('fk_cash_shifts_branch_id_branches')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_cash_shifts_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_shifts'))
    )
    with op.batch_alter_table('cash_shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cash_shifts_operator_id'), ['operator_id'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('given_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('given_by_id', sa.Integer(), nullable=True),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customers.id'], name=op.f('fk_consents_customer_id_customers')),
    sa.ForeignKeyConstraint(['given_by_id'], ['operators.id'], name=op.f('fk_consents_given_by_id_operators')),
    sa.ForeignKeyConstraint(['withdrawn_by_id'], ['operators.id'], name=op.f('fk_consents_withdrawn_by_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index('ix_consents_customer_kind', ['customer_id', 'kind'], unique=False)

    op.create_table('meters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('serial', sa.String(length=32), nullable=False),
    sa.Column('model', sa.String(length=64), nullable=False),
    sa.Column('zones', sa.Integer(), nullable=False),
    sa.Column('digits', sa.Integer(), nullable=False),
    sa.Column('installed_on', sa.Date(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('next_verification_on', sa.Date(), nullable=True),
    sa.CheckConstraint('digits BETWEEN 4 AND 8', name=op.f('ck_meters_digits')),
    sa.CheckConstraint('zones BETWEEN 1 AND 3', name=op.f('ck_meters_zones')),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_meters_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meters'))
    )
    with op.batch_alter_table('meters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meters_account_id'), ['account_id'], unique=False)

    op.create_table('online_accounts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('login', sa.String(length=64), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('password_expires_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('registered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('last_reset_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_online_accounts_account_id_accounts')),
    sa.ForeignKeyConstraint(['registered_by_id'], ['operators.id'],
                            name=op.f('fk_online_accounts_registered_by_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_online_accounts')),
    sa.UniqueConstraint('account_id', name=op.f('uq_online_accounts_account_id')),
    sa.UniqueConstraint('login', name=op.f('uq_online_accounts_login'))
    )
    op.create_table('outgoing_messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('purpose', sa.String(length=24), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('attachment', sa.LargeBinary(), nullable=True),
    sa.Column('attachment_name', sa.String(length=120), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('gateway_id', sa.String(length=64), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_outgoing_messages_account_id_accounts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_messages'))
    )
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_messages_account_id'), ['account_id'], unique=False)
        batch_op.create_index('ix_outgoing_state_next', ['state', 'next_attempt_at'], unique=False)

    op.create_table('tariffs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consumer_group', sa.String(length=16), nullable=False),
    sa.Column('zones', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=2), nullable=False),
    sa.Column('range_no', sa.Integer(), nullable=False),
    sa.Column('from_kwh', sa.Integer(), nullable=False),
    sa.Column('to_kwh', sa.Integer(), nullable=True),
    sa.Column('price_kopecks', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.CheckConstraint('zones BETWEEN 1 AND 3', name=op.f('ck_tariffs_zones')),
    sa.ForeignKeyConstraint(['created_by_id'], ['operators.id'], name=op.f('fk_tariffs_created_by_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tariffs'))
    )
    with op.batch_alter_table('tariffs', schema=None) as batch_op:
        batch_op.create_index('ix_tariffs_lookup', ['consumer_group', 'zones', 'zone', 'valid_from'], unique=False)

    op.create_table('bills',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=True),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('opening_balance_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('charges_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('recalculation_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('payments_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('amount_due_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('document', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_bills_account_id_accounts')),
    sa.ForeignKeyConstraint(['run_id'], ['billing_runs.id'], name=op.f('fk_bills_run_id_billing_runs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bills')),
    sa.UniqueConstraint('account_id', 'period', name='uq_bills_account_period')
    )
    with op.batch_alter_table('bills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bills_account_id'), ['account_id'], unique=False)

    op.create_table('cash_operations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('amount_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('cash_in','cash_out')", name=op.f('ck_cash_operations_kind')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_cash_operations_operator_id_operators')),
    sa.ForeignKeyConstraint(['shift_id'], ['cash_shifts.id'], name=op.f('fk_cash_operations_shift_id_cash_shifts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_operations'))
    )
    with op.batch_alter_table('cash_operations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cash_operations_shift_id'), ['shift_id'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('method', sa.String(length=8), nullable=False),
    sa.Column('amount_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('tendered_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('change_kopecks', sa.BigInteger(), nullable=True),
    sa.Column('card_last4', sa.String(length=4), nullable=True),
    sa.Column('card_rrn', sa.String(length=12), nullable=True),
    sa.Column('card_auth_code', sa.String(length=6), nullable=True),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=True),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('branch_id', sa.Integer(), nullable=True),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reverses_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('receipt_number', sa.Integer(), nullable=True),
    sa.Column('receipt_state', sa.String(length=16), nullable=False),
    sa.CheckConstraint("kind IN ('payment','reversal','refund')", name=op.f('ck_payments_kind')),
    sa.CheckConstraint("method IN ('cash','card','bank','online')", name=op.f('ck_payments_method')),
    sa.ForeignKeyConstraint(['account_id'], ['accounts.id'], name=op.f('fk_payments_account_id_accounts')),
    sa.ForeignKeyConstraint(['approved_by_id'], ['operators.id'], name=op.f('fk_payments_approved_by_id_operators')),
    sa.ForeignKeyConstraint(['branch_id'], ['branches.id'], name=op.f('fk_payments_branch_id_branches')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_payments_operator_id_operators')),
    sa.ForeignKeyConstraint(['reverses_id'], ['payments.id'], name=op.f('fk_payments_reverses_id_payments')),
    sa.ForeignKeyConstraint(['shift_id'], ['cash_shifts.id'], name=op.f('fk_payments_shift_id_cash_shifts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('idempotency_key', name=op.f('uq_payments_idempotency_key'))
    )
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.create_index('ix_payments_account_time', ['account_id', 'posted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_payments_shift_id'), ['shift_id'], unique=False)

    op.create_table('readings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meter_id', sa.Integer(), nullable=False),
    sa.Column('zone', sa.String(length=2), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('operator_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('rollover', sa.Boolean(), nullable=False),
    sa.Column('warning', sa.Text(), nullable=True),
    sa.Column('confirmation_reason', sa.Text(), nullable=True),
    sa.CheckConstraint("zone IN ('T1','T2','T3')", name=op.f('ck_readings_zone')),
    sa.CheckConstraint('value >= 0', name=op.f('ck_readings_value')),
    sa.ForeignKeyConstraint(['meter_id'], ['meters.id'], name=op.f('fk_readings_meter_id_meters')),
    sa.ForeignKeyConstraint(['operator_id'], ['operators.id'], name=op.f('fk_readings_operator_id_operators')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_readings'))
    )
    with op.batch_alter_table('readings', schema=None) as batch_op:
        batch_op.create_index('ix_readings_meter_date', ['meter_id', 'taken_on'], unique=False)

    op.create_table('bill_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bill_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('zone', sa.String(length=2), nullable=False),
    sa.Column('basis', sa.String(length=16), nullable=False),
    sa.Column('previous_reading', sa.Integer(), nullable=True),
    sa.Column('current_reading', sa.Integer(), nullable=True),
    sa.Column('kwh', sa.Integer(), nullable=False),
    sa.Column('price_kopecks', sa.Integer(), nullable=False),
    sa.Column('amount_kopecks', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['bill_id'], ['bills.id'], name=op.f('fk_bill_lines_bill_id_bills')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bill_lines'))
    )
    with op.batch_alter_table('bill_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bill_lines_bill_id'), ['bill_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('bill_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bill_lines_bill_id'))

    op.drop_table('bill_lines')
    with op.batch_alter_table('readings', schema=None) as batch_op:
        batch_op.drop_index('ix_readings_meter_date')

    op.drop_table('readings')
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payments_shift_id'))
        batch_op.drop_index('ix_payments_account_time')

    op.drop_table('payments')
    with op.batch_alter_table('cash_operations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cash_operations_shift_id'))

    op.drop_table('cash_operations')
    with op.batch_alter_table('bills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bills_account_id'))

    op.drop_table('bills')
    with op.batch_alter_table('tariffs', schema=None) as batch_op:
        batch_op.drop_index('ix_tariffs_lookup')

    op.drop_table('tariffs')
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outgoing_state_next')
        batch_op.drop_index(batch_op.f('ix_outgoing_messages_account_id'))

    op.drop_table('outgoing_messages')
    op.drop_table('online_accounts')
    with op.batch_alter_table('meters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meters_account_id'))

    op.drop_table('meters')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index('ix_consents_customer_kind')

    op.drop_table('consents')
    with op.batch_alter_table('cash_shifts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cash_shifts_operator_id'))

    op.drop_table('cash_shifts')
    with op.batch_alter_table('billing_runs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_billing_runs_period'))

    op.drop_table('billing_runs')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))
        batch_op.drop_index('ix_audit_account_at')

    op.drop_table('audit_events')
    op.drop_table('operators')
    with op.batch_alter_table('accounts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_accounts_customer_id'))
        batch_op.drop_index(batch_op.f('ix_accounts_branch_id'))
        batch_op.drop_index('ix_accounts_address')

    op.drop_table('accounts')
    with op.batch_alter_table('customers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customers_phone'))
        batch_op.drop_index(batch_op.f('ix_customers_name_key'))

    op.drop_table('customers')
    op.drop_table('company_settings')
    op.drop_table('branches')

