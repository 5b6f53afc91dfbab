// Security headers, computed once per process and set in one onRequest hook (create-http.ts), so a route or
// scope hook that runs later can still override one (the v0 API's CORP, a page's referrer policy).
//
// Two sets, chosen by the route's `config.securityHeaders`:
// - 'document' (default: pages, assets, anything a browser may render): helmet's full set with our CSP.
//   Helmet's middleware only sets fixed headers with this configuration (no nonces), so it runs once against a
//   collecting stub; @fastify/helmet rebuilt it per request, re-parsing the CSP, which cost more than the rest
//   of an API-key request (BENCHMARKS.md, P1).
// - 'api' (JSON APIs and their file downloads, marked by useApiSecurityHeaders on their scope): the OWASP REST
//   Security Cheat Sheet set. The document-only headers (DNS prefetch, COOP, origin-agent-cluster, X-XSS,
//   download options, cross-domain policies) mean nothing to an API client, and `default-src 'none'` is stricter
//   than the page CSP for a downloaded resume a browser might try to render.
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { Config } from '../config.ts';
import type { Http } from './create-http.ts';

export type SecurityHeaderSet = 'document' | 'api';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Which security header set this route's responses carry (default 'document'). */
    securityHeaders?: SecurityHeaderSet;
  }
}

export type SecurityHeaders = Readonly<Record<SecurityHeaderSet, Readonly<Record<string, string>>>>;

export function securityHeadersFor(config: Pick<Config, 'publicUrl'>): SecurityHeaders {
  const document = helmetHeaders(config.publicUrl.startsWith('https:'));
  const hsts = document['strict-transport-security'];
  return Object.freeze({
    document: Object.freeze(document),
    api: Object.freeze({
      'cache-control': 'no-store',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      ...(hsts ? { 'strict-transport-security': hsts } : {}),
    }),
  });
}

/** Marks every route registered in `scope` after this call as an API route (routes may still say 'document'). */
export function useApiSecurityHeaders(scope: Http): void {
  scope.addHook('onRoute', (route) => {
    route.config = { securityHeaders: 'api', ...route.config };
  });
}

function helmetHeaders(https: boolean): Record<string, string> {
  const middleware = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // OAuth consent redirects to the client's registered redirect URI after the form post.
        formAction: null,
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: https,
    crossOriginEmbedderPolicy: false,
  });
  const headers: Record<string, string> = {};
  const collect = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  middleware({} as IncomingMessage, collect as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}
