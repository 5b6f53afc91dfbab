// Building blocks shared by every Lever wire shape (reference §1.3–§1.5).
// Objects keep JSON Schema's default `additionalProperties: true`: Lever may add fields at any time and
// clients must ignore them (reference §1.1), so no schema here is closed.
import { Type, type Static, type TSchema } from 'typebox';

/** `T | null` — Lever sends explicit nulls (e.g. `archived: null`), never omits those fields. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Milliseconds since the epoch; every Lever timestamp and timestamp filter uses ms (§1.5). */
export const Timestamp = Type.Number({ description: 'Milliseconds since epoch' });

/** Lever ids are lowercase UUIDs, except built-in stage ids and a few slugs, so no format check. */
export const Id = Type.String({ minLength: 1 });

/** Single resource envelope `{data}` (§1.3). */
export const SingleEnvelope = <T extends TSchema>(data: T) => Type.Object({ data });

/**
 * Paginated list envelope `{data, hasNext, next?}`. On the last page `hasNext` is false and `next` is
 * omitted — never null or "" (§1.3, §1.4; tap-lever loops while `next` is present).
 */
export const ListEnvelope = <T extends TSchema>(item: T) =>
  Type.Object({
    data: Type.Array(item),
    hasNext: Type.Boolean(),
    next: Type.Optional(Type.String({ minLength: 1 })),
  });

/** List without pagination (`GET /webhooks`, `GET /requisition_fields`): just `{data: [...]}` (§1.3). */
export const BareListEnvelope = <T extends TSchema>(item: T) => Type.Object({ data: Type.Array(item) });

export interface LeverList<T> {
  data: T[];
  hasNext: boolean;
  next?: string;
}

/** Error body `{code, message}`; codes follow the `<Something>Error` pattern, e.g. `NotFoundError` (§1.9). */
export const LeverError = Type.Object({ code: Type.String(), message: Type.String() });
export type LeverError = Static<typeof LeverError>;

/** `urls` on postings and opportunities: `list` and `show`, plus `apply` on postings. */
export const Urls = Type.Object({
  list: Type.String(),
  show: Type.String(),
  apply: Type.Optional(Type.String()),
});
export type Urls = Static<typeof Urls>;
