// Settings › Integrations › Add integration › Lever › "Sign in with Lever", the OAuth callback, and
// Disconnect (with its confirmation page). The OAuth state and PKCE verifier live in the browser's session,
// so only the browser that started the flow can finish it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OAuthError, describeScope } from '@hireloop/lever';
import {
  badge,
  button,
  card,
  confirmDialog,
  csrfField,
  dangerZone,
  definitionList,
  formField,
  html,
  linkButton,
  pageHeader,
} from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import { beginAuthorization, completeAuthorization } from '../domain/connection/connection.service.ts';
import {
  findConnection,
  upsertConnectionClient,
  type Connection,
} from '../domain/connection/connection.repository.ts';
import { disconnectOrganization } from '../domain/connection/disconnect.service.ts';
import {
  ATS_ENVIRONMENTS,
  endpointsFor,
  ENVIRONMENT_LABELS,
  isAtsEnvironment,
} from '@hireloop/app-kit/connection/endpoints';
import { checkOAuthCallback } from '@hireloop/app-kit/pages/oauth-callback';
import { REQUESTED_SCOPES } from '../domain/connection/scopes.ts';
import { connectionBanner, flashNext, formValue, render, requireAdmin } from './shared.ts';

export function connectionBadge(c: Connection | undefined) {
  if (!c) return badge({ label: 'Not connected', tone: 'neutral', dot: true });
  if (c.status === 'connected') return badge({ label: 'Connected', tone: 'success', dot: true });
  if (c.status === 'broken') return badge({ label: 'Broken', tone: 'danger', dot: true });
  return badge({ label: 'Waiting for sign-in', tone: 'warning', dot: true });
}

