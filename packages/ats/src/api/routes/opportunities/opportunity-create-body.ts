// Form bodies of POST /opportunities (multipart with a `resumeFile` part, or urlencoded): Lever clients send
// bracketed array keys (`emails[]`, `postings[]`, `tags[]`, …) and structured values as JSON strings
// (`phones[]` = `{"value": …}`, reference §2.3). This turns them into the JSON body's shape, so one
// schema validates every content type.
import type { FastifyRequest } from 'fastify';
import type { ResumeUpload } from '../../../domain/opportunities/opportunity-create.service.ts';

const ARRAY_FIELDS = new Set(['emails', 'phones', 'links', 'tags', 'sources', 'followers', 'postings']);
const JSON_FIELDS = new Set(['phones', 'archived']);

function parseJsonish(field: string, value: string): unknown {
  if (!JSON_FIELDS.has(field)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // A bare phone number is a phone; anything else stays a string and fails validation by name.
    return field === 'phones' ? { value } : value;
  }
}

/** `{"emails[]": ["a"], "name": "x"}` → `{emails: ["a"], name: "x"}`. */
export function normalizeFormFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, raw] of Object.entries(fields)) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) =>
      typeof v === 'string' ? parseJsonish(key, v) : v,
    );
    if (ARRAY_FIELDS.has(key)) out[key] = [...((out[key] as unknown[] | undefined) ?? []), ...values];
    else out[key] = values[values.length - 1];
  }
  return out;
}

/** Reads every part; the `resumeFile` part's bytes are kept (bounded by the multipart fileSize limit). */
export async function readMultipartCreate(
  request: FastifyRequest,
): Promise<{ body: Record<string, unknown>; resume?: ResumeUpload }> {
  const fields: Record<string, unknown[]> = {};
  let resume: ResumeUpload | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname === 'resumeFile')
        resume = { name: part.filename, contentType: part.mimetype, bytes };
    } else {
      (fields[part.fieldname] ??= []).push(part.value);
    }
  }
  return { body: normalizeFormFields(fields), resume };
}
