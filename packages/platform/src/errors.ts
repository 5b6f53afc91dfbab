// The one registry of errors. Each entry has a stable `code` (Lever's `<Name>Error` convention, see
// shared/reference/lever-api.md §1.9), an HTTP status and a default message. Domain code throws
// `appError(Errors.X, message?, details?)`; the single error handler in http/error-handler.ts turns it into
// `{code, message, ...details}`. Codes are an interface: never rename one, add a new one instead.

export interface ErrorDef {
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

const def = (code: string, status: number, message: string): ErrorDef =>
  Object.freeze({ code, status, message });

export const Errors = Object.freeze({
  // request shape
  BadRequest: def('BadRequestError', 400, 'The request is invalid'),
  Validation: def('ValidationError', 400, 'The request has invalid fields'),
  MalformedJson: def('MalformedJsonError', 400, 'The request body is not valid JSON'),
  InvalidOffsetToken: def(
    'InvalidOffsetTokenError',
    400,
    'Invalid offset token: Offset token is invalid for sort',
  ),
  PayloadTooLarge: def('PayloadTooLargeError', 413, 'The request body is too large'),
  UnsupportedMediaType: def('UnsupportedMediaTypeError', 415, 'The content type is not supported'),
  // auth
  Unauthorized: def('UnauthorizedError', 401, 'Authentication is required'),
  Forbidden: def('ForbiddenError', 403, 'You do not have access to this resource'),
  MissingPermission: def('MissingPermissionError', 403, 'The credential lacks a required permission'),
  MissingScope: def('MissingScopeError', 403, 'The access token lacks a required scope'),
  Csrf: def('CsrfError', 403, 'The form has expired; reload the page and try again'),
  // resources
  NotFound: def('NotFoundError', 404, 'Not found'),
  RouteNotFound: def('RouteNotFoundError', 404, 'No such route'),
  MethodNotAllowed: def('MethodNotAllowedError', 405, 'Method not allowed'),
  Conflict: def('ConflictError', 409, 'The resource was changed by someone else'),
  Gone: def('GoneError', 410, 'The resource is gone'),
  TooManyRequests: def('TooManyRequestsError', 429, 'Too many requests; slow down and retry later'),
  // server
  Internal: def('InternalServerError', 500, 'Something went wrong on our side'),
  Unavailable: def('ServiceUnavailableError', 503, 'The service is not ready'),
});

export type ErrorKey = keyof typeof Errors;

export class AppError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(
    def: ErrorDef,
    message?: string,
    options: { details?: Record<string, unknown>; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(message ?? def.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = def.code;
    this.code = def.code;
    this.statusCode = def.status;
    this.details = options.details;
    this.headers = options.headers;
  }
}

export function appError(
  def: ErrorDef,
  message?: string,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
): AppError {
  return new AppError(def, message, { details, headers });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
