// Creating referrals. Lever has no API to write them (reference §2.9: read-only); they come from referral
// forms — here from seeds, the ATS pages and the referrals app's path into the ATS. The default form
// mirrors Lever's referral form: who referred, how they know the candidate, and why.
import type { Referral } from '@hireloop/lever/wire';
import type { AtsKysely, Row } from '../../db.ts';
import { insertReferral, type ReferralRow } from './referral.repository.ts';

export const REFERRAL_FORM_TEXT = 'Referral';
export const REFERRAL_FORM_INSTRUCTIONS = 'Tell us about the person you are referring.';

type FormField = Referral['fields'][number];

/** The default referral form's fields with their answers. */
export function referralFormFields(answers: {
  referrerName: string;
  relationship?: string;
  comments?: string;
}): FormField[] {
  const text = (label: string, value: string, required: boolean, type = 'text'): FormField => ({
    type,
    text: label,
    description: '',
    required,
    value,
    prompt: '',
    options: [],
  });
  return [
    text('Name of referrer', answers.referrerName, true),
    text('Relationship', answers.relationship ?? '', false),
    text('Comments', answers.comments ?? '', false, 'textarea'),
  ];
}

export interface CreateReferralInput {
  /** The opportunity referred into; its current stage is recorded with the referral. */
  readonly opportunity: Pick<Row<'ats.opportunity'>, 'id' | 'stage_id'>;
  /** The ATS user who referred (the employee), when there is one. */
  readonly referrerId?: string | null;
  /** The user who filled the form (often the referrer). */
  readonly userId?: string | null;
  readonly fields?: readonly FormField[];
  readonly referrerName?: string;
  readonly relationship?: string;
  readonly comments?: string;
  readonly baseTemplateId?: string | null;
  readonly createdAt?: Date;
}

export function createReferral(db: AtsKysely, input: CreateReferralInput): Promise<ReferralRow> {
  const at = input.createdAt ?? new Date();
  const fields =
    input.fields ??
    referralFormFields({
      referrerName: input.referrerName ?? '',
      relationship: input.relationship,
      comments: input.comments,
    });
  return insertReferral(db, {
    opportunity_id: input.opportunity.id,
    referrer_id: input.referrerId ?? null,
    user_id: input.userId ?? input.referrerId ?? null,
    fields: JSON.stringify(fields),
    stage_id: input.opportunity.stage_id,
    text: REFERRAL_FORM_TEXT,
    instructions: REFERRAL_FORM_INSTRUCTIONS,
    base_template_id: input.baseTemplateId ?? null,
    created_at: at,
    completed_at: at,
  });
}
