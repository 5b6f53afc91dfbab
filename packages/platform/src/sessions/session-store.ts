// A @fastify/session store on platform.session, so sessions survive restarts and are shared by every web
// process. The signed-in user's id is copied to a column so all of a user's sessions can be ended at once
// (deactivation, password change).
import { sql, type Kysely } from 'kysely';
import type { Session } from 'fastify';
import type { SessionStore } from '@fastify/session';

type Callback = (err?: unknown) => void;

export function createSessionStore(db: Kysely<unknown>, scope: string, maxAgeMs: number): SessionStore {
  return {
    set(sid: string, session: Session, callback: Callback) {
      const data = JSON.stringify(session);
      const userId = (session as { userId?: unknown }).userId;
      const expires = new Date(Date.now() + maxAgeMs);
      sql`insert into platform.session (sid, scope, user_id, data, expires_at, updated_at)
          values (${sid}, ${scope}, ${typeof userId === 'string' ? userId : null}, ${data}::jsonb, ${expires}, now())
          on conflict (sid) do update set user_id = excluded.user_id, data = excluded.data,
            expires_at = excluded.expires_at, updated_at = now()`
        .execute(db)
        .then(() => callback(), callback);
    },
    get(sid: string, callback: (err: unknown, result?: Session | null) => void) {
      sql<{
        data: Session;
      }>`select data from platform.session where sid = ${sid} and scope = ${scope} and expires_at > now()`
        .execute(db)
        .then(
          (r) => callback(null, r.rows[0]?.data ?? null),
          (err: unknown) => callback(err),
        );
    },
    destroy(sid: string, callback: Callback) {
      sql`delete from platform.session where sid = ${sid}`.execute(db).then(() => callback(), callback);
    },
  } as SessionStore;
}

/** Ends every session of a user in one product (deactivation, password reset). */
export async function destroyUserSessions(
  db: Kysely<unknown>,
  scope: string,
  userId: string,
): Promise<number> {
  const result =
    await sql`delete from platform.session where scope = ${scope} and user_id = ${userId}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export async function deleteExpiredSessions(db: Kysely<unknown>): Promise<number> {
  const result = await sql`delete from platform.session where expires_at < now()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}
