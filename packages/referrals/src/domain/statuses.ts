// Referral statuses: a closed set (as data), their default labels (editable per organization in
// referrals.status_label) and the badge tone each one shows with.

export const REFERRAL_STATUSES = Object.freeze([
  'submitted',
  'in_review',
  'interviewing',
  'offer',
  'hired',
  'not_selected',
] as const);
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const DEFAULT_STATUS_LABELS: Readonly<Record<ReferralStatus, string>> = Object.freeze({
  submitted: 'Submitted',
  in_review: 'In review',
  interviewing: 'Interviewing',
  offer: 'Offer',
  hired: 'Hired',
  not_selected: 'Not selected',
});

export const STATUS_TONES: Readonly<
  Record<ReferralStatus, 'neutral' | 'info' | 'brand' | 'warning' | 'success' | 'danger'>
> = Object.freeze({
  submitted: 'neutral',
  in_review: 'info',
  interviewing: 'brand',
  offer: 'warning',
  hired: 'success',
  not_selected: 'danger',
});

export const isReferralStatus = (value: unknown): value is ReferralStatus =>
  typeof value === 'string' && (REFERRAL_STATUSES as readonly string[]).includes(value);
