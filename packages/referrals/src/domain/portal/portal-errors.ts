// A refusal a person can fix (bad field, job no longer open): pages show it next to the field, the JSON API
// answers 400/404/409 with it. `field` names the form field when there is one.
export class PortalError extends Error {
  readonly field: string | undefined;
  readonly status: 400 | 404 | 409;
  constructor(message: string, options: { field?: string; status?: 400 | 404 | 409 } = {}) {
    super(message);
    this.name = 'PortalError';
    this.field = options.field;
    this.status = options.status ?? 400;
  }
}

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_RESUME_TYPES = Object.freeze([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
  'application/rtf',
]);

export interface Upload {
  name: string;
  type: string;
  bytes: Buffer;
}

/** Checks an uploaded resume (type and size); an empty file part counts as none. */
export function checkUpload(file: Upload | undefined, field: string): Upload | undefined {
  if (!file || file.bytes.length === 0) return undefined;
  if (file.bytes.length > MAX_UPLOAD_BYTES) throw new PortalError('The file is larger than 10 MB', { field });
  if (!ACCEPTED_RESUME_TYPES.includes(file.type))
    throw new PortalError('Upload a PDF, Word, RTF or plain-text file', { field });
  return { ...file, name: file.name.replace(/[^\w.\- ]+/g, '_').slice(0, 120) || 'resume' };
}
