import { type ColumnDefinitionBuilder, type Kysely, sql } from 'kysely';

// OAuth 2.0 (issue 5, reference §4): registered clients (apps), the account-wide grant a Super Admin gives
// an app, single-use authorization codes and the access/refresh tokens issued under a grant. Secrets, codes
// and tokens are stored as SHA-256 hashes only (they are 256-bit random values, so a slow hash adds nothing).
// `family_id` ties every token to the code it descends from (refresh rotation keeps it), so a reused code
// can revoke exactly what was issued from it; revoking the grant revokes everything of the app in the account.
export async function up(db: Kysely<unknown>): Promise<void> {
  const s = db.schema.withSchema('ats');
  const id = (c: ColumnDefinitionBuilder) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
  const now = sql`now()`;

  await s
    .createTable('oauth_client')
    .addColumn('id', 'uuid', id)
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    // Null: any account may authorize the app (a partner app); set: only that account (a private app).
    .addColumn('account_id', 'uuid', (c) => c.references('ats.account.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('is_public', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('redirect_uris', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await s
    .createTable('oauth_grant')
    .addColumn('id', 'uuid', id)
    .addColumn('account_id', 'uuid', (c) => c.notNull().references('ats.account.id'))
    .addColumn('client_id', 'uuid', (c) => c.notNull().references('ats.oauth_client.id'))
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('granted_by', 'uuid', (c) => c.notNull().references('ats.user.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_reason', 'text')
    .execute();
  // One live grant per app and account (Lever lists each app once under Authorized Apps).
  await sql`create unique index oauth_grant_live_uq on ats.oauth_grant (account_id, client_id) where revoked_at is null`.execute(
    db,
  );

  await s
    .createTable('oauth_code')
    .addColumn('id', 'uuid', id)
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('grant_id', 'uuid', (c) => c.notNull().references('ats.oauth_grant.id'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('ats.user.id'))
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('code_challenge', 'text')
    .addColumn('code_challenge_method', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('reused_at', 'timestamptz')
    .execute();

  await s
    .createTable('oauth_token')
    .addColumn('id', 'uuid', id)
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('access', 'refresh')`))
    .addColumn('grant_id', 'uuid', (c) => c.notNull().references('ats.oauth_grant.id'))
    .addColumn('family_id', 'uuid', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(now))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    // Refresh tokens: set when exchanged (rotation); presenting one again is reuse.
    .addColumn('rotated_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();
  await sql`create index oauth_token_grant_idx on ats.oauth_token (grant_id)`.execute(db);
  await sql`create index oauth_token_family_idx on ats.oauth_token (family_id)`.execute(db);
}
