// API Credentials tab. Creating a key is POST → 303 → GET: the secret rides in the session for exactly one
// GET (taken and cleared there), so a reload never shows it again and never re-submits the form. Keys are
// made and revoked through domain/api-keys, exactly like the CLI.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError, Errors, type Http } from '@hireloop/platform';
import { confirmDialog } from '@hireloop/platform/html';
import { PERMISSION_PRESETS, isPermissionKey } from '@hireloop/lever/permissions';
import type { AtsContext } from '../../context.ts';
import { apiKeyAuditDetails, createApiKey } from '../../domain/api-keys/api-key.service.ts';
import { listApiKeys, revokeApiKey } from '../../domain/api-keys/api-key.repository.ts';
import { findUsersByIds } from '../../domain/users/user.repository.ts';
import { isUuid } from '../../api/query.ts';
import { auditAts } from '../../domain/audit/ats-audit.ts';
import { setFlash } from '../ats-shell.ts';
import { apiKeysPage } from './api-keys.page.ts';
import {
  apiKeyFormPage,
  EMPTY_KEY_FORM,
  type ApiKeyFormErrors,
  type ApiKeyFormValues,
} from './api-key-form.page.ts';
import { canGrantIntegrations, requireIntegrationsAccess } from './integration-access.ts';
import { listActiveAdmins, setIntegrationManagers } from './integration-access.repository.ts';
import { API_KEYS_PATH, INTEGRATIONS_PATH } from './integrations-frame.ts';
import { sendIntegrationsPage } from './integrations-page.ts';

declare module 'fastify' {
  interface Session {
    /** A key just generated, shown once by the next GET of the keys tab and then forgotten. */
    newApiKey?: { name: string; secret: string };
  }
}

const Csrf = Type.Optional(Type.String());
const Strings = Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 200 }));
const KeyBody = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 1000 })),
  permissions: Strings,
  confidential: Type.Optional(Type.String({ maxLength: 10 })),
  preset: Type.Optional(Type.String({ maxLength: 100 })),
  _csrf: Csrf,
});
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

const keyNotFound = () => new AppError(Errors.NotFound, 'There is no API key with that id in this account.');

