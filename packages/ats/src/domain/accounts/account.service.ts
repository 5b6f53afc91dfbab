// Accounts (tenants). A new account gets the default pipeline and archive reasons in the same transaction.
import { randomUUID } from 'node:crypto';
import { AppError, Errors } from '@hireloop/platform';
import type { AtsKysely, Row } from '../../db.ts';
import { DEFAULT_ARCHIVE_REASONS, DEFAULT_STAGES } from './pipeline-defaults.ts';

export type AccountRow = Row<'ats.account'>;

/** Site codes appear in public URLs (/jobs/acme, /v0/postings/acme). */
export const SITE_RE = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function findAccountBySite(db: AtsKysely, site: string): Promise<AccountRow | undefined> {
  return db.selectFrom('ats.account').selectAll().where('site', '=', site).executeTakeFirst();
}

export function findAccountById(db: AtsKysely, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('ats.account').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Creates an account with its pipeline; call inside a transaction. */
export async function createAccount(
  db: AtsKysely,
  input: { site: string; name: string },
): Promise<AccountRow> {
  const site = input.site.trim().toLowerCase();
  if (!SITE_RE.test(site)) {
    throw new AppError(
      Errors.Validation,
      'A site code is 2–63 lowercase letters, digits or dashes, starting with a letter or digit',
    );
  }
  if (await findAccountBySite(db, site))
    throw new AppError(Errors.Conflict, `The site code "${site}" is taken`);
  const account = await db
    .insertInto('ats.account')
    .values({ site, name: input.name.trim() || site })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('ats.stage')
    .values(
      DEFAULT_STAGES.map((s) => ({
        account_id: account.id,
        id: s.id ?? randomUUID(),
        text: s.text,
        pipeline: s.pipeline,
        rank: s.rank,
        has_interview: s.hasInterview,
      })),
    )
    .execute();
  await db
    .insertInto('ats.archive_reason')
    .values(DEFAULT_ARCHIVE_REASONS.map((r) => ({ account_id: account.id, text: r.text, type: r.type })))
    .execute();
  return account;
}
