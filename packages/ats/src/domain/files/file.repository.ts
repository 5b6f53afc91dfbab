// All SQL for stored files: metadata in ats.file, bytes in ats.file_blob (bytea, so every process of a
// scaled-out deployment reads the same bytes). Kinds: `resume`, `file` (opportunity files), `offer`
// (offer documents) and `upload` (unattached `/uploads`, expiring after 24 h). Every read is scoped by
// account and, for opportunity files, by the opportunity the caller was already allowed to see.
import { sql } from 'kysely';
import type { AtsKysely, NewRow, Row } from '../../db.ts';

export type FileRow = Row<'ats.file'>;
export type FileKind = 'resume' | 'file' | 'upload' | 'offer';

export async function insertFile(
  db: AtsKysely,
  row: NewRow<'ats.file'>,
  bytes: Uint8Array,
): Promise<FileRow> {
  const file = await db.insertInto('ats.file').values(row).returningAll().executeTakeFirstOrThrow();
  await db
    .insertInto('ats.file_blob')
    .values({ file_id: file.id, bytes: Buffer.from(bytes) })
    .execute();
  return file;
}

/** A live file of an opportunity (the caller has checked the opportunity's visibility). */
export function findOpportunityFile(
  db: AtsKysely,
  accountId: string,
  opportunityId: string,
  kind: FileKind,
  id: string,
): Promise<FileRow | undefined> {
  return db
    .selectFrom('ats.file')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('opportunity_id', '=', opportunityId)
    .where('kind', '=', kind)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findFileById(db: AtsKysely, accountId: string, id: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('ats.file')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/**
 * One keyset page of an opportunity's files of a kind, newest first. The key is the creation time in
 * whole milliseconds (what the token carries) plus the id, so rows created within one millisecond are
 * neither skipped nor repeated.
 */
export function listOpportunityFiles(
  db: AtsKysely,
  q: {
    accountId: string;
    opportunityId: string;
    kind: FileKind;
    after?: readonly [number, string];
    limit: number;
  },
): Promise<FileRow[]> {
  const createdMs = sql<number>`floor(extract(epoch from ats.file.created_at) * 1000)::bigint`;
  let query = db
    .selectFrom('ats.file')
    .selectAll()
    .where('account_id', '=', q.accountId)
    .where('opportunity_id', '=', q.opportunityId)
    .where('kind', '=', q.kind)
    .where('deleted_at', 'is', null);
  if (q.after) {
    const [at, id] = q.after;
    query = query.where(sql<boolean>`(${createdMs}, ats.file.id) < (${at}::bigint, ${id}::uuid)`);
  }
  return query
    .orderBy(createdMs, 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit + 1)
    .execute();
}

export async function readFileBytes(db: AtsKysely, fileId: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('ats.file_blob')
    .select('bytes')
    .where('file_id', '=', fileId)
    .executeTakeFirst();
  return row?.bytes;
}

/** Soft delete (the row stays for audit; the bytes go). Returns whether a live file was deleted. */
export async function deleteFile(db: AtsKysely, accountId: string, id: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('ats.file')
    .set({ deleted_at: at })
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (res.numUpdatedRows === 0n) return false;
  await db.deleteFrom('ats.file_blob').where('file_id', '=', id).execute();
  return true;
}

/** Turns an unexpired upload into an opportunity's resume or file. Returns undefined if none is claimable. */
export function claimUploadRow(
  db: AtsKysely,
  q: { accountId: string; id: string; opportunityId: string; kind: Exclude<FileKind, 'upload'>; now: Date },
): Promise<FileRow | undefined> {
  return db
    .updateTable('ats.file')
    .set({ kind: q.kind, opportunity_id: q.opportunityId, expires_at: null })
    .where('account_id', '=', q.accountId)
    .where('id', '=', q.id)
    .where('kind', '=', 'upload')
    .where('deleted_at', 'is', null)
    .where('expires_at', '>', q.now)
    .returningAll()
    .executeTakeFirst();
}

/** Removes expired, unclaimed uploads (bytes cascade). For a periodic job. */
export async function deleteExpiredUploads(db: AtsKysely, now: Date): Promise<number> {
  const res = await db
    .deleteFrom('ats.file')
    .where('kind', '=', 'upload')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
