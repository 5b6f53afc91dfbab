// Stored files → Lever wire shapes (reference §2.8): opportunity files, resumes and uploads. Download
// URLs are absolute, on the ATS's public URL, and need the matching `download` permission.
import type { LeverFile, Resume, Upload } from '@hireloop/lever/wire';
import type { FileRow } from './file.repository.ts';
import { uploadUri } from './file.service.ts';

/** We store files whole and never post-process them, so every stored file is `processed`. */
export const FILE_STATUS_PROCESSED = 'processed';

const base = (publicUrl: string): string => publicUrl.replace(/\/+$/, '');

export function fileDownloadUrl(publicUrl: string, file: FileRow, collection: 'files' | 'resumes'): string {
  return `${base(publicUrl)}/v1/opportunities/${file.opportunity_id ?? ''}/${collection}/${file.id}/download`;
}

const fileInfo = (publicUrl: string, file: FileRow, collection: 'files' | 'resumes') => ({
  name: file.name,
  ext: file.ext || null,
  downloadUrl: fileDownloadUrl(publicUrl, file, collection),
  uploadedAt: file.created_at.getTime(),
  status: FILE_STATUS_PROCESSED,
  size: file.size,
});

export function toLeverFile(publicUrl: string, file: FileRow): LeverFile {
  return { id: file.id, ...fileInfo(publicUrl, file, 'files') };
}

interface ParsedResume {
  positions: Record<string, unknown>[];
  schools: Record<string, unknown>[];
}

/** Resumes are not parsed (yet): `parsedData` holds whatever a parser stored, else empty lists — never invented data. */
export function toLeverResume(publicUrl: string, file: FileRow): Resume {
  const parsed = (file.parsed_data ?? null) as Partial<ParsedResume> | null;
  return {
    id: file.id,
    createdAt: file.created_at.getTime(),
    file: fileInfo(publicUrl, file, 'resumes'),
    parsedData: { positions: parsed?.positions ?? [], schools: parsed?.schools ?? [] },
  };
}

export function toLeverUpload(publicUrl: string, file: FileRow): Upload {
  return { uri: uploadUri(publicUrl, file), filename: file.name, expiresAt: file.expires_at?.getTime() ?? 0 };
}
