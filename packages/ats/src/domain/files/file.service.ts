// Storing files: the one entry point every writer uses — opportunity files and resumes, `/uploads`, offer
// documents, the opportunity create's `resumeFile` and postings apply. It checks size and type (decided
// from the bytes, file-type.ts), hashes the bytes and writes metadata + blob in the caller's transaction.
import { createHash } from 'node:crypto';
import { AppError, Errors } from '@hireloop/platform';
import { MAX_UPLOAD_BYTES } from '@hireloop/lever/wire';
import type { AtsKysely } from '../../db.ts';
import { ALLOWED_EXTENSIONS, describeType, detectFileType } from './file-type.ts';
import { claimUploadRow, insertFile, type FileKind, type FileRow } from './file.repository.ts';

/** Lever's limit for opportunity files and uploads (reference §2.8): 30 MB. */
export const MAX_FILE_BYTES = MAX_UPLOAD_BYTES;
/** An `/uploads` uri can be used in an application for this long (reference §2.8: "~24 h"). */
export const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
const MAX_NAME_CHARS = 255;

export interface StoreFileInput {
  readonly accountId: string;
  /** null for `/uploads`, which are attached later (claimUpload). */
  readonly opportunityId: string | null;
  readonly kind: FileKind;
  readonly name: string;
  /** What the client declared; only used to name a refused type — the bytes decide. */
  readonly contentType?: string;
  readonly bytes: Uint8Array;
  readonly userId?: string | null;
  readonly maxBytes?: number;
  readonly now?: Date;
}

/** A file name safe to store and echo: no path, no control characters, bounded length. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  if (base.length <= MAX_NAME_CHARS) return base;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return base.slice(0, MAX_NAME_CHARS - ext.length) + ext;
}

/** Checks and stores a file; throws 400 (empty / no name), 413 (too large) or 415 (type not accepted). */
export async function storeFile(db: AtsKysely, input: StoreFileInput): Promise<FileRow> {
  const maxBytes = input.maxBytes ?? MAX_FILE_BYTES;
  const name = cleanFileName(input.name);
  if (!name)
    throw new AppError(Errors.Validation, 'The file needs a name', {
      details: { fields: [{ field: 'file', message: 'has no file name' }] },
    });
  if (input.bytes.length === 0)
    throw new AppError(Errors.Validation, 'The file is empty', {
      details: { fields: [{ field: 'file', message: 'is empty' }] },
    });
  if (input.bytes.length > maxBytes) {
    throw new AppError(Errors.PayloadTooLarge, `The file is larger than the limit of ${maxBytes} bytes`, {
      details: { maxBytes },
    });
  }
  const type = detectFileType(name, input.bytes);
  if (!type) {
    throw new AppError(
      Errors.UnsupportedMediaType,
      `Files of type ${describeType(name, input.contentType)} are not accepted (judged by content); accepted: ${ALLOWED_EXTENSIONS.join(', ')}`,
      { details: { allowed: ALLOWED_EXTENSIONS } },
    );
  }
  const now = input.now ?? new Date();
  return insertFile(
    db,
    {
      account_id: input.accountId,
      opportunity_id: input.opportunityId,
      kind: input.kind,
      name,
      ext: type.ext,
      content_type: type.contentType,
      size: input.bytes.length,
      sha256: createHash('sha256').update(input.bytes).digest('hex'),
      user_id: input.userId ?? null,
      // Millisecond precision, as the wire and the keyset tokens carry it.
      created_at: now,
      expires_at: input.kind === 'upload' ? new Date(now.getTime() + UPLOAD_TTL_MS) : null,
    },
    input.bytes,
  );
}

/** The opaque `uri` of an upload (reference §2.8): where it was made, plus its id. */
export function uploadUri(publicUrl: string, file: Pick<FileRow, 'id'>): string {
  return `${publicUrl.replace(/\/+$/, '')}/v1/uploads/${file.id}`;
}

const UPLOAD_ID_RE = /\/uploads\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * Attaches an upload (by the `uri` that `POST /uploads` returned) to an opportunity as its resume or a
 * file — for postings apply. Undefined when the uri is not an unexpired upload of this account.
 */
export function claimUpload(
  db: AtsKysely,
  input: { accountId: string; uri: string; opportunityId: string; kind: 'resume' | 'file'; now?: Date },
): Promise<FileRow | undefined> {
  const id = UPLOAD_ID_RE.exec(input.uri.trim())?.[1];
  if (!id) return Promise.resolve(undefined);
  return claimUploadRow(db, {
    accountId: input.accountId,
    id: id.toLowerCase(),
    opportunityId: input.opportunityId,
    kind: input.kind,
    now: input.now ?? new Date(),
  });
}
