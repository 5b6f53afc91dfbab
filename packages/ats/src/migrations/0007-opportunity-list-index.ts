import { type Kysely, sql } from 'kysely';

// Keyset pages of `GET /opportunities` (issue 3): a caller without confidential access — the default — always
// filters `confidentiality = 'non-confidential'`, which opportunity_account_created_idx can only check row by
// row, so an account with many confidential opportunities made every page read past them. With the
// confidentiality second, the default list is one exact index range in (created_at desc, id desc) order from
// any keyset position; `confidentiality=all` keeps using opportunity_account_created_idx.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index opportunity_account_confidentiality_created_idx
    on ats.opportunity (account_id, confidentiality, created_at desc, id desc) where deleted_at is null`.execute(
    db,
  );
}
