// The fields of a v0 application (reference §6.3) from any of its three encodings: JSON, form-urlencoded
// (`urls[GitHub]=…`, `consent[marketing]=true`) and multipart (the same keys, plus the `resume` file).
// Unknown fields are ignored, as Lever ignores them; wrong types are 400s naming the field.
import { AppError, Errors } from '@hireloop/platform';
import { isValidEmail } from '../../domain/postings/apply.service.ts';

export interface V0Application {
  name: string;
  email: string;
  phone?: string;
  org?: string;
  urls: string[];
  comments?: string;
  silent: boolean;
  source?: string;
  ip?: string;
  consent?: Record<string, boolean>;
  opportunityLocation?: string;
}

const MAX_TEXT = 10_000;

function bad(message: string): AppError {
  return new AppError(Errors.Validation, message);
}

/** Folds bracketed form keys (`urls[GitHub]`) into nested objects; plain keys pass through. */
export function foldBracketKeys(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const m = /^([A-Za-z]+)\[([^\]]*)\]$/.exec(key);
    if (!m) {
      out[key] = value;
      continue;
    }
    const [, outer = '', inner = ''] = m;
    const target = (
      typeof out[outer] === 'object' && out[outer] !== null ? out[outer] : (out[outer] = {})
    ) as Record<string, unknown>;
    target[inner] = value;
  }
  return out;
}

function optionalText(body: Record<string, unknown>, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') throw bad(`${field} must be a string`);
  const text = String(v).trim();
  if (text.length > MAX_TEXT) throw bad(`${field} is too long`);
  return text || undefined;
}

function flag(field: string, v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (v === true || v === false) return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  throw bad(`${field} must be true or false`);
}

export function parseV0Application(raw: unknown): V0Application {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw bad('The body must be an object of application fields');
  const body = foldBracketKeys(raw as Record<string, unknown>);
  const name = optionalText(body, 'name');
  if (!name) throw bad('name is required');
  const email = optionalText(body, 'email');
  if (!email) throw bad('email is required');
  if (!isValidEmail(email)) throw bad('email must be an email address');
  const urls = body.urls;
  let links: string[] = [];
  if (Array.isArray(urls)) links = urls.map(String);
  else if (typeof urls === 'object' && urls !== null)
    links = Object.values(urls).map((v) => (typeof v === 'string' ? v : ''));
  else if (urls !== undefined && urls !== '') throw bad('urls must be an object of link names to URLs');
  let consent: Record<string, boolean> | undefined;
  if (body.consent !== undefined) {
    if (typeof body.consent !== 'object' || body.consent === null)
      throw bad('consent must be an object such as {"marketing": true}');
    consent = Object.fromEntries(Object.entries(body.consent).map(([k, v]) => [k, flag(`consent.${k}`, v)]));
  }
  return {
    name,
    email,
    phone: optionalText(body, 'phone'),
    org: optionalText(body, 'org'),
    urls: links.map((l) => l.trim()).filter(Boolean),
    comments: optionalText(body, 'comments'),
    silent: flag('silent', body.silent),
    source: optionalText(body, 'source'),
    ip: optionalText(body, 'ip'),
    consent,
    opportunityLocation: optionalText(body, 'opportunityLocation'),
  };
}
