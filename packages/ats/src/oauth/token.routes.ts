// POST /oauth/token (RFC 6749 §3.2, through @node-oauth/oauth2-server) and POST /oauth/revoke (RFC 7009).
// Both take form-urlencoded bodies (what Lever clients send) and JSON (Auth0 accepts it, reference §4.1);
// client authentication by client_secret_basic or client_secret_post. Errors are RFC 6749 §5.2 JSON,
// `{error, error_description}`, never the API's `{code, message}`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import OAuth2Server from '@node-oauth/oauth2-server';
import { useApiSecurityHeaders, type Http } from '@hireloop/platform';
import type { AtsContext } from '../context.ts';
import { authenticateClient, createOAuthModel } from './oauth-model.ts';
import { findTokenByHash, revokeFamily, revokeToken } from './oauth.repository.ts';
import {
  ACCESS_TOKEN_TTL_S,
  AUTHORIZATION_CODE_TTL_S,
  REFRESH_TOKEN_TTL_S,
  sha256,
} from './oauth-secrets.ts';

type Form = Record<string, string>;

/** Only string parameters count; JSON numbers/objects and repeated form keys are dropped (then "missing"). */
function formOf(body: unknown): Form {
  const out: Form = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>))
      if (typeof v === 'string') out[k] = v;
  }
  return out;
}

function sendOAuthError(
  reply: FastifyReply,
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', pragma: 'no-cache', ...headers })
    .send({ error, error_description: description });
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const formDecode = (v: string) => decodeURIComponent(v.replaceAll('+', ' '));
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return undefined;
  }
}

export async function registerTokenRoutes(app: Http, ctx: AtsContext): Promise<void> {
  const server = new OAuth2Server({
    model: createOAuthModel(ctx.db),
    accessTokenLifetime: ACCESS_TOKEN_TTL_S,
    refreshTokenLifetime: REFRESH_TOKEN_TTL_S,
    authorizationCodeLifetime: AUTHORIZATION_CODE_TTL_S,
    alwaysIssueNewRefreshToken: true,
    // Public clients refresh with their client_id alone; confidential ones are still made to authenticate
    // by the model (getClient without a secret only finds public clients).
    requireClientAuthentication: { refresh_token: false },
  });

  await app.register(async (instance: FastifyInstance) => {
    useApiSecurityHeaders(instance as unknown as Http);
    instance.setErrorHandler((error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? 400 : 500;
      if (status === 500) request.log.error({ err: error }, 'oauth endpoint failed');
      return sendOAuthError(
        reply,
        status,
        status === 500 ? 'server_error' : 'invalid_request',
        status === 500 ? `Server error; request id ${request.id}` : 'The request body could not be read',
      );
    });

    instance.post('/oauth/token', async (request, reply) => {
      const body = formOf(request.body);
      const headers: Record<string, string> = { ...(request.headers as Record<string, string>) };
      // The library reads Basic credentials without the form-decoding RFC 6749 §2.3.1 asks for (clients such
      // as oauth4webapi encode `-` and `_`), so it gets them decoded and re-encoded plainly.
      const basic = basicCredentials(request);
      if (basic)
        headers.authorization = `Basic ${Buffer.from(`${basic.id}:${basic.secret}`).toString('base64')}`;
      // The library reads form bodies only; a JSON body is handed over as the equivalent form.
      const oauthRequest = new OAuth2Server.Request({
        method: 'POST',
        query: {},
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '1' },
        body,
      });
      const oauthResponse = new OAuth2Server.Response();
      try {
        await server.token(oauthRequest, oauthResponse);
      } catch (e) {
        const err = e as OAuth2Server.OAuthError;
        if (!(err instanceof OAuth2Server.OAuthError) || err.code >= 500)
          request.log.error({ err: e }, 'token request failed');
        const status = err instanceof OAuth2Server.OAuthError ? err.code : 500;
        const headers = (oauthResponse.headers ?? {}) as Record<string, string>;
        const name = err instanceof OAuth2Server.OAuthError ? err.name : 'server_error';
        return sendOAuthError(
          reply,
          status,
          name,
          status >= 500 ? `Server error; request id ${request.id}` : err.message,
          headers,
        );
      }
      // The library derives expires_in from the stored expiry, which can read 3599 a moment later.
      const tokens = { ...(oauthResponse.body as Record<string, unknown>), expires_in: ACCESS_TOKEN_TTL_S };
      return reply.code(200).headers({ 'cache-control': 'no-store', pragma: 'no-cache' }).send(tokens);
    });

    instance.post('/oauth/revoke', async (request, reply) => {
      const body = formOf(request.body);
      const basic = basicCredentials(request);
      const clientId = basic?.id ?? body.client_id;
      const client = clientId
        ? await authenticateClient(ctx.db, clientId, basic?.secret ?? body.client_secret)
        : undefined;
      if (!client) {
        return sendOAuthError(reply, 401, 'invalid_client', 'Client authentication failed', {
          'www-authenticate': 'Basic realm="oauth"',
        });
      }
      if (!body.token) return sendOAuthError(reply, 400, 'invalid_request', 'Missing parameter: token');
      const row = await findTokenByHash(ctx.db, sha256(body.token));
      // RFC 7009 §2.2: unknown, expired or already revoked tokens answer 200 too. A token of another client
      // is left alone and also answered 200, so the endpoint cannot be used to probe for tokens.
      if (row && row.client_row_id === client.row.id) {
        // A refresh token takes its whole chain (the access tokens issued with it) along; an access token goes alone.
        if (row.kind === 'refresh') await revokeFamily(ctx.db, row.family_id);
        else await revokeToken(ctx.db, row.id);
      }
      return reply.code(200).header('cache-control', 'no-store').send();
    });
  });
}
