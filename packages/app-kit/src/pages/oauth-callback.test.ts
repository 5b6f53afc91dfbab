import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkOAuthCallback, OAUTH_FLOW_TTL_MS, type OAuthFlow } from './oauth-callback.ts';

const NOW = 1_700_000_000_000;
const flow: OAuthFlow = { state: 's1', verifier: 'v1', organizationId: 'org-a', startedAt: NOW - 1000 };

describe('checkOAuthCallback', () => {
  it('accepts our state with a code, giving the verifier', () => {
    assert.deepEqual(checkOAuthCallback(flow, 'org-a', { state: 's1', code: 'c1' }, NOW), {
      ok: true,
      code: 'c1',
      verifier: 'v1',
    });
  });

  it('refuses no flow, another organization, or an expired flow', () => {
    for (const [f, org, now] of [
      [undefined, 'org-a', NOW],
      [flow, 'org-b', NOW],
      [flow, 'org-a', flow.startedAt + OAUTH_FLOW_TTL_MS + 1],
    ] as const) {
      const r = checkOAuthCallback(f, org, { state: 's1', code: 'c1' }, now);
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.message : '', /expired or was started in another browser/);
    }
  });

  it('refuses a state we did not send before looking at the error or code', () => {
    const r = checkOAuthCallback(flow, 'org-a', { state: 'other', error: 'access_denied', code: 'c1' }, NOW);
    assert.deepEqual(r, {
      ok: false,
      message: 'The ATS answered with a state we did not send; nothing was changed. Try again.',
    });
  });

  it('reports the error the ATS sent, then a missing code', () => {
    assert.deepEqual(
      checkOAuthCallback(
        flow,
        'org-a',
        { state: 's1', error: 'access_denied', error_description: 'no' },
        NOW,
      ),
      { ok: false, message: 'The ATS did not grant access (access_denied: no).' },
    );
    assert.deepEqual(checkOAuthCallback(flow, 'org-a', { state: 's1' }, NOW), {
      ok: false,
      message: 'The ATS sent no authorization code. Try again.',
    });
  });
});
