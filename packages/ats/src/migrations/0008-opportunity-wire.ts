import { type Kysely, sql } from 'kysely';

// The opportunity's Lever JSON, kept ready to send (issue 3, P2). A list page used to decode ~115 KB of rows
// and serialize ~150 KB of JSON in Node and aggregate every row's stage changes in PostgreSQL: ~8 ms per page of
// 100. `wire_fields` holds the members of the opportunity's wire object (reference §2.3) that depend only on the
// opportunity, its contact and its stage changes, as compact JSON text without the braces; `wire_application_ids`
// the JSON array of its live applications' ids (`applications` unless expanded). The API adds the members that
// `?expand=` or the configuration decides (contact, stage, owner, sourcedBy, followers, applications, urls,
// opportunityLocation) and sends the text as is (opportunity.wire.ts).
//
// Triggers keep both true, so no write path can forget them: a BEFORE trigger recomputes them on every insert and
// update of the opportunity, and statement triggers on ats.stage_change, ats.application and ats.contact re-save
// the opportunities they touch (which runs the BEFORE trigger). Keys are in a fixed order; timestamps are epoch ms, truncated like
// a JS Date (ats.epoch_ms, the same expression as opportunity-view.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create function ats.epoch_ms(t timestamptz) returns int8 language sql immutable parallel safe
    as $$ select round(date_part('epoch', t) * 1000000)::int8 / 1000 $$`.execute(db);
  await sql`alter table ats.opportunity add column wire_fields text, add column wire_application_ids text`.execute(
    db,
  );
  await sql`create function ats.opportunity_wire_fields(o ats.opportunity) returns text language sql stable as $$
    select '"id":' || to_json(o.id)::text
      || ',"name":' || to_json(c.name)::text
      || ',"headline":' || to_json(c.headline)::text
      || ',"confidentiality":' || to_json(o.confidentiality)::text
      || ',"location":' || to_json(c.location)::text
      || ',"phones":' || c.phones::text
      || ',"emails":' || to_json(c.emails)::text
      || ',"links":' || to_json(o.links)::text
      || ',"archived":' || case when o.archived_at is not null and o.archive_reason_id is not null
           then '{"reason":' || to_json(o.archive_reason_id)::text
             || ',"archivedAt":' || ats.epoch_ms(o.archived_at) || '}'
           else 'null' end
      || ',"tags":' || to_json(o.tags)::text
      || ',"sources":' || to_json(o.sources)::text
      || ',"stageChanges":' || coalesce((
           select '[' || string_agg('{"toStageId":' || to_json(sc.to_stage_id)::text
             || ',"toStageIndex":' || sc.to_stage_index
             || ',"updatedAt":' || ats.epoch_ms(sc.updated_at)
             || ',"userId":' || coalesce(to_json(sc.user_id)::text, 'null') || '}',
             ',' order by sc.updated_at, sc.id) || ']'
           from ats.stage_change sc where sc.opportunity_id = o.id), '[]')
      || ',"origin":' || to_json(o.origin)::text
      || ',"createdAt":' || ats.epoch_ms(o.created_at)
      || ',"updatedAt":' || ats.epoch_ms(o.updated_at)
      || ',"lastInteractionAt":' || ats.epoch_ms(o.last_interaction_at)
      || ',"lastAdvancedAt":' || ats.epoch_ms(o.last_advanced_at)
      || ',"snoozedUntil":' || coalesce(ats.epoch_ms(o.snoozed_until)::text, 'null')
      || ',"isAnonymized":' || c.is_anonymized::text
      || ',"dataProtection":' || coalesce(o.data_protection::text, 'null')
    from ats.contact c where c.id = o.contact_id
  $$`.execute(db);

  await sql`create function ats.opportunity_wire_application_ids(opp uuid) returns text
    language sql stable as $$
      select coalesce('[' || string_agg(to_json(a.id)::text, ',' order by a.created_at, a.id) || ']', '[]')
      from ats.application a where a.opportunity_id = opp and a.deleted_at is null
    $$`.execute(db);

  await sql`create function ats.opportunity_wire_refresh() returns trigger language plpgsql as $$
    begin
      new.wire_fields := ats.opportunity_wire_fields(new);
      new.wire_application_ids := ats.opportunity_wire_application_ids(new.id);
      return new;
    end $$`.execute(db);
  await sql`create trigger opportunity_wire before insert or update on ats.opportunity
    for each row execute function ats.opportunity_wire_refresh()`.execute(db);

  // Statement triggers with transition tables: one UPDATE for a whole bulk insert (the scale seed's batches).
  for (const table of ['stage_change', 'application']) {
    await sql`create function ${sql.raw(`ats.${table}_wire_refresh`)}() returns trigger language plpgsql as $$
      begin
        update ats.opportunity set wire_fields = null where id in (select opportunity_id from changed_rows);
        return null;
      end $$`.execute(db);
    for (const event of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.raw(`${table}_wire_${event}`)} after ${sql.raw(event)} on ${sql.raw(`ats.${table}`)}
        referencing ${sql.raw(event === 'delete' ? 'old' : 'new')} table as changed_rows
        for each statement execute function ${sql.raw(`ats.${table}_wire_refresh`)}()`.execute(db);
    }
  }
  // A bulk insert (seed/bulk-candidates.ts) defers these to insert stage changes and applications first: its
  // opportunities are then computed once, complete, instead of re-saved by the two statement triggers.
  for (const table of ['stage_change', 'application']) {
    await sql`alter table ${sql.raw(`ats.${table}`)} alter constraint ${sql.raw(`${table}_opportunity_id_fkey`)}
      deferrable initially immediate`.execute(db);
  }
  await sql`create function ats.contact_wire_refresh() returns trigger language plpgsql as $$
    begin
      update ats.opportunity set wire_fields = null
        where contact_id in (select id from changed_contacts);
      return null;
    end $$`.execute(db);
  await sql`create trigger contact_wire_update after update on ats.contact
    referencing new table as changed_contacts
    for each statement execute function ats.contact_wire_refresh()`.execute(db);

  await sql`update ats.opportunity set wire_fields = null`.execute(db);
  await sql`alter table ats.opportunity alter column wire_fields set not null,
    alter column wire_application_ids set not null`.execute(db);
}
