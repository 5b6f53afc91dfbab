// The seam between components and Fastify: send a SafeHtml, tell htmx requests apart, render errors.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../http/error-handler.ts';
import { FLASH_REGION_ID, errorPage, layout, type LayoutProps } from './layout.ts';
import { flashes } from './feedback.ts';
import { html, type SafeHtml } from './html.ts';

export function sendHtml(reply: FastifyReply, body: SafeHtml, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.toString());
}

/**
 * True when htmx asked for a fragment. Boosted links and history restores want the whole document,
 * so they count as full-page requests.
 */
export function isHtmx(request: FastifyRequest): boolean {
  const h = request.headers;
  return (
    h['hx-request'] === 'true' && h['hx-boosted'] !== 'true' && h['hx-history-restore-request'] !== 'true'
  );
}

/** The body alone for htmx (flash swapped out of band into the layout's flash region), else the document. */
export function renderPage(request: FastifyRequest, props: LayoutProps): SafeHtml {
  if (!isHtmx(request)) return layout(props);
  const oob = props.flash
    ? html`<div id="${FLASH_REGION_ID}" class="flash-region" hx-swap-oob="true">${flashes(props.flash)}</div>`
    : '';
  return html`${props.body}${oob}`;
}

/** Sends renderPage(); `Vary: HX-Request` keeps caches from serving a fragment as a page or back. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  props: LayoutProps,
  status = 200,
): FastifyReply {
  void reply.header('vary', 'HX-Request');
  return sendHtml(reply, renderPage(request, props), status);
}

/** Fits http/error-handler.ts's HtmlErrorRenderer: browsers get a page that says why, with the request id. */
export function renderErrorHtml(request: FastifyRequest, status: number, body: ErrorBody): string {
  // 5xx messages are generic and already carry the request id; the page shows its own wording and the id.
  const message = status >= 500 ? undefined : body.message;
  return errorPage({ status, message, requestId: body.requestId ?? request.id }).toString();
}
