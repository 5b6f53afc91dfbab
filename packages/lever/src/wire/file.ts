// Files, resumes and uploads (reference §2.8). Downloads are raw bytes at `…/:id/download`.
import { Type, type Static } from 'typebox';
import { Id, Nullable, Timestamp } from './common.ts';

/** Maximum upload size for `/uploads` and opportunity files (§2.8) [M]. */
export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024;

export const FileInfo = Type.Object({
  name: Type.String(),
  ext: Nullable(Type.String()),
  downloadUrl: Type.String(),
  uploadedAt: Nullable(Timestamp),
  status: Nullable(Type.String()),
  size: Nullable(Type.Integer({ minimum: 0 })),
});
export type FileInfo = Static<typeof FileInfo>;

/** Opportunity file (`GET /opportunities/:id/files[/:fid]`). */
export const LeverFile = Type.Object({ id: Id, ...FileInfo.properties });
export type LeverFile = Static<typeof LeverFile>;

/** Parsed resume; the inner shape of positions/schools is [L], so only their presence is typed. */
export const ParsedData = Type.Object({
  positions: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  schools: Type.Array(Type.Record(Type.String(), Type.Unknown())),
});

export const Resume = Type.Object({
  id: Id,
  createdAt: Timestamp,
  file: FileInfo,
  parsedData: Nullable(ParsedData),
});
export type Resume = Static<typeof Resume>;

/** `POST /uploads` → `{data: {uri, …}}`; the uri is valid about 24 h (§2.8). */
export const Upload = Type.Object({
  uri: Type.String(),
  filename: Type.Optional(Type.String()),
  expiresAt: Type.Optional(Timestamp),
});
export type Upload = Static<typeof Upload>;
