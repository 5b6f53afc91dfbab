// Personal API tokens (for the JSON API under /referrals/api/v1): create (shown once), list, revoke.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  badge,
  button,
  card,
  copyField,
  csrfField,
  emptyState,
  formField,
  html,
  pageHeader,
  path,
  table,
} from '@hireloop/platform/html';
import type { ReferralsContext } from '../context.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../domain/portal/api-token.service.ts';
import { flashNext, formValue, render, requireUser } from './shared.ts';

export function registerTokenPages(app: FastifyInstance, ctx: ReferralsContext): void {
  const show = async (request: FastifyRequest, reply: FastifyReply, created?: string) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    const [tokens, csrf] = await Promise.all([listApiTokens(ctx.db, user), reply.generateCsrf()]);
    const body = html`${pageHeader({ title: 'API tokens', subtitle: html`For the JSON API (<a href="/referrals/api/openapi.json">OpenAPI</a>): send <code>Authorization: Bearer &lt;token&gt;</code>. A token acts as you.` })}
    ${created ? card({ title: 'Your new token', body: copyField({ id: 'new-token', label: 'Token', value: created, hint: 'Shown only now: copy it.' }) }) : ''}
    ${card({
      title: 'Create a token',
      body: html`<form class="form" method="post" action="/referrals/my/api-tokens">
        ${csrfField(csrf)}
        ${formField({ label: 'Name', name: 'name', required: true, placeholder: 'Slack bot' })}
        <div class="form-actions">
          ${button({ label: 'Create token', variant: 'primary', type: 'submit' })}
        </div>
      </form>`,
    })}
    ${card({
      flush: true,
      body: table({
        caption: 'Your tokens',
        captionHidden: true,
        rows: tokens,
        empty: emptyState({ title: 'No tokens yet' }),
        columns: [
          { header: 'Name', rowHeader: true, cell: (t) => t.name },
          { header: 'Created', cell: (t) => t.created_at.toISOString().slice(0, 10) },
          {
            header: 'Last used',
            cell: (t) => t.last_used_at?.toISOString().slice(0, 16).replace('T', ' ') ?? 'never',
          },
          {
            header: '',
            cell: (t) =>
              t.revoked_at
                ? badge({ label: 'revoked', tone: 'neutral' })
                : html`<form method="post" action="${path`/referrals/my/api-tokens/${t.id}/revoke`}">
                    ${csrfField(csrf)}${button({ label: 'Revoke', size: 'sm', variant: 'danger', type: 'submit' })}
                  </form>`,
          },
        ],
      }),
    })}`;
    return render(request, reply, { title: 'API tokens', user, body });
  };
  app.get('/referrals/my/api-tokens', (request, reply) => show(request, reply));
  app.post('/referrals/my/api-tokens', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    const { token } = await createApiToken(ctx.db, user, formValue(request.body, 'name'));
    return show(request, reply, token);
  });
  app.post('/referrals/my/api-tokens/:id/revoke', async (request, reply) => {
    const user = await requireUser(ctx, request, reply);
    if (!user) return reply;
    await revokeApiToken(ctx.db, user, (request.params as { id: string }).id);
    flashNext(request, 'success', 'Token revoked.');
    return reply.redirect('/referrals/my/api-tokens', 303);
  });
}
