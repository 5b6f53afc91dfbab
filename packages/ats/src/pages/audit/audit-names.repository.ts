// Names for the ids in audit rows (users, API keys, OAuth apps, webhooks), all scoped to one account, and
// the actors the filter offers. Audit rows keep ids only; names are read at display time.
import type { AtsKysely } from '../../db.ts';

export interface AuditNames {
  readonly user: ReadonlyMap<string, string>;
  readonly api_key: ReadonlyMap<string, string>;
  readonly oauth_app: ReadonlyMap<string, string>;
  readonly oauth_grant: ReadonlyMap<string, string>;
  readonly webhook: ReadonlyMap<string, string>;
}

const ids = (values: readonly (string | null)[]): string[] => [
  ...new Set(values.filter((v): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v))),
];

/** Every user, API key and OAuth app of the account that may appear as an actor (for the filter). */
export async function loadAuditNames(
  db: AtsKysely,
  accountId: string,
  grantIds: readonly (string | null)[],
  webhookIds: readonly (string | null)[],
): Promise<AuditNames> {
  const [users, keys, apps, grants, webhooks] = await Promise.all([
    db
      .selectFrom('ats.user')
      .select(['id', 'name'])
      .where('account_id', '=', accountId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('ats.api_key')
      .select(['id', 'name', 'prefix'])
      .where('account_id', '=', accountId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('ats.oauth_client as c')
      .select(['c.id', 'c.name'])
      .where((eb) =>
        eb.or([
          eb('c.account_id', '=', accountId),
          eb.exists(
            eb
              .selectFrom('ats.oauth_grant as g')
              .select('g.id')
              .whereRef('g.client_id', '=', 'c.id')
              .where('g.account_id', '=', accountId),
          ),
        ]),
      )
      .orderBy('c.name')
      .execute(),
    ids(grantIds).length
      ? db
          .selectFrom('ats.oauth_grant as g')
          .innerJoin('ats.oauth_client as c', 'c.id', 'g.client_id')
          .select(['g.id', 'c.name'])
          .where('g.account_id', '=', accountId)
          .where('g.id', 'in', ids(grantIds))
          .execute()
      : [],
    ids(webhookIds).length
      ? db
          .selectFrom('ats.webhook')
          .select(['id', 'event'])
          .where('account_id', '=', accountId)
          .where('id', 'in', ids(webhookIds))
          .execute()
      : [],
  ]);
  return {
    user: new Map(users.map((u) => [u.id, u.name])),
    api_key: new Map(keys.map((k) => [k.id, `${k.name} (${k.prefix}…)`])),
    oauth_app: new Map(apps.map((a) => [a.id, a.name])),
    oauth_grant: new Map(grants.map((g) => [g.id, g.name])),
    webhook: new Map(webhooks.map((w) => [w.id, `${w.event} webhook`])),
  };
}
