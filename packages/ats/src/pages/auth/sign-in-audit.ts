// Failed ATS sign-ins in the audit log. The typed email and password are never stored (an email field
// sometimes holds a password typed in the wrong box): the row names the user the address belongs to, one
// row per account that has it, or — for an address no account has — a row without tenant or target.
import type { FastifyRequest } from 'fastify';
import type { AtsKysely } from '../../db.ts';
import { auditAts, userActor } from '../../domain/audit/ats-audit.ts';
import { canonicalEmail } from '../../domain/users/user.repository.ts';

export type SignInFailure = 'invalid_credentials' | 'rate_limited';

export async function auditSignInFailure(
  db: AtsKysely,
  request: FastifyRequest,
  input: { email?: string; site?: string },
  reason: SignInFailure,
): Promise<void> {
  const email = canonicalEmail(input.email ?? '');
  let q = db
    .selectFrom('ats.user as u')
    .innerJoin('ats.account as a', 'a.id', 'u.account_id')
    .select(['u.id', 'u.account_id', 'u.deactivated_at'])
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', email))
    .orderBy('a.created_at')
    .limit(20);
  if (input.site) q = q.where('a.site', '=', input.site.trim().toLowerCase());
  const users = email ? await q.execute() : [];
  await db.transaction().execute(async (trx) => {
    if (users.length === 0)
      await auditAts(trx, userActor(null, null, request), 'auth.sign_in_failed', null, {
        reason,
        knownEmail: false,
      });
    for (const u of users)
      await auditAts(trx, userActor(u.account_id, null, request), 'auth.sign_in_failed', ['user', u.id], {
        reason,
        knownEmail: true,
        deactivatedUser: u.deactivated_at !== null,
      });
  });
}
