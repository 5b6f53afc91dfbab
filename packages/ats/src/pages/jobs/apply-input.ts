// The job site's application form as data: read the posted fields (strings only, trimmed, bounded),
// check them, and turn them into the domain's Applicant. Errors are per field, in the words the form shows
// next to the field; the typed values are kept so the form re-renders with them. Pure.
import { detectFileType, describeType } from '../../domain/files/file-type.ts';
import { isValidEmail, type Applicant } from '../../domain/postings/apply.service.ts';
import { MAX_SOURCE_LENGTH } from './job-parts.ts';

export const MAX_RESUME_BYTES = 10 * 1024 * 1024;
const MAX_TEXT = 200;
const MAX_COVER_LETTER = 10_000;

export const LINK_FIELDS = [
  { name: 'linkedin', label: 'LinkedIn profile', placeholder: 'https://www.linkedin.com/in/…' },
  { name: 'github', label: 'GitHub profile', placeholder: 'https://github.com/…' },
  { name: 'portfolio', label: 'Portfolio or website', placeholder: 'https://…' },
] as const;

export interface ApplyFormValues {
  name: string;
  email: string;
  phone: string;
  org: string;
  linkedin: string;
  github: string;
  portfolio: string;
  coverLetter: string;
  consent: boolean;
  source: string;
}

/** What the multipart reader hands over for the `resume` file (see apply.routes.ts). */
export interface UploadedFile {
  readonly filename: string;
  readonly mimetype: string;
  readonly bytes: Buffer;
  readonly truncated: boolean;
}

export type ApplyFormErrors = Partial<Record<keyof ApplyFormValues | 'resume', string>>;

const text = (body: Record<string, unknown>, name: string, max = MAX_TEXT): string => {
  const v = body[name];
  const s = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
  return s.trim().slice(0, max + 1);
};

export function emptyApplyForm(source = ''): ApplyFormValues {
  return {
    name: '',
    email: '',
    phone: '',
    org: '',
    linkedin: '',
    github: '',
    portfolio: '',
    coverLetter: '',
    consent: false,
    source,
  };
}

export function readApplyForm(body: Record<string, unknown>): ApplyFormValues {
  return {
    name: text(body, 'name'),
    email: text(body, 'email', 320),
    phone: text(body, 'phone', 50),
    org: text(body, 'org'),
    linkedin: text(body, 'linkedin', 2000),
    github: text(body, 'github', 2000),
    portfolio: text(body, 'portfolio', 2000),
    coverLetter: text(body, 'coverLetter', MAX_COVER_LETTER),
    consent: body.consent === 'yes',
    source: text(body, 'source', MAX_SOURCE_LENGTH),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.includes('.');
  } catch {
    return false;
  }
}

export function uploadedFile(value: unknown): UploadedFile | undefined {
  if (typeof value !== 'object' || value === null || !('bytes' in value)) return undefined;
  const file = value as UploadedFile;
  // A browser form with no file chosen sends an empty, nameless part.
  return file.bytes.length === 0 && !file.filename ? undefined : file;
}

export function validateApplyForm(v: ApplyFormValues, resume: UploadedFile | undefined): ApplyFormErrors {
  const errors: ApplyFormErrors = {};
  if (!v.name) errors.name = 'Enter your full name.';
  else if (v.name.length > MAX_TEXT) errors.name = `Your name can be at most ${MAX_TEXT} characters.`;
  if (!v.email) errors.email = 'Enter your email address, so the team can reply.';
  else if (!isValidEmail(v.email)) errors.email = 'Enter an email address like name@example.com.';
  if (v.phone && !/^[+()\d\s.\-/x]{5,50}$/i.test(v.phone))
    errors.phone = 'Enter a phone number using digits, spaces and + ( ) - only.';
  if (v.org.length > MAX_TEXT) errors.org = `At most ${MAX_TEXT} characters.`;
  for (const link of LINK_FIELDS) {
    const value = v[link.name];
    if (value && !isHttpUrl(value)) errors[link.name] = 'Enter a full web address starting with https://';
  }
  if (v.coverLetter.length > MAX_COVER_LETTER)
    errors.coverLetter = `The cover letter can be at most ${MAX_COVER_LETTER.toLocaleString('en-US')} characters.`;
  if (!v.consent) errors.consent = 'Tick the box to let us store your application.';
  if (resume) {
    if (resume.truncated) errors.resume = 'The file is larger than 10 MB. Choose a smaller file.';
    else if (!detectFileType(resume.filename, resume.bytes))
      errors.resume = `Upload a PDF, Word, OpenDocument, RTF or text file (this is ${describeType(resume.filename, resume.mimetype)}).`;
  }
  return errors;
}

export function toApplicant(v: ApplyFormValues, resume: UploadedFile | undefined): Applicant {
  const type = resume ? detectFileType(resume.filename, resume.bytes) : undefined;
  return {
    name: v.name,
    email: v.email,
    phone: v.phone || undefined,
    company: v.org || undefined,
    links: [v.linkedin, v.github, v.portfolio].filter(Boolean),
    comments: v.coverLetter || undefined,
    source: v.source || undefined,
    origin: 'applied',
    consent: { store: true },
    userId: null,
    resume:
      resume && type
        ? { name: resume.filename || `resume.${type.ext}`, bytes: resume.bytes, type }
        : undefined,
  };
}
