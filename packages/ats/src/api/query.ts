// Query-string conventions of the Lever API (reference §1.4, §1.5): repeated params are a union
// (`?tag=a&tag=b`), `expand`/`include` may also be comma lists, booleans are case-insensitive (`True`),
// timestamps are milliseconds, `limit` is 1–100. Invalid values are 400s that name the parameter.
import { Type } from 'typebox';
import { AppError, Errors } from '@hireloop/platform';
import { DEFAULT_LIMIT, MAX_LIMIT } from './pagination.ts';

/** Schema for a repeatable string parameter (Ajv's coerceTypes: 'array' wraps a single value). */
export const Multi = Type.Optional(Type.Array(Type.String()));
/** Schema for a parameter read as a string and parsed by the handler (booleans, timestamps). */
export const Text = Type.Optional(Type.String());
export const Limit = Type.Optional(Type.String());
export const Offset = Type.Optional(Type.String());

function bad(name: string, message: string): AppError {
  return new AppError(Errors.Validation, `Invalid value for ${name}: ${message}`, {
    details: { fields: [{ field: name, in: 'querystring', message }] },
  });
}

export function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_LIMIT;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_LIMIT)
    throw bad('limit', `must be an integer from 1 to ${MAX_LIMIT}`);
  return n;
}

export function parseBool(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  const v = value.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw bad(name, 'must be true or false');
}

export function parseMs(name: string, value: string | undefined): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!/^\d{1,15}$/.test(value) || !Number.isSafeInteger(n))
    throw bad(name, 'must be a timestamp in milliseconds since the epoch');
  return new Date(n);
}

/** `expand`/`include`: repeated and/or comma-separated, each value checked against the allowed set. */
export function parseList<T extends string>(
  name: string,
  values: readonly string[] | undefined,
  allowed: readonly T[],
): Set<T> {
  const out = new Set<T>();
  for (const v of (values ?? []).flatMap((x) => x.split(','))) {
    const item = v.trim();
    if (!item) continue;
    if (!(allowed as readonly string[]).includes(item))
      throw bad(name, `"${item}" is not one of ${allowed.join(', ')}`);
    out.add(item as T);
  }
  return out;
}

/** A closed-set filter (e.g. `state`, `origin`): every value must be allowed. */
export function parseEnum<T extends string>(
  name: string,
  values: readonly string[] | undefined,
  allowed: readonly T[],
): T[] | undefined {
  if (!values || values.length === 0) return undefined;
  for (const v of values)
    if (!(allowed as readonly string[]).includes(v))
      throw bad(name, `"${v}" is not one of ${allowed.join(', ')}`);
  return values as T[];
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: string): boolean => UUID_RE.test(v);

/** Milliseconds for the wire (null stays null). */
export const ms = (d: Date | null | undefined): number | null => (d ? d.getTime() : null);
