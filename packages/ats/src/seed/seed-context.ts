// What both seeds read back from an account before making candidates: its pipeline, archive reasons,
// postings and people, shaped for candidate-factory.ts.
import type { AtsKysely } from '../db.ts';
import type { FactoryContext } from './candidate-factory.ts';

export async function loadFactoryContext(
  db: AtsKysely,
  accountId: string,
  emailTag: string,
): Promise<FactoryContext> {
  const [stages, reasons, postings, users] = await Promise.all([
    db
      .selectFrom('ats.stage')
      .select(['id', 'pipeline'])
      .where('account_id', '=', accountId)
      .orderBy('rank')
      .execute(),
    db
      .selectFrom('ats.archive_reason')
      .select(['id', 'type'])
      .where('account_id', '=', accountId)
      .where('status', '=', 'active')
      .orderBy('text')
      .execute(),
    db
      .selectFrom('ats.posting')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('state', 'in', ['published', 'internal', 'closed'])
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('ats.user')
      .select(['id', 'access_role'])
      .where('account_id', '=', accountId)
      .where('deactivated_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const hired = reasons.find((r) => r.type === 'hired');
  if (!hired) throw new Error('the account has no Hired archive reason');
  const recruiters = users
    .filter((u) => ['super admin', 'admin', 'team member'].includes(u.access_role))
    .map((u) => u.id);
  if (postings.length === 0 || recruiters.length === 0) {
    throw new Error('the account needs postings and at least one recruiter (run the demo seed first)');
  }
  return {
    stages,
    hiredReason: hired.id,
    nonHiredReasons: reasons.filter((r) => r.type !== 'hired').map((r) => r.id),
    postings: postings.map((p) => ({
      id: p.id,
      // Lever tags an opportunity with its posting's title and categories (reference §2.3).
      categoryTags: [p.text, p.department, p.team, p.location, p.commitment].filter((v): v is string => !!v),
      ownerId: p.owner_id,
      hiringManagerId: p.hiring_manager_id,
      confidential: p.confidentiality === 'confidential',
    })),
    recruiters,
    employees: users.map((u) => u.id),
    now: Date.now(),
    emailTag,
  };
}
