// The HTML kit: escape-by-default templates, components, the assets plugin and reply helpers.
export { html, raw, attrs, classes, join, url, path, safeHref, escapeHtml, SafeHtml } from './html.ts';
export type { HtmlValue, AttrValue, Query, QueryValue } from './html.ts';
export { TemplateError } from './template-context.ts';
export * from './components.ts';
export { default as assetsPlugin, ASSETS_PREFIX, ASSET_FILES } from './assets.plugin.ts';
export { sendHtml, sendPage, renderPage, isHtmx, renderErrorHtml } from './respond.ts';
