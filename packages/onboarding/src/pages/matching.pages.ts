// The matching page: ATS locations beside offices and ATS teams beside teams. Exact matches are marked;
// mismatches show suggestions (case, spacing, near misses, partial words) with one-click mapping, or any
// office/team from a list. Mapping a value lets every queued hire with it continue in the same request.
import type { FastifyInstance } from 'fastify';
import { badge, button, card, csrfField, html, pageHeader, table } from '@hireloop/platform/html';
import type { OnboardingContext } from '../context.ts';
import type { ValueKind } from '../db.ts';
import { resolve, suggest, SUGGESTION_LABELS } from '../domain/matching/match.ts';
import {
  listMappings,
  listSeenValues,
  listTargets,
  saveMapping,
} from '../domain/matching/mapping.repository.ts';
import { refreshAtsValues } from '../domain/matching/refresh-values.service.ts';
import { retryQueued } from '../domain/hires/hire.service.ts';
import { flashNext, formValue, render, requirePeopleOps, UUID } from './shared.ts';

const LABELS = { location: ['ATS location', 'Office'], team: ['ATS team', 'Team'] } as const;

export function registerMatchingPages(app: FastifyInstance, ctx: OnboardingContext): void {
  app.get('/onboarding/matching', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const org = user.organization_id;
    const csrf = await reply.generateCsrf();
    const queued = await ctx.db
      .selectFrom('onboarding.new_hire')
      .select(['ats_location', 'ats_team'])
      .where('organization_id', '=', org)
      .where('status', '=', 'needs_mapping')
      .execute();
    const section = async (kind: ValueKind) => {
      const [atsLabel, targetLabel] = LABELS[kind];
      const targets = await listTargets(ctx.db, org, kind);
      const mappings = await listMappings(ctx.db, org, kind);
      const rows = (await listSeenValues(ctx.db, org, kind)).map((v) => ({
        ...v,
        resolution: resolve(v.value, targets, mappings),
        suggestions: suggest(v.value, targets),
        waiting: queued.filter((q) => (kind === 'location' ? q.ats_location : q.ats_team) === v.value).length,
      }));
      const mapForm = (
        value: string,
        targetId: string,
        label: string,
        variant: 'primary' | 'secondary' = 'secondary',
      ) =>
        html`<form method="post" action="/onboarding/matching/map" class="inline-form">
          ${csrfField(csrf)}<input type="hidden" name="kind" value="${kind}" /><input
            type="hidden"
            name="value"
            value="${value}"
          /><input
            type="hidden"
            name="targetId"
            value="${targetId}"
          />${button({ label, size: 'sm', variant })}
        </form>`;
      return card({
        title: `${atsLabel}s → ${targetLabel.toLowerCase()}s`,
        flush: true,
        body: table({
          caption: `${atsLabel}s`,
          captionHidden: true,
          columns: [
            {
              header: atsLabel,
              cell: (r) =>
                html`${r.value}${r.waiting ? html` ${badge({ label: `${r.waiting} waiting`, tone: 'warning' })}` : ''}`,
              rowHeader: true,
            },
            {
              header: targetLabel,
              cell: (r) =>
                r.resolution.how === 'exact'
                  ? html`${badge({ label: 'Exact match', tone: 'success', dot: true })}
                    ${r.resolution.target!.name}`
                  : r.resolution.how === 'mapped'
                    ? html`${badge({ label: 'Mapped', tone: 'info', dot: true })} ${r.resolution.target!.name}`
                    : badge({ label: 'No match', tone: 'danger', dot: true }),
            },
            {
              header: 'Suggestions and mapping',
              cell: (r) =>
                r.resolution.how === 'exact'
                  ? ''
                  : html`${r.suggestions.map((s) => html`<span class="suggestion">${mapForm(r.value, s.target.id, `Map to ${s.target.name}`, 'primary')} <small>${SUGGESTION_LABELS[s.reason]}</small></span> `)}
                      <details>
                        <summary>Map to another ${targetLabel.toLowerCase()}</summary>
                        ${targets.map((t) => mapForm(r.value, t.id, t.name))}
                      </details>`,
            },
          ],
          rows,
          empty: `No ${atsLabel.toLowerCase()}s seen yet. Refresh from the ATS.`,
        }),
      });
    };
    const body = html`${pageHeader({
      title: 'Matching',
      subtitle: 'ATS locations and teams (from postings and hires) beside your offices and teams.',
      actions: html`<form method="post" action="/onboarding/matching/refresh">
        ${csrfField(csrf)}${button({ label: 'Refresh from the ATS' })}
      </form>`,
    })}
    ${await section('location')}${await section('team')}`;
    return render(request, reply, { title: 'Matching', user, body });
  });

  app.post('/onboarding/matching/refresh', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    try {
      const n = await refreshAtsValues(ctx, user.organization_id);
      flashNext(request, 'success', `Read ${n} postings from the ATS.`);
    } catch (error) {
      flashNext(request, 'error', `Could not read the ATS: ${(error as Error).message}`);
    }
    return reply.redirect('/onboarding/matching', 303);
  });

  app.post('/onboarding/matching/map', async (request, reply) => {
    const user = await requirePeopleOps(ctx, request, reply);
    if (!user) return reply;
    const kind = formValue(request.body, 'kind');
    const value = formValue(request.body, 'value');
    const targetId = formValue(request.body, 'targetId');
    if ((kind !== 'location' && kind !== 'team') || !value || !UUID.test(targetId)) {
      flashNext(request, 'error', 'Choose a value and where it goes.');
      return reply.redirect('/onboarding/matching', 303);
    }
    const target = (await listTargets(ctx.db, user.organization_id, kind)).find((t) => t.id === targetId);
    if (!target) {
      flashNext(request, 'error', 'That office or team no longer exists.');
      return reply.redirect('/onboarding/matching', 303);
    }
    const started = await ctx.db.transaction().execute(async (trx) => {
      await saveMapping(trx, user.organization_id, kind, value, target.id);
      return retryQueued(ctx, trx, user.organization_id);
    });
    flashNext(
      request,
      'success',
      `Mapped "${value}" to ${target.name}.${started ? ` ${started} queued hire(s) continued with their journey.` : ''}`,
    );
    return reply.redirect(
      formValue(request.body, 'returnTo').startsWith('/onboarding/')
        ? formValue(request.body, 'returnTo')
        : '/onboarding/matching',
      303,
    );
  });
}
