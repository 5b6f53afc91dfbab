// Test factories for the opportunity suites (never imported by production code): postings inserted
// directly (the postings API is another area), opportunities created through the API, and a
// limited-team-member principal (API keys are never limited; the visibility rule is what's under test).
import type { Kysely } from 'kysely';
import type { Http } from '@hireloop/platform';
import type { AtsDb, NewRow, Row } from '../../../db.ts';
import type { AtsContext } from '../../../context.ts';
import type { Principal } from '../../principal.ts';
import type { Opportunity } from '@hireloop/lever/wire';

export async function insertPosting(
  db: Kysely<AtsDb>,
  accountId: string,
  values: Partial<NewRow<'ats.posting'>> = {},
): Promise<Row<'ats.posting'>> {
  return db
    .insertInto('ats.posting')
    .values({
      account_id: accountId,
      text: 'Backend Engineer',
      state: 'published',
      department: 'Research & Development',
      team: 'Engineering',
      location: 'San Francisco, CA',
      commitment: 'Full-time',
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A bearer token that authenticates as `userId` with limited-team-member visibility. */
export function limitedAuth(ctx: AtsContext, accountId: string, userId: string): string {
  const token = `opp-limited-${userId}`;
  ctx.bearerResolvers.push(async (value) =>
    value === token
      ? ({
          kind: 'session',
          credentialId: userId,
          accountId,
          userId,
          confidential: true,
          limitedToUserId: userId,
          allows: () => ({ ok: true }),
        } satisfies Principal)
      : undefined,
  );
  return `Bearer ${token}`;
}

/** Response bodies are checked against the lever wire schemas; typing them loosely keeps assertions short. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Body = any;

export interface Api {
  (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    auth?: string,
  ): Promise<{ status: number; body: Body }>;
}

/** JSON calls against the app with a default credential. */
export function api(app: Http, defaultAuth: string): Api {
  return async (method, url, body, auth = defaultAuth) => {
    const res = await app.inject({
      method,
      url,
      headers: { authorization: auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: res.body ? res.json() : undefined };
  };
}

/** Creates an opportunity through the API and returns its wire body. */
export async function createViaApi(
  call: Api,
  performAs: string,
  body: Record<string, unknown>,
  auth?: string,
): Promise<Opportunity> {
  const res = await call('POST', `/v1/opportunities?perform_as=${performAs}`, body, auth);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}
