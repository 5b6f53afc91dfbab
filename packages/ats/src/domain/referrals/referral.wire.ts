// Referrals → Lever wire (reference §2.9). `type` is always `referral`; the form's texts come from the row.
import type { Referral } from '@hireloop/lever/wire';
import type { ReferralRow } from './referral.repository.ts';

export function toLeverReferral(row: ReferralRow): Referral {
  return {
    id: row.id,
    type: 'referral',
    text: row.text,
    instructions: row.instructions,
    fields: row.fields as Referral['fields'],
    baseTemplateId: row.base_template_id,
    user: row.user_id,
    referrer: row.referrer_id,
    stage: row.stage_id,
    createdAt: row.created_at.getTime(),
    completedAt: row.completed_at?.getTime() ?? null,
  };
}
