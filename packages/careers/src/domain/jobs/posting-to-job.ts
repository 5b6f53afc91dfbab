// A Lever posting → a careers job row (or a reason it is skipped). Pure: the sync decides what to store.
import type { Insertable } from 'kysely';
import type { Posting } from '@hireloop/lever';
import type { HiddenRule, JobTable } from '../../db.ts';
import { hiddenBy } from '../classify/hidden-rules.ts';
import { classifyWorkMode, type WorkModeRules } from '../classify/work-mode.ts';
import { htmlToText, listItems } from './text.ts';
import { isOnChosenChannel, type IntegrationSettings } from '../integration/settings.ts';

export type JobValues = Omit<Insertable<JobTable>, 'id' | 'synced_at' | 'published_at' | 'removed_at'>;

export interface PostingRules {
  readonly settings: Pick<IntegrationSettings, 'syncStates' | 'channel'>;
  readonly workModes: WorkModeRules;
  readonly hidden: readonly HiddenRule[];
}

export type PostingOutcome = { kind: 'job'; values: JobValues } | { kind: 'skipped'; reason: string };

export function postingToJob(organizationId: string, p: Posting, rules: PostingRules): PostingOutcome {
  const location = p.categories?.location?.trim();
  if (!location) return { kind: 'skipped', reason: 'no location' };
  const base = {
    title: p.text,
    team: p.categories.team ?? null,
    department: p.categories.department ?? null,
    location,
    tags: p.tags ?? [],
  };
  const { mode, source } = classifyWorkMode({ workplaceType: p.workplaceType, location }, rules.workModes);
  const hidden = hiddenBy(base, rules.hidden) ?? null;
  const channels = p.distributionChannels ?? [];
  return {
    kind: 'job',
    values: {
      organization_id: organizationId,
      ats_posting_id: p.id,
      title: p.text,
      state: p.state,
      distribution_channels: [...channels],
      confidentiality: p.confidentiality,
      location,
      all_locations: p.categories.allLocations ?? [location],
      team: base.team,
      department: base.department,
      commitment: p.categories.commitment ?? null,
      workplace_type: p.workplaceType ?? 'unspecified',
      work_mode: mode,
      work_mode_source: source,
      description: p.content?.description ?? htmlToText(p.content?.descriptionHtml ?? ''),
      description_html: p.content?.descriptionHtml ?? '',
      lists: JSON.stringify(
        (p.content?.lists ?? []).map((l) => ({ text: l.text, items: listItems(l.content) })),
      ),
      closing: p.content?.closing ?? htmlToText(p.content?.closingHtml ?? ''),
      tags: [...base.tags],
      country: p.country ?? null,
      salary: p.salaryRange ? JSON.stringify(p.salaryRange) : null,
      apply_url: p.urls?.apply ?? null,
      hosted_url: p.urls?.show ?? null,
      hidden_reason: hidden,
      published: !hidden && isOnChosenChannel(p, rules.settings),
      ats_created_at_ms: p.createdAt,
      ats_updated_at_ms: p.updatedAt,
    },
  };
}