export function registerIntegrationPages(app: FastifyInstance, ctx: ReferralsContext): void {
  const embeddedUrl = () => ctx.config.embeddedAtsUrl ?? ctx.publicUrl;

  app.get('/referrals/admin/integrations', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const c = await findConnection(ctx.db, user.organization_id);
    const csrf = await reply.generateCsrf();
    const details = c
      ? definitionList({
          items: [
            { term: 'Status', description: connectionBadge(c) },
            { term: 'ATS', description: ENVIRONMENT_LABELS[c.environment] },
            { term: 'API', description: html`<code>${c.endpoints.apiBaseUrl}</code>` },
            { term: 'OAuth client', description: html`<code>${c.clientId}</code>` },
            { term: 'Granted scopes', description: c.scopes.length ? c.scopes.join(' ') : '—' },
            { term: 'Connected', description: c.connectedAt ? c.connectedAt.toISOString() : '—' },
            {
              term: 'Access token expires',
              description: c.tokenExpiresAt ? c.tokenExpiresAt.toISOString() : '—',
            },
            ...(c.lastError ? [{ term: 'Last error', description: c.lastError }] : []),
          ],
        })
      : html`<p>No ATS is connected yet. Connect one to sync jobs and receive status updates.</p>`;
    const actions = c
      ? html`<form method="post" action="/referrals/admin/integrations/lever/authorize" class="form-actions">
          ${csrfField(csrf)}${button({
            label: c.status === 'connected' ? 'Reconnect (Sign in with Lever)' : 'Sign in with Lever',
            variant: c.status === 'connected' ? 'secondary' : 'primary',
          })}${linkButton({ label: 'Change ATS or client', href: '/referrals/admin/integrations/lever' })}${linkButton({ label: 'Webhooks', href: '/referrals/admin/webhooks', variant: 'ghost' })}
        </form>`
      : linkButton({
          label: 'Add integration: Lever',
          href: '/referrals/admin/integrations/lever',
          variant: 'primary',
        });
    const body = html`${pageHeader({ title: 'Integrations', subtitle: 'Your ATS: where jobs come from and where referrals go.' })}
    ${card({ title: 'Lever-compatible ATS', body: html`${details}${actions}` })}
    ${c ? dangerZone({ items: [{ id: 'disconnect', title: 'Disconnect the ATS', message: 'Revokes our access, deletes the webhooks the app created, and removes synced jobs and stages. Referrals stay.', action: '/referrals/admin/integrations/lever/disconnect/confirm', confirmLabel: 'Disconnect…', csrfToken: csrf }] }) : ''}`;
    return render(request, reply, {
      title: 'Integrations',
      user,
      body,
      flash: await connectionBanner(ctx, user.organization_id),
    });
  });

  const clientForm = async (
    csrf: string,
    c: Connection | undefined,
    values: Record<string, string> = {},
    error?: { field: string; message: string },
  ) => {
    const environment = values.environment ?? c?.environment ?? 'embedded';
    return html`${pageHeader({ title: 'Add integration: Lever', breadcrumbs: [{ label: 'Integrations', href: '/referrals/admin/integrations' }] })}
    ${card({
      body: html`<form method="post" action="/referrals/admin/integrations/lever" class="form">
        ${csrfField(csrf)}
        ${formField({ type: 'select', label: 'ATS', name: 'environment', value: environment, options: ATS_ENVIRONMENTS.map((e) => ({ value: e, label: ENVIRONMENT_LABELS[e] })), hint: html`The Hireloop ATS lives at <code>${embeddedUrl()}</code>. Lever hosts are fixed.` })}
        ${formField({ label: 'OAuth client id', name: 'clientId', value: values.clientId ?? c?.clientId ?? ctx.config.defaultClientId, required: true, error: error?.field === 'clientId' ? error.message : undefined, hint: html`Register this app with the ATS (Hireloop: <code>hireloop oauth-client create --name Referrals --redirect-uri ${`${ctx.publicUrl}/referrals/integrations/lever/callback`}</code>).` })}
        ${formField({ label: 'OAuth client secret', name: 'clientSecret', type: 'password', autocomplete: 'off', hint: c ? 'Leave empty to keep the stored secret.' : 'Stored encrypted. Leave empty for a public client (PKCE only).' })}
        <p>We will ask for exactly these permissions:</p>
        <ul>
          ${REQUESTED_SCOPES.map((s) => html`<li><code>${s}</code> — ${describeScope(s) ?? ''}</li>`)}
        </ul>
        <div class="form-actions">${button({ label: 'Sign in with Lever', variant: 'primary' })}</div>
      </form>`,
    })}`;
  };

  app.get('/referrals/admin/integrations/lever', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const c = await findConnection(ctx.db, user.organization_id);
    return render(request, reply, {
      title: 'Add integration',
      user,
      body: await clientForm(await reply.generateCsrf(), c),
    });
  });

  const startOAuth = async (request: FastifyRequest, organizationId: string) => {
    const { url, state, verifier } = await beginAuthorization(ctx, organizationId);
    request.session.referralsOauth = { state, verifier, organizationId, startedAt: Date.now() };
    return url;
  };

  app.post('/referrals/admin/integrations/lever', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const environment = formValue(request.body, 'environment');
    const clientId = formValue(request.body, 'clientId').trim();
    const clientSecret = formValue(request.body, 'clientSecret').trim();
    const existing = await findConnection(ctx.db, user.organization_id);
    if (!isAtsEnvironment(environment) || !clientId) {
      const error = {
        field: 'clientId',
        message: 'Enter the OAuth client id the ATS gave you for this app.',
      };
      return render(request, reply, {
        title: 'Add integration',
        user,
        status: 400,
        body: await clientForm(await reply.generateCsrf(), existing, { environment, clientId }, error),
      });
    }
    const cipher = await ctx.cipher();
    await upsertConnectionClient(ctx.db, cipher, {
      organizationId: user.organization_id,
      environment,
      endpoints: endpointsFor(environment, embeddedUrl()),
      clientId,
      // Keep the stored secret when the field is left empty for the same client.
      clientSecret: clientSecret || (existing?.clientId === clientId ? undefined : null),
    });
    return reply.redirect(await startOAuth(request, user.organization_id), 303);
  });

  app.post('/referrals/admin/integrations/lever/authorize', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    return reply.redirect(await startOAuth(request, user.organization_id), 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/referrals/integrations/lever/callback',
    async (request, reply) => {
      const user = await requireAdmin(ctx, request, reply);
      if (!user) return reply;
      const flow = request.session.referralsOauth;
      request.session.referralsOauth = undefined;
      const fail = (message: string) => {
        flashNext(request, 'error', message);
        return reply.redirect('/referrals/admin/integrations', 303);
      };
      const check = checkOAuthCallback(flow, user.organization_id, request.query);
      if (!check.ok) return fail(check.message);
      try {
        await completeAuthorization(ctx, {
          organizationId: user.organization_id,
          userId: user.id,
          code: check.code,
          verifier: check.verifier,
        });
      } catch (error) {
        if (error instanceof OAuthError)
          return fail(`The ATS refused the code (${error.error}: ${error.message}).`);
        throw error;
      }
      flashNext(
        request,
        'success',
        'Connected. Stages, webhooks and jobs are being set up now; check Stage mapping next.',
      );
      return reply.redirect('/referrals/admin/integrations', 303);
    },
  );

  app.post('/referrals/admin/integrations/lever/disconnect/confirm', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    return reply.redirect('/referrals/admin/integrations/lever/disconnect', 303);
  });

  app.get('/referrals/admin/integrations/lever/disconnect', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const body = confirmDialog({
      id: 'disconnect',
      title: 'Disconnect the ATS?',
      message:
        'We will revoke our tokens, delete the webhooks the app created in the ATS, and remove every synced job, stage, mapping and sync record. Referrals, their history and payouts stay. Employees cannot refer until you connect again.',
      action: '/referrals/admin/integrations/lever/disconnect',
      confirmLabel: 'Disconnect and remove synced data',
      cancelHref: '/referrals/admin/integrations',
      csrfToken: await reply.generateCsrf(),
    });
    return render(request, reply, { title: 'Disconnect', user, body });
  });

  app.post('/referrals/admin/integrations/lever/disconnect', async (request, reply) => {
    const user = await requireAdmin(ctx, request, reply);
    if (!user) return reply;
    const { problems } = await disconnectOrganization(ctx, user.organization_id);
    flashNext(
      request,
      problems.length ? 'error' : 'success',
      problems.length
        ? `Disconnected and synced data removed, but the ATS did not confirm everything: ${problems.join('; ')}. Check its Authorized Apps and webhooks.`
        : 'Disconnected: tokens revoked, webhooks deleted, synced data removed.',
    );
    return reply.redirect('/referrals/admin/integrations', 303);
  });
}
