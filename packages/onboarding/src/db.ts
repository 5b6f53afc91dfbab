// Row types of the `onboarding` schema (snake_case, as stored). Keep in step with migrations/.
import type { ColumnType, Generated, Kysely, Selectable, Transaction } from 'kysely';

type Created = ColumnType<Date, Date | undefined, never>;
type Stamp = ColumnType<Date, Date | undefined, Date>;
type Arr<T> = ColumnType<T[], T[] | undefined, T[]>;
type Json<T> = ColumnType<T, string, string>;
/** bigint comes back as a string (pg) or number (PGlite); read it through Number(). */
type BigInt = ColumnType<string | number, number, number>;

export type Role = 'people_ops' | 'new_hire';
export type ValueKind = 'location' | 'team';
export type HireStatus = 'needs_mapping' | 'active' | 'cancelled' | 'flagged';
export type Phase = 'before_day_1' | 'day_1' | 'week_1';
export type Owner = 'people_ops' | 'manager' | 'new_hire';

export interface OnboardingDb {
  'onboarding.organization': {
    id: Generated<string>;
    name: string;
    slug: string;
    default_start_days: Generated<number>;
    created_at: Created;
  };
  'onboarding.app_user': {
    id: Generated<string>;
    organization_id: string;
    email: string;
    name: Generated<string>;
    role: Role;
    password_hash: string | null;
    new_hire_id: string | null;
    created_at: Created;
    last_sign_in_at: Date | null;
  };
  'onboarding.user_token': {
    id: Generated<string>;
    organization_id: string;
    user_id: string;
    token_hash: string;
    expires_at: Date;
    used_at: Date | null;
    created_at: Created;
  };
  'onboarding.ats_connection': {
    organization_id: string;
    mode: 'oauth' | 'manual';
    environment: string;
    api_base_url: string;
    authorize_url: string | null;
    token_url: string | null;
    revoke_url: string | null;
    audience: string | null;
    client_id: string | null;
    client_secret_enc: string | null;
    api_key_enc: string | null;
    access_token_enc: string | null;
    refresh_token_enc: string | null;
    token_expires_at: Date | null;
    scopes: Arr<string>;
    status: Generated<'pending' | 'connected' | 'broken'>;
    last_error: string | null;
    connected_at: Date | null;
    updated_at: Stamp;
  };
  'onboarding.webhook_subscription': {
    id: Generated<string>;
    organization_id: string;
    origin: 'api' | 'manual';
    event: string;
    ats_webhook_id: string | null;
    url: string;
    signature_token_enc: string;
    created_at: Created;
    rotated_at: Date | null;
  };
  'onboarding.webhook_event': {
    id: Generated<string>;
    organization_id: string;
    delivery_key: string;
    event: string;
    triggered_at_ms: BigInt;
    opportunity_id: string | null;
    payload: Json<{ event: string; triggeredAt: number; data: Record<string, unknown> }>;
    received_at: Created;
    processed_at: Date | null;
    outcome: string | null;
    last_error: string | null;
  };
  'onboarding.office': {
    id: Generated<string>;
    organization_id: string;
    name: string;
    timezone: Generated<string>;
    created_at: Created;
  };
  'onboarding.team': { id: Generated<string>; organization_id: string; name: string; created_at: Created };
  'onboarding.value_mapping': {
    organization_id: string;
    kind: ValueKind;
    ats_value: string;
    target_id: string;
    created_at: Created;
  };
  'onboarding.ats_value': {
    organization_id: string;
    kind: ValueKind;
    value: string;
    postings: Generated<number>;
    last_seen_at: Stamp;
  };
  'onboarding.new_hire': {
    id: Generated<string>;
    organization_id: string;
    contact_id: string;
    opportunity_id: string;
    name: string;
    email: string | null;
    phone: string | null;
    title: string | null;
    posting_id: string | null;
    ats_location: string | null;
    ats_team: string | null;
    office_id: string | null;
    team_id: string | null;
    manager_name: string | null;
    manager_email: string | null;
    start_date: string;
    start_date_source: 'offer' | 'default';
    hired_at: Date;
    status: HireStatus;
    flag_reason: string | null;
    hire_count: Generated<number>;
    created_at: Created;
    updated_at: Stamp;
  };
  'onboarding.journey': {
    id: Generated<string>;
    organization_id: string;
    new_hire_id: string;
    opportunity_id: string;
    status: 'active' | 'cancelled';
    start_date: string;
    created_at: Created;
    cancelled_at: Date | null;
    cancel_reason: string | null;
  };
  'onboarding.task_template': {
    id: Generated<string>;
    organization_id: string;
    title: string;
    phase: Phase;
    owner: Owner;
    offset_days: number;
    office_id: string | null;
    team_id: string | null;
    created_at: Created;
  };
  'onboarding.task': {
    id: Generated<string>;
    organization_id: string;
    journey_id: string;
    title: string;
    phase: Phase;
    owner: Owner;
    offset_days: number;
    due_date: string;
    position: number;
    done_at: Date | null;
    done_by: string | null;
  };
  'onboarding.hire_history': {
    id: Generated<string>;
    organization_id: string;
    new_hire_id: string;
    kind: string;
    message: string;
    created_at: Created;
  };
}

export type OnboardingKysely = Kysely<OnboardingDb> | Transaction<OnboardingDb>;
export type Row<T extends keyof OnboardingDb> = Selectable<OnboardingDb[T]>;
export type ConnectionRow = Row<'onboarding.ats_connection'>;
export type NewHireRow = Row<'onboarding.new_hire'>;
export type TaskRow = Row<'onboarding.task'>;

/** The platform's mailer and queue take an untyped Kysely; our typed instance or transaction is one. */
export const untyped = (db: OnboardingKysely): Kysely<unknown> => db as unknown as Kysely<unknown>;
