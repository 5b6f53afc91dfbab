// Inline SVG icons (static markup, no user data; SVG is not script, so a strict CSP allows it).
// All are decorative: aria-hidden, and the surrounding text carries the meaning.
import { html, type SafeHtml } from './html.ts';

const svg = (body: SafeHtml): SafeHtml =>
  html`<svg class="icon" viewBox="0 0 20 20" width="20" height="20" fill="none" stroke="currentColor" stroke-width="1.7" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

export const icons = Object.freeze({
  logo: html`<svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false"><rect width="32" height="32" rx="8" fill="currentColor"/><path d="M10 21.5a5.5 5.5 0 1 1 5.2-7.3l1.6 3.6a5.5 5.5 0 1 0 0-4.6" fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round"/></svg>`,
  success: svg(html`<circle cx="10" cy="10" r="7.5"/><path d="m6.8 10.2 2.2 2.2 4.2-4.6"/>`),
  error: svg(html`<circle cx="10" cy="10" r="7.5"/><path d="M10 6.2v4.6M10 13.6v.1"/>`),
  warning: svg(html`<path d="M10 3.2 17.5 16H2.5Z"/><path d="M10 8v3.6M10 13.8v.1"/>`),
  info: svg(html`<circle cx="10" cy="10" r="7.5"/><path d="M10 9.2v4.6M10 6.4v.1"/>`),
  copy: svg(
    html`<rect x="7" y="7" width="9.5" height="9.5" rx="2"/><path d="M13 7V5a1.5 1.5 0 0 0-1.5-1.5h-6A1.5 1.5 0 0 0 4 5v6a1.5 1.5 0 0 0 1.5 1.5H7"/>`,
  ),
  inbox: svg(html`<path d="M3 11.5 5.2 4.5h9.6L17 11.5V16H3Z"/><path d="M3 11.5h4l1 2h4l1-2h4"/>`),
  chevronLeft: svg(html`<path d="m12 5-5 5 5 5"/>`),
  chevronRight: svg(html`<path d="m8 5 5 5-5 5"/>`),
});
