// Rendered public pages (job page, list, sitemap) kept in memory per process, with their strong ETag. A sync
// clears its organization's entries at once; other processes see the change within PAGE_CACHE_TTL_MS. That
// bound is the price of answering the hot path (a job page) without a database read.
import { createHash } from 'node:crypto';

export const PAGE_CACHE_TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;

export interface CachedPage {
  readonly status: number;
  readonly body: string;
  readonly etag: string;
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly expiresAt: number;
}

/** Entries are keyed by the site slug (known before any database read) and cleared by organization id. */
export interface PageCache {
  get(slug: string, key: string): CachedPage | undefined;
  set(
    slug: string,
    organizationId: string | undefined,
    key: string,
    page: { status: number; body: string; contentType: string; headers?: Record<string, string> },
  ): CachedPage;
  clear(organizationId: string): void;
}

export const etagOf = (body: string): string =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

export function createPageCache(now: () => number = Date.now): PageCache {
  const entries = new Map<string, CachedPage>();
  const slugsOf = new Map<string, Set<string>>();
  const k = (slug: string, key: string) => `${slug}\u0000${key}`;
  return {
    get(slug, key) {
      const hit = entries.get(k(slug, key));
      if (!hit) return undefined;
      if (hit.expiresAt <= now()) {
        entries.delete(k(slug, key));
        return undefined;
      }
      return hit;
    },
    set(slug, org, key, page) {
      if (org) slugsOf.set(org, (slugsOf.get(org) ?? new Set()).add(slug));
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
      const entry: CachedPage = {
        status: page.status,
        body: page.body,
        contentType: page.contentType,
        headers: page.headers ?? {},
        etag: etagOf(page.body),
        expiresAt: now() + PAGE_CACHE_TTL_MS,
      };
      entries.set(k(slug, key), entry);
      return entry;
    },
    clear(org) {
      for (const slug of slugsOf.get(org) ?? []) {
        const prefix = `${slug}\u0000`;
        for (const key of entries.keys()) if (key.startsWith(prefix)) entries.delete(key);
      }
    },
  };
}
