import type { MigrationSet } from '@hireloop/platform';
import * as m0001 from './0001-core.ts';
import * as m0004webhooks from './0004-webhooks.ts';
import * as m0002events from './0002-events.ts';
import * as m0002records from './0002-opportunity-records.ts';
import * as m0003oauth from './0003-oauth.ts';
import * as m0006integrations from './0006-integration-managers.ts';
import * as m0005invitations from './0005-user-invitations.ts';
import * as m0007listIndex from './0007-opportunity-list-index.ts';
import * as m0008wire from './0008-opportunity-wire.ts';
import * as m0009outbox from './0009-webhook-outbox.ts';

export const atsMigrations: MigrationSet = {
  schema: 'ats',
  migrations: {
    '0001-core': m0001,
    '0004-webhooks': m0004webhooks,
    '0002-opportunity-records': m0002records,
    '0002-events': m0002events,
    '0003-oauth': m0003oauth,
    '0005-user-invitations': m0005invitations,
    '0006-integration-managers': m0006integrations,
    '0007-opportunity-list-index': m0007listIndex,
    '0008-opportunity-wire': m0008wire,
    '0009-webhook-outbox': m0009outbox,
  },
};
