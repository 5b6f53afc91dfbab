// `seedDemo`: the demo tenant (site `acme`, Acme Robotics) that `npm start` creates on first start and
// `hireloop seed --demo` (re)creates. Idempotent: the account, users and structure are matched by site,
// email and name; the content (postings, candidates, …) is written only while the account has no postings.
import type { AtsKysely } from '../db.ts';
import type { Kysely } from 'kysely';
import type { AtsDb } from '../db.ts';
import { DEMO_ACCOUNT_NAME, DEMO_PASSWORD, DEMO_SITE, DEMO_USERS } from './demo-company.ts';
import { seedDemoContent } from './demo-content.ts';
import { ensureDemoAccount, ensureDemoStructure, ensureDemoUsers } from './demo-structure.ts';

export interface DemoSeedResult {
  readonly site: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly created: boolean;
  readonly signIn: readonly { email: string; role: string; name: string }[];
  readonly password: string;
  readonly content?: Awaited<ReturnType<typeof seedDemoContent>>;
}

/** The sign-in users (one per access role), as printed by the banner. */
export const DEMO_SIGN_IN = DEMO_USERS.slice(0, 5).map((u) => ({
  email: u.email,
  role: u.accessRole,
  name: u.name,
}));

export async function seedDemo(db: Kysely<AtsDb>, _options: { publicUrl: string }): Promise<DemoSeedResult> {
  return db.transaction().execute(async (trx: AtsKysely) => {
    const { account, created } = await ensureDemoAccount(trx);
    const users = await ensureDemoUsers(trx, account.id);
    await ensureDemoStructure(trx, account.id);
    const hasPostings = await trx
      .selectFrom('ats.posting')
      .select('id')
      .where('account_id', '=', account.id)
      .limit(1)
      .executeTakeFirst();
    const content = hasPostings ? undefined : await seedDemoContent(trx, account.id, users);
    return {
      site: DEMO_SITE,
      accountId: account.id,
      accountName: account.name || DEMO_ACCOUNT_NAME,
      created,
      signIn: DEMO_SIGN_IN,
      password: DEMO_PASSWORD,
      ...(content && { content }),
    };
  });
}
