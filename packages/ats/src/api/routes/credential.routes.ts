// GET /v1/credential (Hireloop extension, not in Lever): what the calling credential may do. Integrations use
// it to check a key on save ("every read permission the settings need is present") against the embedded
// ATS; against real Lever they fall back to probing endpoints. Answered from the authenticated principal
// alone — no database read after the (cached) key lookup — which also makes it benchmark P1's target.
import { Type } from 'typebox';
import type { Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';

const CredentialResponse = Type.Object({
  data: Type.Object({
    kind: Type.Union([Type.Literal('api_key'), Type.Literal('oauth'), Type.Literal('session')]),
    accountId: Type.String(),
    confidentialAccess: Type.Boolean(),
    permissions: Type.Array(Type.String()),
    scopes: Type.Array(Type.String()),
  }),
});

export async function registerCredentialRoutes(app: Http, _ctx: AtsContext): Promise<void> {
  app.get(
    '/credential',
    {
      schema: {
        tags: ['Credential'],
        summary: 'The calling credential (extension)',
        response: { 200: CredentialResponse },
      },
    },
    async (request) => {
      const p = request.principal;
      if (!p) throw new Error('auth hook did not run');
      const grants = [...(p.grants ?? [])];
      return {
        data: {
          kind: p.kind,
          accountId: p.accountId,
          confidentialAccess: p.confidential,
          permissions: p.kind === 'api_key' ? grants : [],
          scopes: p.kind === 'oauth' ? grants : [],
        },
      };
    },
  );
}
