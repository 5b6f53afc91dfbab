// `hireloop oauth-client create --name NAME --redirect-uri URI ... [--site SITE] [--public]`: registers an
// OAuth app and prints its client id and — once; only its hash is stored — the client secret. Public
// clients (native/SPA apps) get no secret and must use PKCE. Without --site any account's Super Admin may
// authorize the app (a partner app, as in Lever); with --site only that account's.
import { atsContext } from '@hireloop/ats';
import { createOAuthClient } from '@hireloop/ats/oauth/oauth-client.service';
import { auditAts, systemActor } from '@hireloop/ats/domain/audit/ats-audit';
import { AppError, Errors } from '@hireloop/platform';
import type { DbCommand } from './command.ts';

export interface OAuthClientCreateArgs {
  readonly name?: string;
  readonly redirectUris?: readonly string[];
  readonly site?: string;
  readonly public?: boolean;
}

export const oauthClientCreateCommand: DbCommand<OAuthClientCreateArgs> = {
  name: 'oauth-client-create',
  async run({ runtime }, args) {
    const redirectUris = (args.redirectUris ?? []).map((u) => u.trim()).filter(Boolean);
    if (!redirectUris.length)
      throw new AppError(Errors.Validation, 'Register at least one --redirect-uri (repeatable)');
    const { db, publicUrl } = atsContext(runtime);
    const { client, clientSecret, warnings } = await db.transaction().execute(async (trx) => {
      const made = await createOAuthClient(trx, {
        name: args.name ?? '',
        redirectUris,
        site: args.site,
        isPublic: args.public,
      });
      const c = made.client;
      // A partner app (no --site) belongs to no account, so it is recorded without a tenant.
      await auditAts(trx, systemActor(c.account_id), 'oauth_client.created', ['oauth_client', c.id], {
        name: c.name,
        clientId: c.client_id,
        public: c.is_public,
        redirectUris: c.redirect_uris,
        via: 'cli',
      });
      return made;
    });
    const base = publicUrl.replace(/\/+$/, '');
    const endpoints = {
      authorize: `${base}/oauth/authorize`,
      token: `${base}/oauth/token`,
      revoke: `${base}/oauth/revoke`,
      audience: `${base}/v1/`,
    };
    return {
      json: {
        id: client.id,
        name: client.name,
        clientId: client.client_id,
        clientSecret: clientSecret ?? null,
        public: client.is_public,
        redirectUris: client.redirect_uris,
        site: args.site ?? null,
        endpoints,
        warnings,
        createdAt: client.created_at.getTime(),
      },
      text: [
        `OAuth app "${client.name}" registered${args.site ? ` for site ${args.site}` : ' (any account may authorize it)'}.`,
        '',
        `  client_id:     ${client.client_id}`,
        clientSecret
          ? `  client_secret: ${clientSecret}\n\nThis is the only time the secret is shown; store it now.`
          : '  (public client: no secret; use PKCE with S256)',
        '',
        `Redirect URIs (matched exactly): ${client.redirect_uris.join(', ')}`,
        `Authorize: ${endpoints.authorize}`,
        `Token:     ${endpoints.token}`,
        `Revoke:    ${endpoints.revoke}`,
        `Audience:  ${endpoints.audience} (https://api.lever.co/v1/ is accepted too)`,
        ...warnings.map((w) => `Warning: ${w}`),
      ].join('\n'),
    };
  },
};
