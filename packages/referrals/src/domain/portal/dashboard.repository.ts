// Counts for the admin dashboard and lists for the admin pages (every query scoped by organization).
import { sql } from 'kysely';
import type { ReferralsKysely } from '../../db.ts';

export async function referralCounts(db: ReferralsKysely, organizationId: string) {
  const by = (column: 'job_title' | 'status' | 'type') =>
    db
      .selectFrom('referrals.referral')
      .select([sql<string>`${sql.ref(column)}`.as('label'), sql<number>`count(*)::int`.as('value')])
      .where('organization_id', '=', organizationId)
      .groupBy(column)
      .orderBy('value', 'desc')
      .limit(15)
      .execute();
  const [byJob, byStatus, byType, byReferrer] = await Promise.all([
    by('job_title'),
    by('status'),
    by('type'),
    db
      .selectFrom('referrals.referral as r')
      .leftJoin('referrals.app_user as u', 'u.id', 'r.referrer_id')
      .select([
        sql<string>`coalesce(nullif(u.name, ''), u.email, 'Former referrer')`.as('label'),
        sql<number>`count(*)::int`.as('value'),
      ])
      .where('r.organization_id', '=', organizationId)
      .groupBy(['u.name', 'u.email'])
      .orderBy('value', 'desc')
      .limit(15)
      .execute(),
  ]);
  return { byJob, byStatus, byType, byReferrer };
}

export async function listOrgReferrals(
  db: ReferralsKysely,
  organizationId: string,
  filter: { status?: string; type?: string } = {},
) {
  let q = db
    .selectFrom('referrals.referral as r')
    .leftJoin('referrals.app_user as u', 'u.id', 'r.referrer_id')
    .selectAll('r')
    .select(['u.name as referrer_name', 'u.email as referrer_email'])
    .where('r.organization_id', '=', organizationId);
  if (filter.status) q = q.where('r.status', '=', filter.status);
  if (filter.type === 'internal' || filter.type === 'external') q = q.where('r.type', '=', filter.type);
  return q.orderBy('r.created_at', 'desc').limit(500).execute();
}
