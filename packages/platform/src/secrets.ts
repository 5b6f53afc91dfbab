// Generated secrets shared by every process of a deployment (kept in platform.app_secret). Used when no
// secret is configured, so the demo needs no setup and a scaled-out deployment still agrees on one value.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export async function getOrCreateSecret(db: Kysely<unknown>, name: string, bytes = 32): Promise<string> {
  const candidate = randomBytes(bytes).toString('base64url');
  // Insert-if-absent then read: concurrent first starts agree on whichever insert won.
  await sql`insert into platform.app_secret (name, value) values (${name}, ${candidate}) on conflict (name) do nothing`.execute(
    db,
  );
  const { rows } = await sql<{
    value: string;
  }>`select value from platform.app_secret where name = ${name}`.execute(db);
  const value = rows[0]?.value;
  if (!value) throw new Error(`secret ${name} could not be created`);
  return value;
}
