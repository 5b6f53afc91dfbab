// Connect: "Sign in with Lever" (OAuth + PKCE; the app then creates its webhooks itself) or manual mode
// (an API key for reading + a webhook made by a person in the ATS Webhooks tab, its token pasted here).
// The page says which mode is active. Disconnect: delete our webhooks, revoke, forget the credentials.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeScope } from '@hireloop/lever';
import {
  badge,
  button,
  card,
  confirmDialog,
  copyField,
  csrfField,
  dangerZone,
  definitionList,
  formField,
  html,
  pageHeader,
  table,
} from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import type { ConnectionRow } from '../db.ts';
import { beginAuthorization, completeAuthorization } from '../domain/connection/connection.service.ts';
import {
  findConnectionRow,
  saveManualConnection,
  saveOAuthClient,
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
import {
  ensureWebhooks,
  listSubscriptions,
  replaceManualToken,
  webhookUrl,
} from '../domain/webhooks/subscription.service.ts';
import { connectionBanner, flashNext, formValue, render, requirePeopleOps } from './shared.ts';

export const modeLabel = (c: ConnectionRow | undefined) =>
  !c
    ? 'Not connected'
    : c.mode === 'oauth'
      ? 'Sign in with Lever (OAuth)'
      : 'Manual (pasted signature token)';

const statusBadge = (c: ConnectionRow | undefined) =>
  !c
    ? badge({ label: 'Not connected', tone: 'neutral', dot: true })
    : c.status === 'connected'
      ? badge({ label: 'Connected', tone: 'success', dot: true })
      : c.status === 'broken'
        ? badge({ label: 'Broken', tone: 'danger', dot: true })
        : badge({ label: 'Waiting for sign-in', tone: 'warning', dot: true });

export function registerConnectPages(app: FastifyInstance, ctx: OnboardingContext): void {
  const embeddedUrl = () => ctx.config.embeddedAtsUrl ?? ctx.publicUrl;
  const envOptions = ATS_ENVIRONMENTS.map((e) => ({ value: e, label: ENVIRONMENT_LABELS[e] }));

  app.get('/onboarding/connect', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const c = await findConnectionRow(ctx.db, org);
    const subs = await listSubscriptions(ctx.db, org);
    const events = await ctx.db
      .selectFrom('onboarding.webhook_event')
      .select(['event', 'received_at', 'outcome', 'last_error', 'opportunity_id'])
      .where('organization_id', '=', org)
      .orderBy('received_at', 'desc')
      .limit(10)
      .execute();
    const csrf = await reply.generateCsrf();
    const url = webhookUrl(ctx, org);
    const body = html`${pageHeader({ title: 'Connect your ATS', subtitle: 'Hires arrive from the ATS by signed webhooks; details are read back over the Lever API.' })}
    ${card({
      title: 'Connection',
      body: definitionList({
        items: [
          { term: 'Active mode', description: html`<strong data-testid="mode">${modeLabel(c)}</strong>` },
          { term: 'Status', description: statusBadge(c) },
          ...(c
            ? [
                {
                  term: 'ATS',
                  description: html`${ENVIRONMENT_LABELS[c.environment as keyof typeof ENVIRONMENT_LABELS] ?? c.environment}
                    — <code>${c.api_base_url}</code>`,
                },
              ]
            : []),
          ...(c?.mode === 'oauth'
            ? [{ term: 'Granted scopes', description: c.scopes.join(' ') || '—' }]
            : []),
          {
            term: 'Webhooks',
            description: subs.length
              ? subs
                  .map((s) => `${s.event} (${s.origin === 'api' ? 'created by the app' : 'pasted token'})`)
                  .join(', ')
              : 'none yet',
          },
          ...(c?.last_error ? [{ term: 'Last error', description: c.last_error }] : []),
        ],
      }),
      footer:
        c?.mode === 'oauth' && c.status === 'connected'
          ? html`<form method="post" action="/onboarding/connect/webhooks" class="form-actions">
              ${csrfField(csrf)}${button({ label: 'Create missing webhooks' })}
            </form>`
          : '',
    })}
    ${card({
      title: 'Sign in with Lever (recommended)',
      body: html`<p>
          The app asks for exactly these permissions, then creates its own webhooks (candidate hired, archive
          change, stage change, deleted) and stores their signature tokens encrypted.
        </p>
        <ul>
          ${REQUESTED_SCOPES.map((s) => html`<li><code>${s}</code> — ${describeScope(s) ?? ''}</li>`)}
        </ul>
        <form method="post" action="/onboarding/connect/oauth" class="form">
          ${csrfField(csrf)}
          ${formField({ type: 'select', label: 'ATS', name: 'environment', id: 'oauth-environment', value: c?.environment ?? 'embedded', options: envOptions, hint: html`The Hireloop ATS lives at <code>${embeddedUrl()}</code>.` })}
          ${formField({ label: 'OAuth client id', name: 'clientId', value: c?.client_id ?? ctx.config.defaultClientId, required: true, hint: html`Hireloop: <code>hireloop oauth-client create --name Onboarding --redirect-uri ${ctx.publicUrl}/onboarding/connect/callback</code>` })}
          ${formField({ label: 'OAuth client secret', name: 'clientSecret', type: 'password', autocomplete: 'off', value: ctx.config.defaultClientSecret })}
          <div class="form-actions">${button({ label: 'Sign in with Lever', variant: 'primary' })}</div>
        </form>`,
    })}
    ${card({
      title: 'Manual: paste a signature token',
      body: html`<p>
          In the ATS, open <strong>Settings › Webhooks</strong>, add a webhook for
          <em>Candidate hired</em> (and, for corrections, <em>Archive change</em>, <em>Stage change</em>,
          <em>Candidate deleted</em>) with this URL, then copy its signature token here. An API key with read
          access to opportunities, postings, offers, users and archive reasons lets the app read the hire's
          details.
        </p>
        ${copyField({ label: 'Webhook URL to paste in the ATS', value: url, id: 'webhook-url' })}
        <form method="post" action="/onboarding/connect/manual" class="form">
          ${csrfField(csrf)}
          ${formField({ type: 'select', label: 'ATS', name: 'environment', id: 'manual-environment', value: c?.environment ?? 'embedded', options: envOptions })}
          ${formField({ label: 'API key', name: 'apiKey', type: 'password', autocomplete: 'off', required: true })}
          ${formField({ label: 'Signature token', name: 'signatureToken', type: 'password', autocomplete: 'off', required: true })}
          <div class="form-actions">${button({ label: 'Save manual connection' })}</div>
        </form>`,
    })}
    ${table({
      caption: 'Recent deliveries',
      columns: [
        { header: 'Event', cell: (e) => e.event, rowHeader: true },
        { header: 'Received', cell: (e) => e.received_at.toISOString() },
        { header: 'Outcome', cell: (e) => e.outcome ?? (e.last_error ? `error: ${e.last_error}` : 'queued') },
      ],
      rows: events,
      empty: 'No deliveries yet.',
    })}
    ${c ? dangerZone({ items: [{ id: 'disconnect', title: 'Disconnect the ATS', message: 'Deletes the webhooks the app created, revokes our access and forgets every credential. New hires and journeys stay.', action: '/onboarding/connect/disconnect/confirm', confirmLabel: 'Disconnect…', csrfToken: csrf }] }) : ''}`;
    return render(request, reply, { title: 'Connect', user, body, flash: await connectionBanner(ctx, org) });
  });

  const startOAuth = async (request: FastifyRequest, organizationId: string) => {
    const { url, state, verifier } = await beginAuthorization(ctx, organizationId);
    request.session.onboardingOauth = { state, verifier, organizationId, startedAt: Date.now() };
    return url;
  };

  app.post('/onboarding/connect/oauth', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const environment = formValue(request.body, 'environment');
    const clientId = formValue(request.body, 'clientId').trim();
    if (!isAtsEnvironment(environment) || !clientId) {
      flashNext(request, 'error', 'Choose the ATS and enter the OAuth client id it gave you for this app.');
      return reply.redirect('/onboarding/connect', 303);
    }
    await saveOAuthClient(ctx.db, await ctx.cipher(), {
      organizationId: user.organization_id,
      environment,
      endpoints: endpointsFor(environment, embeddedUrl()),
      clientId,
      clientSecret: formValue(request.body, 'clientSecret').trim() || null,
    });
    return reply.redirect(await startOAuth(request, user.organization_id), 303);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>(
    '/onboarding/connect/callback',
    async (request, reply) => {
      const user = await requirePeopleOps(ctx, request, reply);
      if (!user) return reply;
      const flow = request.session.onboardingOauth;
      request.session.onboardingOauth = undefined;
      const fail = (message: string) => {
        flashNext(request, 'error', message);
        return reply.redirect('/onboarding/connect', 303);
      };
      const check = checkOAuthCallback(flow, user.organization_id, request.query);
      if (!check.ok) return fail(check.message);
      try {
        await completeAuthorization(ctx, {
          organizationId: user.organization_id,
          code: check.code,
          verifier: check.verifier,
        });
      } catch (error) {
        return fail(`Connecting failed: ${(error as Error).message}`);
      }
      flashNext(request, 'success', 'Connected. The app is creating its webhooks in the ATS now.');
      return reply.redirect('/onboarding/connect', 303);
    },
  );

  app.post('/onboarding/connect/manual', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const environment = formValue(request.body, 'environment');
    const apiKey = formValue(request.body, 'apiKey').trim();
    const token = formValue(request.body, 'signatureToken').trim();
    if (!isAtsEnvironment(environment) || !apiKey || token.length < 16) {
      flashNext(
        request,
        'error',
        'Enter the API key and the webhook signature token from the ATS Webhooks tab.',
      );
      return reply.redirect('/onboarding/connect', 303);
    }
    await saveManualConnection(ctx.db, await ctx.cipher(), {
      organizationId: user.organization_id,
      environment,
      apiBaseUrl: endpointsFor(environment, embeddedUrl()).apiBaseUrl,
      apiKey,
    });
    await replaceManualToken(ctx, user.organization_id, token);
    flashNext(
      request,
      'success',
      'Manual connection saved. Deliveries signed with this token are accepted from now on.',
    );
    return reply.redirect('/onboarding/connect', 303);
  });

  app.post('/onboarding/connect/webhooks', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const r = await ensureWebhooks(ctx, user.organization_id);
    flashNext(
      request,
      r.manualOnly ? 'error' : 'success',
      r.manualOnly
        ? `No webhooks created: ${r.manualOnly}.`
        : `Webhooks created: ${r.created.join(', ') || 'none missing'}.`,
    );
    return reply.redirect('/onboarding/connect', 303);
  });

  app.post('/onboarding/connect/disconnect/confirm', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    return render(request, reply, {
      title: 'Disconnect',
      user,
      body: confirmDialog({
        id: 'disconnect',
        title: 'Disconnect the ATS?',
        message:
          'The app deletes its webhooks in the ATS, revokes its access and forgets every credential. Hires in progress stay; new hires stop arriving.',
        action: '/onboarding/connect/disconnect',
        confirmLabel: 'Disconnect',
        csrfToken: await reply.generateCsrf(),
        cancelHref: '/onboarding/connect',
      }),
    });
  });

  app.post('/onboarding/connect/disconnect', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const { problems } = await disconnectOrganization(ctx, user.organization_id);
    flashNext(
      request,
      problems.length ? 'error' : 'success',
      problems.length
        ? `Disconnected, with problems: ${problems.join('; ')}`
        : 'Disconnected: webhooks deleted, access revoked.',
    );
    return reply.redirect('/onboarding/connect', 303);
  });
}
