// The one error handler. 4xx carry the registry's stable code and a message a person can act on;
// 5xx carry a generic message plus the request id (the details go to the log, never to the client).
// Body shape is Lever's `{code, message}` (shared/reference/lever-api.md §1.9) plus optional details.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, Errors, type ErrorDef } from '../errors.ts';

export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
  [detail: string]: unknown;
}

/** Renders an error as HTML for page routes; set by whoever owns the pages (see setHtmlErrorRenderer). */
export type HtmlErrorRenderer = (request: FastifyRequest, status: number, body: ErrorBody) => string;

const FASTIFY_CODES: Record<string, ErrorDef> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: Errors.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: Errors.BadRequest,
  FST_ERR_CTP_BODY_TOO_LARGE: Errors.PayloadTooLarge,
  FST_REQ_FILE_TOO_LARGE: Errors.PayloadTooLarge,
  FST_PARTS_LIMIT: Errors.PayloadTooLarge,
  FST_FILES_LIMIT: Errors.PayloadTooLarge,
  FST_FIELDS_LIMIT: Errors.PayloadTooLarge,
  FST_INVALID_MULTIPART_CONTENT_TYPE: Errors.UnsupportedMediaType,
  FST_ERR_CTP_EMPTY_JSON_BODY: Errors.MalformedJson,
  FST_ERR_CTP_INVALID_JSON_BODY: Errors.MalformedJson,
  FST_CSRF_INVALID_TOKEN: Errors.Csrf,
  FST_CSRF_MISSING_SECRET: Errors.Csrf,
};

/** Errors from plugins we don't know by code still get a code that matches their status. */
const BY_STATUS: Record<number, ErrorDef> = {
  401: Errors.Unauthorized,
  403: Errors.Forbidden,
  404: Errors.NotFound,
  405: Errors.MethodNotAllowed,
  409: Errors.Conflict,
  410: Errors.Gone,
  413: Errors.PayloadTooLarge,
  415: Errors.UnsupportedMediaType,
  429: Errors.TooManyRequests,
};

export function toErrorBody(
  error: unknown,
  requestId: string,
): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (error instanceof AppError) {
    return {
      status: error.statusCode,
      body: { code: error.code, message: error.message, ...error.details },
      headers: error.headers as Record<string, string> | undefined,
    };
  }
  const fe = error as FastifyError & { validationContext?: string };
  if (fe.validation) {
    const fields = fe.validation.map((v) => {
      const where = `${fe.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`;
      const missing = (v.params as { missingProperty?: string }).missingProperty;
      const allowed = (v.params as { allowedValues?: unknown[] }).allowedValues;
      const field = missing ? `${where}.${missing}` : where;
      const message = allowed ? `must be one of: ${allowed.join(', ')}` : (v.message ?? 'is invalid');
      return {
        field: field.replace(/^(querystring|body|params|headers)\.?/, ''),
        in: fe.validationContext,
        message,
      };
    });
    const summary = fields.map((f) => `${f.field || f.in} ${f.message}`).join('; ');
    return {
      status: 400,
      body: { code: Errors.Validation.code, message: `Invalid request: ${summary}`, fields },
    };
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return { status: mapped.status, body: { code: mapped.code, message: mapped.message } };
  if (fe instanceof SyntaxError || fe.code === 'FST_ERR_CTP_INVALID_JSON') {
    return { status: 400, body: { code: Errors.MalformedJson.code, message: Errors.MalformedJson.message } };
  }
  const status = fe.statusCode ?? 500;
  const byStatus = BY_STATUS[status];
  if (byStatus) return { status, body: { code: byStatus.code, message: byStatus.message } };
  if (status >= 400 && status < 500) {
    return {
      status,
      body: { code: Errors.BadRequest.code, message: fe.message || Errors.BadRequest.message },
    };
  }
  return {
    status: 500,
    body: {
      code: Errors.Internal.code,
      message: `${Errors.Internal.message}. Request id: ${requestId}`,
      requestId,
    },
  };
}

export function wantsHtml(request: FastifyRequest): boolean {
  const path = request.url;
  if (/^\/(v0|v1|oauth\/(token|revoke)|healthz|readyz|metrics|api)(\/|\?|$)/.test(path)) return false;
  // Browsers navigating ask for text/html first; API clients ask for JSON or nothing.
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') && !accept.startsWith('application/json');
}

export async function installErrorHandling(
  app: FastifyInstance,
  renderHtml: () => HtmlErrorRenderer | undefined,
): Promise<void> {
  const send = (request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply => {
    const { status, body, headers } = toErrorBody(error, request.id);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: body.code, status }, 'request rejected');
    if (headers) void reply.headers(headers);
    const renderer = renderHtml();
    if (renderer && wantsHtml(request)) {
      return reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(renderer(request, status, body));
    }
    return reply.code(status).send(body);
  };
  app.setErrorHandler((error, request, reply) => send(request, reply, error));
  // Unknown routes are rate-limited so they cannot be used to probe or to flood the logs.
  await app.register(import('@fastify/rate-limit'), { global: false });
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 120, timeWindow: 60_000 }) }, (request, reply) =>
    send(
      request,
      reply,
      new AppError(Errors.RouteNotFound, `No route for ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
