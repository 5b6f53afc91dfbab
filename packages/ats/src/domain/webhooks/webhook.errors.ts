// Errors of the webhooks area, in the registry's shape (platform/errors.ts): stable codes, never renamed.
import { AppError, Errors, type ErrorDef } from '@hireloop/platform';

export const WebhookErrors = Object.freeze({
  /** Lever (§3.4): API-made webhooks are managed only through the API, settings-made ones only in settings. */
  ManagedElsewhere: Object.freeze<ErrorDef>({
    code: 'WebhookManagedElsewhereError',
    status: 403,
    message: 'This webhook is managed elsewhere',
  }),
  Disabled: Object.freeze<ErrorDef>({
    code: 'WebhookDisabledError',
    status: 409,
    message: 'The webhook is disabled; update it to enable it again',
  }),
});

export function managedElsewhere(createdVia: string): AppError {
  return new AppError(
    WebhookErrors.ManagedElsewhere,
    createdVia === 'settings'
      ? 'This webhook was created in Settings and can only be changed there'
      : 'This webhook was created through the API and can only be changed through the API',
    { details: { createdVia } },
  );
}

export function invalidField(
  field: string,
  message: string,
  where: 'body' | 'querystring' = 'body',
): AppError {
  return new AppError(Errors.Validation, `Invalid value for ${field}: ${message}`, {
    details: { fields: [{ field, in: where, message }] },
  });
}

export function webhookNotFound(): AppError {
  return new AppError(Errors.NotFound, 'Webhook not found');
}
