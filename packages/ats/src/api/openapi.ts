// OpenAPI 3.1 for /v1, generated from the route schemas by @fastify/swagger (registered first in the /v1
// scope, so its onRoute hook sees every route registered after it). Each operation gets from its
// `config.permission` the API-key permission (`x-permission`), the OAuth scope (`x-oauth-scope`), a tag
// and a summary when the route has none, and the error responses every /v1 route can give. The document
// is served at /v1/openapi.json and rendered as a readable page at /v1/docs, both without credentials.
import swagger from '@fastify/swagger';
import { sendHtml } from '@hireloop/platform/html';
import { LeverError } from '@hireloop/lever/wire';
import { PERMISSION_RESOURCES, findPermission } from '@hireloop/lever/permissions';
import { scopeForPermission } from '@hireloop/lever/scopes';
import type { Http } from '@hireloop/platform';
import type { AtsContext } from '../context.ts';
import { renderApiDocs, type OpenApiDocument } from './docs.page.ts';

export const V1_PREFIX = '/v1';

const errorResponse = (description: string) => ({ ...LeverError, description });

/** The error responses every authenticated /v1 route can give (bodies are `{code, message, ...details}`). */
const COMMON_ERRORS = {
  400: errorResponse('Invalid request: a field, parameter or offset token is not valid (ValidationError, …)'),
  401: errorResponse('No credentials, or the API key / access token is not valid (UnauthorizedError)'),
  403: errorResponse(
    'The credential lacks the permission or scope (MissingPermissionError, MissingScopeError)',
  ),
  404: errorResponse('No such record in this account, or not visible to this credential (NotFoundError)'),
  429: errorResponse('Rate limit exceeded; see Retry-After (TooManyRequestsError)'),
};

interface RouteSchema {
  tags?: string[];
  summary?: string;
  description?: string;
  hide?: boolean;
  response?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Adds permission, scope, tag, summary, security and error responses to one operation. */
export function describeOperation(
  schema: RouteSchema | undefined,
  config: { permission?: string; public?: boolean } | undefined,
): RouteSchema {
  const out: RouteSchema = { ...schema };
  if (config?.public) return { ...out, security: [] };
  out.security = [{ basic: [] }, { bearer: [] }];
  const def = config?.permission ? findPermission(config.permission) : undefined;
  if (!def) {
    // Authenticated, but any valid credential may call it (e.g. "who am I").
    const { 403: _forbidden, ...errors } = COMMON_ERRORS;
    out.description = ['Needs any valid API key or access token.', out.description]
      .filter(Boolean)
      .join('\n\n');
    return { ...out, response: { ...errors, ...out.response } };
  }
  const scope = scopeForPermission(def);
  out.tags ??= [PERMISSION_RESOURCES[def.resource].group];
  out.summary ??= def.shortLabel;
  out['x-permission'] = def.key;
  out['x-oauth-scope'] = scope;
  out.description = [
    `Needs the API-key permission \`${def.key}\` (${def.label}) or the OAuth scope \`${scope}\`.`,
    out.description,
  ]
    .filter(Boolean)
    .join('\n\n');
  out.response = { ...COMMON_ERRORS, ...out.response };
  return out;
}

export async function registerOpenApi(scope: Http, ctx: AtsContext): Promise<void> {
  await scope.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Hireloop ATS API',
        version: '1.0.0',
        description:
          'The Lever-compatible Data API v1 of the Hireloop ATS. Authenticate with HTTP Basic (an API key as the ' +
          'username, empty password) or an OAuth bearer token. Lists return {data, hasNext, next?}; pass `next` ' +
          'back as `offset`. Timestamps are milliseconds since the epoch.',
      },
      servers: [{ url: `${ctx.publicUrl.replace(/\/+$/, '')}${V1_PREFIX}` }],
      components: {
        securitySchemes: {
          basic: { type: 'http', scheme: 'basic', description: 'API key as the username, empty password' },
          bearer: { type: 'http', scheme: 'bearer', description: 'OAuth 2.0 access token' },
        },
      },
      security: [{ basic: [] }, { bearer: [] }],
    },
    // Paths are relative to the server URL (which ends in /v1), whatever path publicUrl itself has.
    stripBasePath: false,
    transform: ({ schema, url, route }) => ({
      schema: describeOperation(schema as RouteSchema | undefined, route.config) as never,
      url: url.startsWith(V1_PREFIX) ? url.slice(V1_PREFIX.length) || '/' : url,
    }),
  });

  const document = (): OpenApiDocument => scope.swagger() as unknown as OpenApiDocument;

  scope.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => document());
  scope.get(
    '/docs',
    { config: { public: true, securityHeaders: 'document' }, schema: { hide: true } },
    async (_request, reply) => sendHtml(reply, renderApiDocs(document())),
  );
}
