// The breach procedure's page: "Regenerate token". OAuth mode: the app rotates its webhooks' tokens through
// the ATS in one click. Either mode: paste a token regenerated in the ATS Webhooks tab. The stored token is
// replaced in the same request, so a delivery signed with the old one is refused (401) at once.
import type { FastifyInstance } from 'fastify';
import { button, card, csrfField, formField, html, pageHeader } from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import { findConnectionRow } from '../domain/connection/connection.repository.ts';
import {
  listSubscriptions,
  replaceManualToken,
  rotateApiTokens,
} from '../domain/webhooks/subscription.service.ts';
import { modeLabel } from './connect.pages.ts';
import { flashNext, formValue, render, requirePeopleOps } from './shared.ts';

export function registerSecurityPages(app: FastifyInstance, ctx: OnboardingContext): void {
  app.get('/onboarding/security', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const c = await findConnectionRow(ctx.db, user.organization_id);
    const subs = await listSubscriptions(ctx.db, user.organization_id);
    const last = subs
      .map((s) => s.rotated_at)
      .filter((d): d is Date => d !== null)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    const csrf = await reply.generateCsrf();
    const body = html`${pageHeader({ title: 'Security', subtitle: 'If a webhook signature token may have leaked, regenerate it. The old token stops working at once.' })}
    ${card({
      title: 'Regenerate token',
      body: html`<p>
          Active mode: <strong>${modeLabel(c)}</strong>. Last regenerated:
          ${last ? last.toISOString() : 'never'}.
        </p>
        ${
          c?.mode === 'oauth'
            ? html`<form method="post" action="/onboarding/security/rotate" class="form-actions">
                  ${csrfField(csrf)}${button({ label: 'Regenerate tokens now', variant: 'primary', confirm: 'Regenerate every webhook token? Deliveries signed with the old tokens will be refused.' })}
                </form>
                <p>
                  The app asks the ATS for new tokens for each of its webhooks and stores them; nothing else
                  to do.
                </p>`
            : ''
        }
        <form method="post" action="/onboarding/security/token" class="form">
          ${csrfField(csrf)}
          ${formField({ label: 'New signature token', name: 'signatureToken', type: 'password', autocomplete: 'off', required: true, hint: 'Generate it in the ATS (Settings › Webhooks › Regenerate token) and paste it here. It replaces every pasted token.' })}
          <div class="form-actions">${button({ label: 'Save the new token' })}</div>
        </form>`,
    })}`;
    return render(request, reply, { title: 'Security', user, body });
  });

  app.post('/onboarding/security/rotate', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    try {
      const n = await rotateApiTokens(ctx, user.organization_id);
      flashNext(
        request,
        'success',
        `Regenerated ${n} webhook token${n === 1 ? '' : 's'}. The old ones no longer verify.`,
      );
    } catch (error) {
      flashNext(request, 'error', `Regenerating failed: ${(error as Error).message}`);
    }
    return reply.redirect('/onboarding/security', 303);
  });

  app.post('/onboarding/security/token', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const token = formValue(request.body, 'signatureToken').trim();
    if (token.length < 16) {
      flashNext(request, 'error', 'Paste the whole signature token (at least 16 characters).');
      return reply.redirect('/onboarding/security', 303);
    }
    await replaceManualToken(ctx, user.organization_id, token);
    flashNext(
      request,
      'success',
      'New token saved. Deliveries signed with the old pasted token are refused from now on.',
    );
    return reply.redirect('/onboarding/security', 303);
  });
}