export async function registerApiKeyPages(app: Http, ctx: AtsContext): Promise<void> {
  const { db } = ctx;
  const gate = requireIntegrationsAccess;

  const renderForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    values: ApiKeyFormValues,
    errors: ApiKeyFormErrors = {},
    presetApplied?: string,
    status = 200,
  ) =>
    sendIntegrationsPage(
      request,
      reply,
      {
        title: 'Generate new key',
        active: 'api-keys',
        flash:
          errors.name || errors.permissions
            ? { tone: 'error', message: 'The key was not generated. Fix the problems below and try again.' }
            : undefined,
        body: (csrfToken) => apiKeyFormPage({ csrfToken, values, errors, presetApplied }),
      },
      status,
    );

  app.get(INTEGRATIONS_PATH, { preHandler: gate }, (_request, reply) => reply.redirect(API_KEYS_PATH, 303));

  app.get(API_KEYS_PATH, { preHandler: gate }, async (request, reply) => {
    const { user, account } = request.atsUser!;
    const newKey = request.session.newApiKey;
    if (newKey) request.session.newApiKey = undefined;
    const keys = await listApiKeys(db, account.id);
    const creatorIds = [...new Set(keys.flatMap((k) => (k.created_by ? [k.created_by] : [])))];
    const creators = new Map((await findUsersByIds(db, account.id, creatorIds)).map((u) => [u.id, u.name]));
    const admins = canGrantIntegrations(user) ? await listActiveAdmins(db, account.id) : undefined;
    return sendIntegrationsPage(request, reply, {
      title: 'API Credentials',
      active: 'api-keys',
      body: (csrfToken) =>
        apiKeysPage({
          csrfToken,
          newKey,
          admins,
          keys: keys.map((key) => ({
            key,
            createdBy: key.created_by ? creators.get(key.created_by) : undefined,
          })),
        }),
    });
  });

  app.get(`${API_KEYS_PATH}/new`, { preHandler: gate }, (request, reply) =>
    renderForm(request, reply, EMPTY_KEY_FORM),
  );

  app.post(API_KEYS_PATH, { preHandler: gate, schema: { body: KeyBody } }, async (request, reply) => {
    const b = request.body;
    const values: ApiKeyFormValues = {
      name: (b.name ?? '').trim(),
      permissions: new Set(b.permissions ?? []),
      confidential: b.confidential === 'on',
    };
    const preset = b.preset ? PERMISSION_PRESETS[b.preset] : undefined;
    if (b.preset) {
      if (!preset)
        return renderForm(
          request,
          reply,
          values,
          { permissions: 'That preset does not exist.' },
          undefined,
          400,
        );
      const filled = {
        ...values,
        permissions: new Set(preset.permissions),
        confidential: preset.confidentialAccess,
      };
      return renderForm(request, reply, filled, {}, preset.label);
    }
    const errors: { name?: string; permissions?: string } = {};
    if (!values.name) errors.name = 'Give the key a name, so you can tell keys apart later.';
    else if (values.name.length > 120) errors.name = 'The name can be at most 120 characters.';
    const unknown = [...values.permissions].filter((p) => !isPermissionKey(p));
    if (unknown.length) errors.permissions = `Unknown permissions: ${unknown.join(', ')}.`;
    else if (values.permissions.size === 0) errors.permissions = 'Choose at least one permission.';
    if (errors.name || errors.permissions) return renderForm(request, reply, values, errors, undefined, 400);

    const { user, account } = request.atsUser!;
    const { secret } = await db.transaction().execute(async (trx) => {
      const made = await createApiKey(trx, {
        accountId: account.id,
        name: values.name,
        permissions: [...values.permissions],
        confidentialAccess: values.confidential,
        createdBy: user.id,
      });
      await auditAts(trx, request, 'api_key.created', ['api_key', made.key.id], apiKeyAuditDetails(made.key));
      return made;
    });
    request.session.newApiKey = { name: values.name, secret };
    return reply.redirect(API_KEYS_PATH, 303);
  });

  const findKey = async (request: FastifyRequest<{ Params: { id: string } }>) => {
    const id = request.params.id.toLowerCase();
    if (!isUuid(id)) throw keyNotFound();
    const key = (await listApiKeys(db, request.atsUser!.account.id)).find((k) => k.id === id);
    if (!key || key.revoked_at) throw keyNotFound();
    return key;
  };

  app.get(
    `${API_KEYS_PATH}/:id/revoke`,
    { preHandler: gate, schema: { params: IdParams } },
    async (request, reply) => {
      const key = await findKey(request);
      return sendIntegrationsPage(request, reply, {
        title: `Revoke ${key.name}`,
        active: 'api-keys',
        body: (csrfToken) =>
          confirmDialog({
            id: 'revoke-key',
            title: `Revoke the API key “${key.name}”?`,
            message: `Requests with this key (${key.prefix}…) are refused from the moment you revoke it. This cannot be undone; an integration that still uses it stops working until it gets a new key.`,
            action: `${API_KEYS_PATH}/${key.id}/revoke`,
            confirmLabel: 'Revoke key',
            cancelHref: API_KEYS_PATH,
            csrfToken,
          }),
      });
    },
  );

  app.post(
    `${API_KEYS_PATH}/:id/revoke`,
    { preHandler: gate, schema: { params: IdParams, body: Type.Object({ _csrf: Csrf }) } },
    async (request, reply) => {
      const key = await findKey(request);
      await db.transaction().execute(async (trx) => {
        if (await revokeApiKey(trx, request.atsUser!.account.id, key.id))
          await auditAts(trx, request, 'api_key.revoked', ['api_key', key.id], {
            name: key.name,
            prefix: key.prefix,
          });
      });
      setFlash(
        request,
        'success',
        `Revoked the API key “${key.name}”. Requests with it are refused from now on.`,
      );
      return reply.redirect(API_KEYS_PATH, 303);
    },
  );

  app.post(
    `${API_KEYS_PATH}/managers`,
    { preHandler: gate, schema: { body: Type.Object({ userIds: Strings, _csrf: Csrf }) } },
    async (request, reply) => {
      const { user, account } = request.atsUser!;
      if (!canGrantIntegrations(user))
        throw new AppError(
          Errors.Forbidden,
          'Only Super Admins can choose which Admins manage integrations.',
        );
      const ids = (request.body.userIds ?? []).filter(isUuid).map((id) => id.toLowerCase());
      const changed = await db.transaction().execute(async (trx) => {
        const before = (await listActiveAdmins(trx, account.id)).filter((a) => a.can_manage_integrations);
        const count = await setIntegrationManagers(trx, account.id, ids);
        const after = (await listActiveAdmins(trx, account.id)).filter((a) => a.can_manage_integrations);
        const had = new Set(before.map((a) => a.id));
        const has = new Set(after.map((a) => a.id));
        if (count > 0)
          await auditAts(trx, request, 'integration_managers.changed', null, {
            granted: [...has].filter((id) => !had.has(id)),
            withdrawn: [...had].filter((id) => !has.has(id)),
          });
        return count;
      });
      setFlash(request, 'success', changed ? 'Saved who can manage integrations.' : 'Nothing changed.');
      return reply.redirect(API_KEYS_PATH, 303);
    },
  );
}
