// Applications sent by candidates through the app (in-app apply mode). A row lives until its opportunity
// is complete in the ATS; `steps` records what is already done there, so a retry never repeats a step.
import { sql } from 'kysely';
import type { ApplicationRow, ReferralsKysely } from '../../db.ts';

export const APPLICATION_LEASE_MS = 60_000;

export type ApplicationStep = 'opportunity' | 'note' | 'cover_letter' | 'referrer_resume';

export async function insertApplication(
  db: ReferralsKysely,
  input: {
    organizationId: string;
    referralId: string;
    idempotencyKey: string;
    name: string;
    email: string;
    phone: string | null;
    coverLetter: string | null;
    consent: boolean;
    resume: { name: string; type: string; bytes: Buffer } | undefined;
  },
): Promise<{ application: ApplicationRow; created: boolean }> {
  const inserted = await db
    .insertInto('referrals.application')
    .values({
      organization_id: input.organizationId,
      referral_id: input.referralId,
      idempotency_key: input.idempotencyKey,
      name: input.name,
      email: input.email,
      phone: input.phone,
      cover_letter: input.coverLetter,
      consent: input.consent,
      resume_name: input.resume?.name ?? null,
      resume_type: input.resume?.type ?? null,
      resume_bytes: input.resume?.bytes ?? null,
      ats_opportunity_id: null,
      last_error: null,
      claimed_until: null,
      completed_at: null,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { application: inserted, created: true };
  const existing = await db
    .selectFrom('referrals.application')
    .selectAll()
    .where('organization_id', '=', input.organizationId)
    .where((eb) =>
      eb.or([eb('referral_id', '=', input.referralId), eb('idempotency_key', '=', input.idempotencyKey)]),
    )
    .executeTakeFirstOrThrow();
  return { application: existing, created: false };
}

export async function findApplicationForReferral(
  db: ReferralsKysely,
  organizationId: string,
  referralId: string,
): Promise<ApplicationRow | undefined> {
  return db
    .selectFrom('referrals.application')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('referral_id', '=', referralId)
    .executeTakeFirst();
}

export async function findApplicationByKey(db: ReferralsKysely, organizationId: string, key: string) {
  return db
    .selectFrom('referrals.application')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

/** Takes the lease on a pending application; undefined when done or someone else holds it. */
export async function claimApplication(
  db: ReferralsKysely,
  organizationId: string,
  id: string,
): Promise<ApplicationRow | undefined> {
  return db
    .updateTable('referrals.application')
    .set({ claimed_until: sql<Date>`now() + ${`${APPLICATION_LEASE_MS} milliseconds`}::interval` })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
    .returningAll()
    .executeTakeFirst();
}

export async function recordStep(
  db: ReferralsKysely,
  id: string,
  step: ApplicationStep,
  patch: { atsOpportunityId?: string } = {},
): Promise<void> {
  await db
    .updateTable('referrals.application')
    .set((eb) => ({
      steps: sql<string[]>`array_append(${eb.ref('steps')}, ${step})`,
      ...(patch.atsOpportunityId ? { ats_opportunity_id: patch.atsOpportunityId } : {}),
    }))
    .where('id', '=', id)
    .execute();
}

export async function finishApplication(db: ReferralsKysely, id: string, error?: string): Promise<void> {
  await db
    .updateTable('referrals.application')
    .set((eb) =>
      error
        ? { attempts: eb('attempts', '+', 1), last_error: error.slice(0, 500), claimed_until: null }
        : {
            status: 'done' as const,
            attempts: eb('attempts', '+', 1),
            last_error: null,
            claimed_until: null,
            completed_at: new Date(),
            // The files are in the ATS now; the app keeps no copy of the candidate's documents.
            resume_bytes: null,
            cover_letter: null,
          },
    )
    .where('id', '=', id)
    .execute();
}

export async function listPendingApplications(db: ReferralsKysely, olderThanMs: number) {
  return db
    .selectFrom('referrals.application')
    .select(['id', 'organization_id'])
    .where('status', '=', 'pending')
    .where('created_at', '<', new Date(Date.now() - olderThanMs))
    .limit(500)
    .execute();
}
