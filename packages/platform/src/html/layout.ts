// The page chrome: one full HTML document around a body. An htmx partial is the same body without this
// (see respond.ts sendPage), so every component must make sense on its own.
import { CSRF_HEADER, csrfField } from './forms.ts';
import { errorDefaults, errorPanel, flashes, type ErrorPageProps, type FlashProps } from './feedback.ts';
import { attrs, html, type HtmlValue, type SafeHtml } from './html.ts';
import { icons } from './icons.ts';

export interface NavItem {
  label: string;
  href: string;
  active?: boolean;
}

export interface LayoutUser {
  name: string;
  email: string;
  role?: string;
}

export interface LayoutProps {
  /** The page's own title; the document title becomes "<title> · <app name>". */
  title: string;
  app: { name: string; href: string };
  nav?: readonly NavItem[];
  user?: LayoutUser;
  flash?: FlashProps | readonly FlashProps[];
  body: HtmlValue;
  /** When set, htmx sends it as a header on every request and the sign-out form carries it. */
  csrfToken?: string;
  signOutHref?: string;
  /** Where hireloop.css/js and htmx live; only the preview overrides it. */
  assetBase?: string;
}

/**
 * htmx settings: no eval (hx-on, js: values and event filters stay off, so `script-src 'self'` holds),
 * no injected <style> for indicators (hireloop.css has them; `style-src 'self'` would block it).
 */
export const HTMX_CONFIG = Object.freeze({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  historyCacheSize: 0,
});

/** Target of out-of-band flash swaps from htmx partials. */
export const FLASH_REGION_ID = 'flash-region';

export function layout(props: LayoutProps): SafeHtml {
  const base = props.assetBase ?? '/assets';
  const bodyAttrs = attrs({
    'hx-headers': props.csrfToken ? JSON.stringify({ [CSRF_HEADER]: props.csrfToken }) : undefined,
  });
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${props.title} · ${props.app.name}</title>
<meta name="htmx-config" content="${JSON.stringify(HTMX_CONFIG)}">
<link rel="stylesheet" href="${base}/hireloop.css">
<script src="${base}/htmx.min.js" defer></script>
<script src="${base}/hireloop.js" defer></script>
</head>
<body${bodyAttrs}>
<a class="skip-link" href="#main">Skip to content</a>
${siteHeader(props)}
<main id="main" class="main" tabindex="-1">
<div class="container">
<div id="${FLASH_REGION_ID}" class="flash-region">${flashes(props.flash)}</div>
${props.body}
</div>
</main>
<footer class="site-footer"><div class="container">${footerText(props.app.name)}</div></footer>
</body>
</html>`;
}

function footerText(appName: string): string {
  return appName === 'Hireloop'
    ? 'Hireloop · the open-source recruiting hub'
    : `${appName} · powered by Hireloop`;
}

function siteHeader(props: LayoutProps): SafeHtml {
  const nav = props.nav?.length
    ? html`<nav class="site-nav" aria-label="Main"><ul>${props.nav.map(
        (item) =>
          html`<li><a${attrs({ href: item.href, class: 'site-nav__link', 'aria-current': item.active ? 'page' : undefined })}>${item.label}</a></li>`,
      )}</ul></nav>`
    : '';
  return html`<header class="site-header">
<div class="container site-header__inner">
<a class="brand" href="${props.app.href}">${icons.logo}<span class="brand__name">${props.app.name}</span></a>
${nav}${props.user ? userMenu(props.user, props.signOutHref, props.csrfToken) : ''}
</div>
</header>`;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return (
    letters
      .map((p) => Array.from(p ?? '')[0] ?? '')
      .join('')
      .toUpperCase() || '?'
  );
}

function userMenu(
  user: LayoutUser,
  signOutHref: string | undefined,
  csrfToken: string | undefined,
): SafeHtml {
  const signOut = signOutHref
    ? html`<form method="post" action="${signOutHref}" class="user-menu__signout">${csrfField(csrfToken)}<button type="submit" class="btn btn--ghost btn--sm">Sign out</button></form>`
    : '';
  return html`<div class="user-menu">
<span class="avatar" aria-hidden="true">${initials(user.name)}</span>
<span class="user-menu__who"><span class="user-menu__name">${user.name}${
    user.role ? html` <span class="badge badge--brand">${user.role}</span>` : ''
  }</span><span class="user-menu__email">${user.email}</span></span>
${signOut}
</div>`;
}

export interface ErrorDocumentProps extends ErrorPageProps {
  app?: { name: string; href: string };
  assetBase?: string;
}

/** A whole error document (403/404/500) that says why; no nav, because it may render before auth. */
export function errorPage(props: ErrorDocumentProps): SafeHtml {
  const app = props.app ?? { name: 'Hireloop', href: '/' };
  return layout({
    title: props.title ?? errorDefaults(props.status).title,
    app,
    assetBase: props.assetBase,
    body: errorPanel({ ...props, homeHref: props.homeHref ?? app.href }),
  });
}
