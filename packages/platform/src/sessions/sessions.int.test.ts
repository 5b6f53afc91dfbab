import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createHttp, type Http } from '../http/create-http.ts';
import { createTestRuntime, type TestRuntime } from '../testing.ts';
import { destroyUserSessions } from './session-store.ts';
import { registerSessions, signIn, verifyCsrf } from './sessions.ts';

async function buildPagesApp(rt: TestRuntime): Promise<Http> {
  const app = await createHttp({ config: rt.config, logger: pino({ level: 'silent' }), readiness: [] });
  await app.register(async (scope) => {
    await registerSessions(scope, { db: rt.db, scope: 'demo', cookiePath: '/' });
    scope.addHook('preHandler', verifyCsrf(scope));
    scope.post<{ Body: { user: string } }>('/sign-in', async (request) => {
      await signIn(request, request.body.user);
      return { ok: true };
    });
    scope.get('/me', async (request, reply) => ({
      userId: request.session.userId ?? null,
      csrf: await reply.generateCsrf(),
    }));
    scope.post('/change', async (request) => ({ changedBy: request.session.userId }));
  });
  await app.ready();
  return app;
}

const cookieOf = (res: { headers: Record<string, unknown> }): string =>
  String(res.headers['set-cookie']).split(';')[0] ?? '';

describe('sessions and CSRF', () => {
  let rt: TestRuntime;
  let app: Http;
  let otherProcess: Http;
  before(async () => {
    rt = await createTestRuntime();
    app = await buildPagesApp(rt);
    otherProcess = await buildPagesApp(rt);
  });
  after(async () => {
    await app.close();
    await otherProcess.close();
    await rt.close();
  });

  it('signs in, keeps the session in the database (another process sees it) and demands a CSRF token on writes', async () => {
    const anon = await app.inject('/me');
    const anonCookie = cookieOf(anon);
    const { csrf } = anon.json();
    // No token → 403 with the stable code; the body is not acted on.
    const noToken = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: anonCookie },
      payload: { user: 'u1' },
    });
    assert.equal(noToken.statusCode, 403);
    assert.equal(noToken.json().code, 'CsrfError');

    const signedIn = await app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: anonCookie, 'x-csrf-token': csrf },
      payload: { user: 'u1' },
    });
    assert.equal(signedIn.statusCode, 200);
    const cookie = cookieOf(signedIn);
    assert.notEqual(cookie, anonCookie, 'sign-in must issue a new session id');
    assert.match(String(signedIn.headers['set-cookie']), /HttpOnly/i);
    assert.match(String(signedIn.headers['set-cookie']), /SameSite=Lax/i);

    const me = await otherProcess.inject({ url: '/me', headers: { cookie } });
    assert.equal(me.json().userId, 'u1');
    const change = await otherProcess.inject({
      method: 'POST',
      url: '/change',
      headers: { cookie, 'x-csrf-token': me.json().csrf },
      payload: {},
    });
    assert.deepEqual(change.json(), { changedBy: 'u1' });

    assert.equal(await destroyUserSessions(rt.db, 'demo', 'u1'), 1);
    assert.equal((await app.inject({ url: '/me', headers: { cookie } })).json().userId, null);
  });
});
