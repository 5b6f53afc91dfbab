// Organizations, their settings and status labels; all SQL for them lives here.
import type { ReferralsKysely, SettingsRow } from '../../db.ts';
import { DEFAULT_STATUS_LABELS, REFERRAL_STATUSES, type ReferralStatus } from '../statuses.ts';

export interface Organization {
  id: string;
  name: string;
  createdAt: Date;
}

/** Creates the organization with default settings (one transaction: the caller's). */
export async function insertOrganization(db: ReferralsKysely, name: string): Promise<Organization> {
  const row = await db
    .insertInto('referrals.organization')
    .values({ name })
    .returning(['id', 'name', 'created_at'])
    .executeTakeFirstOrThrow();
  await db.insertInto('referrals.settings').values({ organization_id: row.id }).execute();
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function findOrganization(db: ReferralsKysely, id: string): Promise<Organization | undefined> {
  const row = await db
    .selectFrom('referrals.organization')
    .select(['id', 'name', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, createdAt: row.created_at };
}

export type Settings = Omit<SettingsRow, 'organization_id' | 'updated_at'>;

export async function getSettings(db: ReferralsKysely, organizationId: string): Promise<Settings> {
  return db
    .selectFrom('referrals.settings')
    .select([
      'referable_jobs',
      'source_label',
      'referral_tag',
      'new_referral_stage_id',
      'reward_currency',
      'apply_mode',
      'payout_status',
    ])
    .where('organization_id', '=', organizationId)
    .executeTakeFirstOrThrow();
}

export async function updateSettings(
  db: ReferralsKysely,
  organizationId: string,
  patch: Partial<Settings>,
): Promise<void> {
  await db
    .updateTable('referrals.settings')
    .set({ ...patch, updated_at: new Date() })
    .where('organization_id', '=', organizationId)
    .execute();
}

/** Labels for every status: the organization's own where set, the defaults otherwise. */
export async function getStatusLabels(
  db: ReferralsKysely,
  organizationId: string,
): Promise<Record<ReferralStatus, string>> {
  const rows = await db
    .selectFrom('referrals.status_label')
    .select(['status', 'label'])
    .where('organization_id', '=', organizationId)
    .execute();
  const labels = { ...DEFAULT_STATUS_LABELS };
  for (const r of rows)
    if ((REFERRAL_STATUSES as readonly string[]).includes(r.status))
      labels[r.status as ReferralStatus] = r.label;
  return labels;
}

export async function setStatusLabel(
  db: ReferralsKysely,
  organizationId: string,
  status: ReferralStatus,
  label: string,
): Promise<void> {
  await db
    .insertInto('referrals.status_label')
    .values({ organization_id: organizationId, status, label })
    .onConflict((oc) => oc.columns(['organization_id', 'status']).doUpdateSet({ label }))
    .execute();
}
