import { type Kysely, sql } from 'kysely';

// Lever's "manage API credentials and integrations" permission for Admins (issue 6): Super Admins always
// have it; an Admin has it only when this flag is on. A per-user flag rather than a new role, because Lever
// grants it to individual Admins, and other roles (Team Member and below) can never hold it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ats.user add column can_manage_integrations boolean not null default false`.execute(
    db,
  );
}
