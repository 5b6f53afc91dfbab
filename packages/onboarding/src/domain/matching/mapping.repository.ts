// Offices, teams, the person-made mappings from ATS values to them, and the ATS values seen (in postings
// and hires) that the matching page lists.
import { sql } from 'kysely';
import type { OnboardingKysely, ValueKind } from '../../db.ts';
import type { Target } from './match.ts';

const TABLE = { location: 'onboarding.office', team: 'onboarding.team' } as const;

export const listTargets = (
  db: OnboardingKysely,
  organizationId: string,
  kind: ValueKind,
): Promise<Target[]> =>
  db
    .selectFrom(TABLE[kind])
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .orderBy('name')
    .execute();

export async function addTarget(
  db: OnboardingKysely,
  organizationId: string,
  kind: ValueKind,
  name: string,
): Promise<Target> {
  const existing = await db
    .selectFrom(TABLE[kind])
    .select(['id', 'name'])
    .where('organization_id', '=', organizationId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing) return existing;
  return db
    .insertInto(TABLE[kind])
    .values({ organization_id: organizationId, name })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export async function removeTarget(
  db: OnboardingKysely,
  organizationId: string,
  kind: ValueKind,
  id: string,
): Promise<boolean> {
  await db
    .deleteFrom('onboarding.value_mapping')
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .where('target_id', '=', id)
    .execute();
  const r = await db
    .deleteFrom(TABLE[kind])
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function listMappings(
  db: OnboardingKysely,
  organizationId: string,
  kind: ValueKind,
): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('onboarding.value_mapping')
    .select(['ats_value', 'target_id'])
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .execute();
  return new Map(rows.map((r) => [r.ats_value, r.target_id]));
}

export async function saveMapping(
  db: OnboardingKysely,
  organizationId: string,
  kind: ValueKind,
  atsValue: string,
  targetId: string,
): Promise<void> {
  await db
    .insertInto('onboarding.value_mapping')
    .values({ organization_id: organizationId, kind, ats_value: atsValue, target_id: targetId })
    .onConflict((oc) =>
      oc.columns(['organization_id', 'kind', 'ats_value']).doUpdateSet({ target_id: targetId }),
    )
    .execute();
}

/** Records ATS values as seen; `postings` counts postings using the value at the last refresh. */
export async function recordSeenValues(
  db: OnboardingKysely,
  organizationId: string,
  kind: ValueKind,
  counts: ReadonlyMap<string, number>,
): Promise<void> {
  for (const [value, postings] of counts) {
    await db
      .insertInto('onboarding.ats_value')
      .values({ organization_id: organizationId, kind, value, postings, last_seen_at: new Date() })
      .onConflict((oc) =>
        oc.columns(['organization_id', 'kind', 'value']).doUpdateSet({
          postings: sql`greatest(excluded.postings, onboarding.ats_value.postings)`,
          last_seen_at: new Date(),
        }),
      )
      .execute();
  }
}

export const listSeenValues = (db: OnboardingKysely, organizationId: string, kind: ValueKind) =>
  db
    .selectFrom('onboarding.ats_value')
    .select(['value', 'postings', 'last_seen_at'])
    .where('organization_id', '=', organizationId)
    .where('kind', '=', kind)
    .orderBy('value')
    .execute();
