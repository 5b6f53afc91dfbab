// Checking an email + password. Emails are unique per account, not globally, so one address may belong
// to several companies; then the person names the company's site code. Every outcome takes one password
// check at least (a dummy hash when no user matches), so timing does not reveal which emails exist.
import { hashPassword, verifyPassword } from '@hireloop/platform/passwords';
import type { AtsKysely } from '../../db.ts';
import { canonicalEmail, type UserRow } from '../../domain/users/user.repository.ts';

export type SignInResult = { kind: 'ok'; user: UserRow } | { kind: 'invalid' } | { kind: 'choose-site' };

let dummyHash: Promise<string> | undefined;

function findSignInCandidates(db: AtsKysely, email: string, site: string | undefined): Promise<UserRow[]> {
  let q = db
    .selectFrom('ats.user as u')
    .innerJoin('ats.account as a', 'a.id', 'u.account_id')
    .selectAll('u')
    .where((eb) => eb(eb.fn('lower', ['u.email']), '=', canonicalEmail(email)))
    .where('u.deactivated_at', 'is', null)
    .where('u.password_hash', 'is not', null)
    .orderBy('a.created_at')
    .limit(20);
  if (site) q = q.where('a.site', '=', site.trim().toLowerCase());
  return q.execute();
}

export async function checkSignIn(
  db: AtsKysely,
  input: { email: string; password: string; site?: string },
): Promise<SignInResult> {
  const candidates =
    input.email && input.password ? await findSignInCandidates(db, input.email, input.site || undefined) : [];
  if (candidates.length === 0) {
    dummyHash ??= hashPassword('not a real password');
    await verifyPassword(input.password || 'x', await dummyHash);
    return { kind: 'invalid' };
  }
  const matches: UserRow[] = [];
  for (const user of candidates) {
    if (await verifyPassword(input.password, user.password_hash)) matches.push(user);
  }
  const [first] = matches;
  if (!first) return { kind: 'invalid' };
  return matches.length === 1 ? { kind: 'ok', user: first } : { kind: 'choose-site' };
}
